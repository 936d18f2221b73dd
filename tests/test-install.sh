#!/usr/bin/env bash
# test-install.sh — install Elman into a temporary prefix and use it
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-install.sh SRCDIR APP(true|false)
#
# Configures a fresh build of SRCDIR with --prefix=TMP/prefix, builds what
# it installs, runs `meson install` (a real install into that prefix, post-install
# scripts included), then checks the installed files and runs the installed
# programs: elman-cli --help in English, German and French, and the app,
# which must start under the test's display, own its application ID on the
# session bus, show a window with the bundled sample series, and quit when
# asked.  Output is TAP.

set -u

srcdir=$(cd "$1" && pwd)
with_app=${2:-true}
app_id=io.github.elman.Elman

tmp=$(mktemp -d "${TMPDIR:-/tmp}/elman-install-XXXXXX")
prefix=$tmp/prefix
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok ()
{
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
}
# check DESCRIPTION COMMAND...: one TAP line from a command's status.
check ()
{
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then
    ok "$what"
  else
    not_ok "$what" "$out"
  fi
}
bail ()
{
  echo "Bail out! $*"
  exit 1
}

# The nested build must not inherit the test environment's sanitizer and
# debug settings: they are meant for the binaries under test, not for meson.
unset G_DEBUG ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

# ---- build and install into the prefix ----
if ! log=$(meson setup "$tmp/build" "$srcdir" --prefix="$prefix" \
             -Dfuzzing=false -Dbuildtype=plain -Db_sanitize=none 2>&1); then
  printf '%s\n' "$log" | tail -20 | sed 's/^/# /'
  bail "meson setup failed"
fi
# Build only what is installed (not the tests and benchmarks), then install.
installed_targets=$(meson introspect --targets "$tmp/build" | python3 -c '
import json, os, sys
for t in json.load(sys.stdin):
    if t.get("installed"):
        for f in t["filename"]:
            print(os.path.relpath(f, sys.argv[1]))' "$tmp/build") || bail "meson introspect failed"
# shellcheck disable=SC2086 # one target per word
if ! log=$(ninja -C "$tmp/build" $installed_targets 2>&1); then
  printf '%s\n' "$log" | tail -30 | sed 's/^/# /'
  bail "building the installed targets failed"
fi
if log=$(meson install -C "$tmp/build" --no-rebuild 2>&1); then
  ok "meson install into $prefix"
else
  not_ok "meson install into $prefix" "$(printf '%s\n' "$log" | tail -20)"
  bail "cannot test an install that failed"
fi

share=$prefix/share
bindir=$prefix/bin

# ---- installed files ----
files_cli=(
  "$bindir/elman-cli"
  "$share/elman/airpassengers.csv"
  "$share/man/man1/elman-cli.1"
  "$share/locale/de/LC_MESSAGES/elman.mo"
  "$share/locale/fr/LC_MESSAGES/elman.mo"
)
files_app=(
  "$bindir/elman"
  "$share/applications/$app_id.desktop"
  "$share/metainfo/$app_id.metainfo.xml"
  "$share/glib-2.0/schemas/$app_id.gschema.xml"
  "$share/glib-2.0/schemas/gschemas.compiled"
  "$share/icons/hicolor/scalable/apps/$app_id.svg"
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "$share/dbus-1/services/$app_id.service"
)
files=("${files_cli[@]}")
[ "$with_app" = true ] && files+=("${files_app[@]}")
for f in "${files[@]}"; do
  if [ -s "$f" ]; then
    ok "installed ${f#"$prefix"/}"
  else
    not_ok "installed ${f#"$prefix"/}" "missing or empty: $f"
  fi
done
for f in "$bindir/elman-cli" "$bindir/elman"; do
  [ "$with_app" = true ] || [ "$f" = "$bindir/elman-cli" ] || continue
  check "${f#"$prefix"/} is executable" test -x "$f"
done
check "the installed sample series equals data/airpassengers.csv" \
  cmp "$srcdir/data/airpassengers.csv" "$share/elman/airpassengers.csv"
check "the installed man page formats" \
  sh -c "LC_ALL=C.UTF-8 MANWIDTH=80 man -l '$share/man/man1/elman-cli.1' | grep -q 'elman-cli'"
if [ "$with_app" = true ]; then
  check "the installed desktop file validates" desktop-file-validate "$share/applications/$app_id.desktop"
  check "the D-Bus service starts $bindir/elman" \
    grep -qx "Exec=$bindir/elman --gapplication-service" "$share/dbus-1/services/$app_id.service"
fi

# ---- the installed CLI ----
# The help of elman-cli and of its commands, in the language given.
all_help ()
{
  local lang=$1 cmd
  for cmd in "" train forecast; do
    LC_ALL=C.UTF-8 LANGUAGE=$lang "$bindir/elman-cli" $cmd --help 2>&1 || return 1
  done
}

help_en=$(all_help "")
status=$?
if [ $status -eq 0 ] && grep -q 'train' <<<"$help_en"; then
  ok "installed elman-cli --help, train --help, forecast --help run"
else
  not_ok "installed elman-cli --help, train --help, forecast --help run" "exit status $status" "$help_en"
fi

# A translation is in use when the output in a language contains the
# translation of a message that the English output contains.
translated_lines ()
{
  python3 "$srcdir/tests/po-translated.py" "$srcdir/po/$1.po" "$2" "$3"
}

for lang in de fr; do
  help_l=$(all_help "$lang")
  hits=$(translated_lines "$lang" "$help_en" "$help_l")
  if [ -n "$hits" ]; then
    ok "LANGUAGE=$lang elman-cli help is translated ($(wc -l <<<"$hits") messages): $(head -1 <<<"$hits")"
  else
    not_ok "LANGUAGE=$lang elman-cli help is translated" "no translated message found in:" "$help_l"
  fi
done

# ---- the installed app ----
if [ "$with_app" = true ]; then
  if [ -z "${DISPLAY:-}" ]; then
    not_ok "the installed app starts" "no DISPLAY: run the tests under xvfb-run (the README's test command does)"
  else
    cat > "$tmp/run-app.sh" <<'EOF'
#!/usr/bin/env bash
# Runs inside its own session bus: start the app, wait for its bus name and
# window, then ask it to quit.  Prints TAP lines for the caller.
set -u
bindir=$1 app_id=$2 lang=$3
log=$(mktemp)
LANGUAGE=$lang "$bindir/elman" >"$log" 2>&1 &
pid=$!
owner=
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || break
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner "$app_id" 2>/dev/null | grep -q true; then
    owner=yes
    break
  fi
  sleep 0.1
done
if [ -n "$owner" ]; then
  echo "ok - app ($lang) owns $app_id on the session bus"
else
  echo "not ok - app ($lang) owns $app_id on the session bus"
  sed 's/^/# /' "$log"
fi
title=
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || break
  win=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1)
  if [ -n "$win" ]; then
    title=$(xdotool getwindowname "$win" 2>/dev/null)
    case "$title" in *airpassengers*) break ;; esac
  fi
  sleep 0.1
done
if [ -n "$title" ]; then
  echo "ok - app ($lang) shows a window: $title"
else
  echo "not ok - app ($lang) shows a window"
  sed 's/^/# /' "$log"
fi
case "$title" in
  *airpassengers*) echo "ok - app ($lang) opened the installed sample series on first start" ;;
  *) echo "not ok - app ($lang) opened the installed sample series on first start (title: $title)" ;;
esac
# Quit through the app's own action, as a desktop would.
gdbus call --session --dest "$app_id" --object-path "/${app_id//./\/}" \
  --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>&1
status=
for _ in $(seq 1 50); do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    status=$?
    break
  fi
  sleep 0.1
done
if [ "$status" = 0 ]; then
  echo "ok - app ($lang) quits with status 0 on app.quit"
else
  echo "not ok - app ($lang) quits with status 0 on app.quit (status: ${status:-still running})"
  kill "$pid" 2>/dev/null
  sed 's/^/# /' "$log"
fi
rm -f "$log"
EOF
    for lang in en de; do
      # Into a file, not through $(…): a service the session bus started
      # (the accessibility registry) can outlive the bus with the pipe
      # still open, and $(…) would wait for it forever. GTK_A11Y=none keeps
      # the app from starting that bus at all.
      env GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
          XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
          XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" \
          XDG_CACHE_HOME="$tmp/home/cache" LC_ALL=C.UTF-8 GTK_A11Y=none \
          timeout 120 dbus-run-session -- bash "$tmp/run-app.sh" "$bindir" "$app_id" "$lang" \
          >"$tmp/app-$lang.log" 2>&1 </dev/null
      out=$(cat "$tmp/app-$lang.log")
      while IFS= read -r line; do
        case "$line" in
          "ok - "*) ok "${line#ok - }" ;;
          "not ok - "*) not_ok "${line#not ok - }" ;;
          "# "*) echo "$line" ;;
        esac
      done <<<"$out"
    done
  fi
fi

echo "1..$n"
[ $failed -eq 0 ]
