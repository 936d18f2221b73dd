#!/usr/bin/env bash
# test-data.sh — validate Elman's data files
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One check per call, so that each is its own meson test:
#   test-data.sh desktop-file      BUILT.desktop
#   test-data.sh metainfo          BUILT.metainfo.xml SRCDIR
#   test-data.sh gschema           SRCDIR/data
#   test-data.sh po                SRCDIR/po
#   test-data.sh potfiles          SRCDIR
#   test-data.sh flatpak-manifest  SRCDIR/flatpak/MANIFEST.json
#   test-data.sh man-page          SRCDIR/data/elman-cli.1
#   test-data.sh translation-cli   SRCDIR BUILDDIR/po BUILT-elman-cli
# Exits 0 when the check passes, 1 with a message naming the file otherwise.
# A missing validator is a failure, not a skip: build-aux/elman-dev installs them.

set -u

app_id=io.github.elman.Elman

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

need ()
{
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed (package $2)"
}

check_desktop ()
{
  local file=$1
  need desktop-file-validate desktop-file-utils
  [ -f "$file" ] || fail "$file does not exist"
  desktop-file-validate "$file" || fail "$file: desktop-file-validate reported errors"
  grep -qx "Icon=$app_id" "$file" || fail "$file: Icon is not $app_id"
  grep -q '^Exec=elman ' "$file" || fail "$file: Exec does not start the elman binary"
  # i18n.merge_file must have put the translations in.
  local lang
  for lang in de fr; do
    grep -q "^Comment\[$lang\]=" "$file" || fail "$file: no translated Comment[$lang]"
  done
  echo "$file: valid, translated (de, fr)"
}

check_metainfo ()
{
  local file=$1 srcdir=$2
  need appstreamcli appstream
  [ -f "$file" ] || fail "$file does not exist"
  appstreamcli validate --no-net --explain "$file" || fail "$file: appstreamcli validate reported problems"

  grep -q "<id>$app_id</id>" "$file" || fail "$file: component id is not $app_id"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$file" \
    || fail "$file: no launchable $app_id.desktop"
  local bin
  for bin in elman elman-cli; do
    grep -q "<binary>$bin</binary>" "$file" || fail "$file: does not provide the binary $bin"
  done
  grep -q '<content_rating type="oars-1' "$file" || fail "$file: no OARS content rating"
  grep -q '<release ' "$file" || fail "$file: no release"
  local lang
  for lang in de fr; do
    grep -q "<summary xml:lang=\"$lang\">" "$file" || fail "$file: no $lang summary"
  done

  # Every screenshot must be a file in data/screenshots/ of this repository.
  local urls url n=0
  urls=$(sed -n 's|.*<image[^>]*>\(.*\)</image>.*|\1|p' "$file")
  [ -n "$urls" ] || fail "$file: no screenshots"
  for url in $urls; do
    case "$url" in
      */data/screenshots/*) ;;
      *) fail "$file: screenshot $url is not under data/screenshots/" ;;
    esac
    [ -f "$srcdir/data/screenshots/${url##*/}" ] \
      || fail "$file: screenshot $url: no file data/screenshots/${url##*/} in the repository"
    n=$((n + 1))
  done
  echo "$file: valid, $n screenshots present"
}

check_schema ()
{
  local dir=$1
  need glib-compile-schemas libglib2.0-bin
  [ -f "$dir/$app_id.gschema.xml" ] || fail "$dir/$app_id.gschema.xml does not exist"
  glib-compile-schemas --strict --dry-run "$dir" || fail "$dir/$app_id.gschema.xml: glib-compile-schemas --strict failed"
  grep -q "<schema id=\"$app_id\"" "$dir/$app_id.gschema.xml" \
    || fail "$dir/$app_id.gschema.xml: no schema with id $app_id"
  echo "$dir/$app_id.gschema.xml: valid"
}

check_po ()
{
  local podir=$1 lang po stats n=0
  need msgfmt gettext
  [ -s "$podir/LINGUAS" ] || fail "$podir/LINGUAS is missing or empty"
  for lang in $(sed 's/#.*//' "$podir/LINGUAS"); do
    po=$podir/$lang.po
    [ -f "$po" ] || fail "$po is listed in LINGUAS but does not exist"
    grep -q 'charset=UTF-8' "$po" || fail "$po: charset is not UTF-8"
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) \
      || fail "$po: msgfmt --check failed: $stats"
    # Complete means: nothing fuzzy, nothing untranslated.
    case "$stats" in
      *fuzzy*|*untranslated*) fail "$po: incomplete: $stats" ;;
    esac
    echo "$po: $stats"
    n=$((n + 1))
  done
  [ "$n" -ge 2 ] || fail "$podir: fewer than two translations"
}

# Every source file that marks strings for translation is in POTFILES.in, and
# every file listed there exists.
check_potfiles ()
{
  local srcdir=$1 potfiles=$1/po/POTFILES.in f
  [ -f "$potfiles" ] || fail "$potfiles does not exist"
  for f in $(sed 's/#.*//' "$potfiles"); do
    [ -f "$srcdir/$f" ] || fail "$potfiles lists $f, which does not exist"
  done
  (
    cd "$srcdir" || exit 1
    for f in src/*/*.c; do
      [ -f "$f" ] || continue
      grep -Eq '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(' "$f" || continue
      grep -qx "$f" po/POTFILES.in || { echo "FAIL: $f marks strings for translation but is not in po/POTFILES.in" >&2; exit 1; }
    done
    for f in ui/*.ui data/*.desktop.in data/*.metainfo.xml.in; do
      [ -f "$f" ] || continue
      case "$f" in
        *.ui) grep -q 'translatable="yes"' "$f" || continue ;;
      esac
      grep -qx "$f" po/POTFILES.in || { echo "FAIL: $f has translatable strings but is not in po/POTFILES.in" >&2; exit 1; }
    done
    # xgettext cannot expand GLib's format macros: it cuts the message at
    # "%" G_GSIZE_FORMAT, so the real message is never translated.
    bad=$(grep -nE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(.*%"[[:space:]]*G_G[A-Z0-9]*_FORMAT' src/*/*.c)
    if [ -n "$bad" ]; then
      echo "FAIL: translatable messages built with GLib's format macros; xgettext cuts them at the macro, so they are never translated. Use %zu (gsize), %lu with a cast, or %\" PRIu64 \" instead:" >&2
      echo "$bad" >&2
      exit 1
    fi
  ) || exit 1
  echo "$potfiles: complete, every marked message extractable"
}

check_manifest ()
{
  local file=$1 py
  py=$(command -v python3) || fail "python3 is not installed"
  "$py" -m json.tool "$file" >/dev/null || fail "$file is not valid JSON"
  "$py" - "$file" "$app_id" <<'EOF' || exit 1
import json, sys
path, app_id = sys.argv[1], sys.argv[2]
m = json.load(open(path, encoding="utf-8"))
def fail(msg):
    sys.exit("FAIL: %s: %s" % (path, msg))
if m.get("id", m.get("app-id")) != app_id:
    fail("id is not " + app_id)
if m.get("runtime") != "org.gnome.Platform" or m.get("sdk") != "org.gnome.Sdk":
    fail("runtime/sdk are not org.gnome.Platform/org.gnome.Sdk")
if not str(m.get("runtime-version", "")).isdigit():
    fail("runtime-version must pin a released GNOME runtime (a number), not %r" % m.get("runtime-version"))
if m.get("command") != "elman":
    fail("command is not elman")
args = m.get("finish-args", [])
want = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
if set(args) != want:
    fail("finish-args must be exactly %s, not %s" % (sorted(want), args))
if any(a.startswith("--filesystem") for a in args):
    fail("files come through portals: no --filesystem")
last = m["modules"][-1]
if last.get("name") != "elman" or last.get("buildsystem") != "meson":
    fail("the last module must build elman with meson")
if not any(s.get("type") == "dir" and s.get("path") == ".." for s in last.get("sources", [])):
    fail("elman must be built from this repository (a dir source with path ..)")
print("%s: valid JSON, GNOME %s, finish-args %s" % (path, m["runtime-version"], " ".join(args)))
EOF
  # flatpak-builder, when installed, parses it the way a real build would.
  if command -v flatpak-builder >/dev/null 2>&1; then
    G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$file" >/dev/null \
      || fail "$file: flatpak-builder --show-manifest rejected it"
    echo "$file: accepted by flatpak-builder --show-manifest"
  fi
}

check_man ()
{
  local file=$1 warnings
  need groff groff-base
  [ -f "$file" ] || fail "$file does not exist"
  warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$file" 2>&1)
  [ -z "$warnings" ] || fail "$file: groff warnings: $warnings"
  grep -q '^\.SH EXIT STATUS' "$file" || fail "$file: no EXIT STATUS section"
  echo "$file: formats without warnings"
}

# The built elman-cli, pointed at the build directory's .mo files
# (ELMAN_LOCALEDIR), prints its help translated with LANGUAGE=de and =fr.
check_translation_cli ()
{
  local srcdir=$1 localedir=$2 cli=$3 en out hits lang
  need python3 python3
  [ -f "$localedir/de/LC_MESSAGES/elman.mo" ] || fail "$localedir/de/LC_MESSAGES/elman.mo was not built"
  help ()
  {
    local cmd
    for cmd in "" train forecast; do
      LC_ALL=C.UTF-8 LANGUAGE=$1 ELMAN_LOCALEDIR=$localedir "$cli" $cmd --help 2>&1 || return 1
    done
  }
  en=$(help "") || fail "$cli --help failed: $en"
  for lang in de fr; do
    out=$(help "$lang") || fail "LANGUAGE=$lang $cli --help failed: $out"
    hits=$(python3 "$srcdir/tests/po-translated.py" "$srcdir/po/$lang.po" "$en" "$out") \
      || fail "LANGUAGE=$lang $cli --help shows no message from po/$lang.po:
$out"
    echo "LANGUAGE=$lang: $(wc -l <<<"$hits") translated messages, e.g. \"$(head -1 <<<"$hits")\""
  done
}

[ $# -ge 2 ] || fail "usage: $0 desktop|metainfo|schema|po|potfiles|manifest|man FILE [SRCDIR]"
what=$1
shift
case "$what" in
  desktop|desktop-file)      check_desktop "$@" ;;
  metainfo)                  check_metainfo "$@" ;;
  schema|gschema)            check_schema "$@" ;;
  po)                        check_po "$@" ;;
  potfiles)                  check_potfiles "$@" ;;
  manifest|flatpak-manifest) check_manifest "$@" ;;
  man|man-page)              check_man "$@" ;;
  translation-cli)           check_translation_cli "$@" ;;
  *)        fail "unknown check $what" ;;
esac
