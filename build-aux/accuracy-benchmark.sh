#!/bin/sh
# accuracy-benchmark.sh — Elman --auto against seasonal naive, ETS, auto.arima and nnetar
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/accuracy-benchmark.sh [ELMAN_CLI] [OUTDIR]
#   ELMAN_CLI  the built elman-cli (default: build/src/cli/elman-cli)
#   OUTDIR     where series, forecasts and accuracy.csv go (default: a new temporary directory)
#
# Needs R with the forecast and modeldata packages (Debian: apt-get install -y
# r-cran-forecast r-cran-modeldata).
# Every method sees the same protocol (docs/accuracy.md): the last
# max(ceil(0.2 n), 2K) values are the test part; from each origin in it the
# method forecasts K steps from the true history before the origin; test MASE is
# scored in R for all methods with the same scale.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cli=${1:-$top/build/src/cli/elman-cli}
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/elman-accuracy.XXXXXX")}

if [ ! -x "$cli" ]; then
  echo "accuracy-benchmark.sh: $cli is not an executable elman-cli; build first or pass its path" >&2
  exit 1
fi
if ! Rscript -e 'suppressPackageStartupMessages({library(forecast); library(modeldata)})' >/dev/null 2>&1; then
  echo "accuracy-benchmark.sh: R's forecast or modeldata package is missing" \
       "(apt-get install -y r-cran-forecast r-cran-modeldata)" >&2
  exit 1
fi

mkdir -p "$out/data"
Rscript "$here/accuracy.R" export "$out/data"

# name, file, m (frequency), K
manifest="$out/manifest.tsv"
: > "$manifest"
add () {
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$manifest"
}
add airpassengers "$out/data/airpassengers.csv" 12 12
add sunspot_year "$out/data/sunspot_year.csv" 1 5
add nottem "$out/data/nottem.csv" 12 12
add ukgas "$out/data/ukgas.csv" 4 4
add co2 "$out/data/co2.csv" 12 12
add usaccdeaths "$out/data/usaccdeaths.csv" 12 12
add wineind "$out/data/wineind.csv" 12 12
add lynx "$out/data/lynx.csv" 1 5
add nile "$out/data/nile.csv" 1 5
add ukdriverdeaths "$out/data/ukdriverdeaths.csv" 12 12
add johnsonjohnson "$out/data/johnsonjohnson.csv" 4 4
add lakehuron "$out/data/lakehuron.csv" 1 5
add drinks "$out/data/drinks.csv" 12 12
add chicago_weekly "$out/data/chicago_weekly.csv" 52 8

echo "Elman: elman-cli train [--auto] -K K --test-fraction 0.2 (output in $out)"
tab=$(printf '\t')
while IFS="$tab" read -r name file m K; do
  start=$(date +%s)
  "$cli" train --auto -K "$K" --test-fraction 0.2 --quiet \
    --test-forecasts-out "$out/elman-$name.csv" --metrics-out "$out/elman-$name.json" \
    "$file" 2> "$out/elman-$name.log" || {
      echo "accuracy-benchmark.sh: elman-cli failed on $name, see $out/elman-$name.log" >&2
      exit 1
    }
  middle=$(date +%s)
  # The recommended preset alone: one network, AUTO transform, no search.
  "$cli" train -K "$K" --test-fraction 0.2 --quiet \
    --test-forecasts-out "$out/elman-rec-$name.csv" \
    "$file" 2> "$out/elman-rec-$name.log" || {
      echo "accuracy-benchmark.sh: elman-cli failed on $name, see $out/elman-rec-$name.log" >&2
      exit 1
    }
  printf '  %-14s --auto %4d s, recommended %4d s\n' "$name" "$(( middle - start ))" "$(( $(date +%s) - middle ))"
done < "$manifest"

echo
Rscript "$here/accuracy.R" score "$manifest" "$out"
