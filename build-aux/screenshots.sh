#!/usr/bin/env bash
# screenshots.sh — regenerate data/screenshots/elman-{light,dark,1024x600,ensemble}.png and
# data/screenshots/network-{seed,recommended}-{light,dark}.png
#
#   build-aux/screenshots.sh [BUILD_DIR]     (default: build)
#
# Runs the built app under Xvfb with its own session bus and throw-away
# settings, opens the bundled sample series, trains it (Ctrl+Return),
# points at the plot to show the read-out and captures the window: in
# the light and the dark style (ELMAN_STYLE) at the default size, on a
# 1024×600 screen (the smallest common laptop), and while an ensemble of
# five networks trains (progress on screen, not the finished run), and
# when --auto's search has finished (the choice it made, in words).
#
# The Network view is shot mid-training with each preset: the settings then live in a keyfile
# that sets the preset (filled on the first start) and, once the app has
# written it, as many epochs as the run needs to stay in progress.
#
# Copyright 2026 The Elman developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case "$build" in /*) ;; *) build="$top/$build" ;; esac
out="$top/data/screenshots"
app="$build/src/app/elman"

for tool in xvfb-run dbus-run-session xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing" >&2; exit 1; }
done
[ -x "$app" ] || { echo "screenshots.sh: build the app first ($app)" >&2; exit 1; }
[ -f "$build/data/gschemas.compiled" ] || { echo "screenshots.sh: no compiled schema in $build/data" >&2; exit 1; }
mkdir -p "$out"

# shoot NAME STYLE WIDTH HEIGHT WAIT [ENSEMBLE]: the window at WIDTH×HEIGHT
# on a screen of that size or larger, captured WAIT seconds after Train;
# ENSEMBLE "auto" turns the automatic search on.
# The start of inside.sh: the app's environment, the app started on the
# sample series, and its window found ($win, $pid).
inside_start () {
  local scratch=$1 style=$2
  cat <<INSIDE
set -eu
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=keyfile
export ELMAN_DATADIR="$top/data" ELMAN_STYLE="$style"
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export LC_ALL=C.UTF-8 LANGUAGE=en
"$app" >"$scratch/app.log" 2>&1 &
pid=\$!
win=""
for _ in \$(seq 1 50); do
  win=\$(xdotool search --onlyvisible --name '^airpassengers.csv\$' 2>/dev/null | head -n1 || true)
  [ -n "\$win" ] && break
  sleep 0.2
done
[ -n "\$win" ] || { echo "screenshots.sh: the window did not appear" >&2; cat "$scratch/app.log" >&2; kill \$pid; exit 1; }
sleep 1.5
INSIDE
}

# Runs $scratch/inside.sh under Xvfb (screen WxH) with its own session bus,
# removes the scratch folder and prints the shot's path.
run_inside () {
  local scratch=$1 screen=$2 shot=$3
  xvfb-run -a -s "-screen 0 ${screen}x24 -nolisten tcp" \
    dbus-run-session -- sh "$scratch/inside.sh" 2>"$scratch/bus.log" || { cat "$scratch/bus.log" >&2; rm -rf "$scratch"; return 1; }
  rm -rf "$scratch"
  echo "$shot"
}

shoot () {
  local name=$1 style=$2 width=$3 height=$4 wait=$5 ensemble=${6:-1} scratch screen
  scratch=$(mktemp -d)
  screen="$(( width > 1280 ? width : 1280 ))x$(( height > 800 ? height : 800 ))"
  [ "$width" -lt 1180 ] && screen="${width}x${height}"
  # Settings the app starts with: a keyfile, thrown away afterwards. An
  # ensemble trains longer, so that it is caught at work.
  mkdir -p "$scratch/config/glib-2.0/settings"
  cat > "$scratch/config/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/elman/Elman]
window-width=$width
window-height=$height
KEYFILE
  if [ "$ensemble" = auto ]; then
    printf "parameters-initialized=true\nauto-search=true\n" >> "$scratch/config/glib-2.0/settings/keyfile"
  elif [ "$ensemble" -gt 1 ]; then
    printf "parameters-initialized=true\npreset='seed'\nensemble=%s\nepochs=200000\n" "$ensemble" \
      >> "$scratch/config/glib-2.0/settings/keyfile"
  fi
  # Inside Xvfb and the private bus: start, train, hover, capture, quit.
  { inside_start "$scratch" "$style"; cat <<INSIDE
eval "\$(xdotool getwindowgeometry --shell "\$win")"
xdotool mousemove \$(( X + WIDTH / 2 )) \$(( Y + HEIGHT / 2 )) key ctrl+Return
sleep $wait
# Point at the test part of the series panel to show the read-out.
xdotool mousemove \$(( X + WIDTH * 86 / 100 )) \$(( Y + HEIGHT * 28 / 100 ))
sleep 0.5
# Cut the window out of the screen (capturing the ARGB window itself loses
# the translucent parts of its CSD frame).
eval "\$(xdotool getwindowgeometry --shell "\$win")"
import -window root -crop "\${WIDTH}x\${HEIGHT}+\${X}+\${Y}" +repage "$out/elman-$name.png"
kill \$pid
wait \$pid 2>/dev/null || true
INSIDE
  } > "$scratch/inside.sh"
  run_inside "$scratch" "$screen" "$out/elman-$name.png"
}

shoot_network () {
  local preset=$1 style=$2 scratch kf
  scratch=$(mktemp -d)
  kf="$scratch/config/glib-2.0/settings/keyfile"
  mkdir -p "$(dirname "$kf")"
  printf "[io/github/elman/Elman]\npreset='%s'\nparameters-initialized=false\nwindow-width=1400\nwindow-height=1000\n" \
    "$preset" > "$kf"
  { inside_start "$scratch" "$style"; cat <<INSIDE
# The preset filled the parameters: now a run that does not end by itself.
sed -i 's/^epochs=.*/epochs=uint32 10000000/' "$kf"
sleep 1
# Alt+N: the Network view.
xdotool mousemove 900 300 key alt+n
sleep 0.5
if [ "$preset" = recommended ]; then
  # Early stopping ends it within a tenth of a second on the sample:
  # pause it (Ctrl+Space) as it starts, then Step (the button beside
  # Pause) through 40 epochs.
  xdotool key --delay 1 ctrl+Return ctrl+space
  sleep 1
  for _ in \$(seq 1 40); do
    xdotool mousemove --window "\$win" 435 105 click 1
    sleep 0.1
  done
  xdotool mousemove --window "\$win" 900 300
  sleep 1.5
else
  xdotool key ctrl+Return
  sleep 4
fi
eval "\$(xdotool getwindowgeometry --shell "\$win")"
import -window root -crop "\${WIDTH}x\${HEIGHT}+\${X}+\${Y}" +repage "$out/network-$preset-$style.png"
kill \$pid
wait \$pid 2>/dev/null || true
INSIDE
  } > "$scratch/inside.sh"
  run_inside "$scratch" 1600x1100 "$out/network-$preset-$style.png"
}

shoot light light 1180 760 6
shoot dark dark 1180 760 6
shoot 1024x600 light 1024 600 6
shoot ensemble light 1180 760 3 5
shoot auto light 1180 760 12 auto
for preset in seed recommended; do
  shoot_network "$preset" light
  shoot_network "$preset" dark
done
