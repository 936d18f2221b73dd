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
# Needs R with the forecast, modeldata and AER packages and statsmodels' data
# files (Debian: apt-get install -y r-base-core r-cran-forecast r-cran-modeldata
# r-cran-aer python3-statsmodels); it checks for them and stops if one is missing.
# Every method sees the same protocol (docs/accuracy.md): the last
# max(ceil(0.2 n), 2K) values are the test part; from each origin in it the
# method forecasts K steps from the true history before the origin; test MASE is
# scored in R for all methods with the same scale.
#
# R's scores and wall times are kept in build-aux/accuracy-baselines.tsv and
# reused for every series whose data, m and K are unchanged, so a rerun trains
# only Elman. Series missing there are fitted in R; the complete file is written
# to OUTDIR/accuracy-baselines.tsv (copy it over the committed one to keep them)
# and each one fitted is appended at once to OUTDIR/accuracy-baselines-partial.tsv.
# ACCURACY_SERIES="name1 name2" limits the run to those series.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cli=${1:-$top/build/src/cli/elman-cli}
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/elman-accuracy.XXXXXX")}
baselines=$here/accuracy-baselines.tsv

if [ ! -x "$cli" ]; then
  echo "accuracy-benchmark.sh: $cli is not an executable elman-cli; build first or pass its path" >&2
  exit 1
fi
need="apt-get install -y r-base-core r-cran-forecast r-cran-modeldata r-cran-aer python3-statsmodels"
if ! command -v Rscript >/dev/null 2>&1 ||
   ! Rscript -e 'suppressPackageStartupMessages({library(forecast); library(modeldata); library(AER)})' >/dev/null 2>&1; then
  echo "accuracy-benchmark.sh: R or its forecast, modeldata or AER package is missing ($need)" >&2
  exit 1
fi
# statsmodels' data files: from the installed package, else Debian's path.
smdata=$(python3 -c 'import os, statsmodels.datasets as d; print(os.path.dirname(d.__file__))' 2>/dev/null ||
         echo /usr/lib/python3/dist-packages/statsmodels/datasets)
if [ ! -f "$smdata/macrodata/macrodata.csv" ]; then
  echo "accuracy-benchmark.sh: statsmodels' datasets are missing ($need)" >&2
  exit 1
fi

mkdir -p "$out/data"
Rscript "$here/accuracy.R" export "$out/data" "$smdata"

# name, m (frequency), K, kind. Kept apart, never run here nor tuned on, to check
# results independently: austres, BJsales, discoveries, WWWusage, mdeaths,
# treering, EuStockMarkets, beaver1, gas, woolyrnq, taylor, gold,
# UKNonDurables, DutchSales and statsmodels' macrodata realgdp.
manifest="$out/manifest.tsv"
: > "$manifest"
add () {
  case " ${ACCURACY_SERIES:-$1} " in
    *" $1 "*) printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$out/data/$1.csv" "$2" "$3" "$4" >> "$manifest" ;;
  esac
}
# The first fourteen, the set the methods were developed on.
add airpassengers 12 12 classic
add sunspot_year 1 5 classic
add nottem 12 12 classic
add ukgas 4 4 classic
add co2 12 12 classic
add usaccdeaths 12 12 classic
add wineind 12 12 classic
add lynx 1 5 classic
add nile 1 5 classic
add ukdriverdeaths 12 12 classic
add johnsonjohnson 4 4 classic
add lakehuron 1 5 classic
add drinks 12 12 classic
add chicago_weekly 52 8 classic
# Trending without a season (m as R's frequency of the series).
add motorcycles2 1 5 trend
add usconsump_exp 1 5 trend
add macro_cpi 4 4 trend
add macro_m1 4 4 trend
add macro_pop 4 4 trend
add usmacro_cpi 12 12 trend
# Random-walk like; the weekly and daily ones without a season (m = 1).
add djfranses 1 8 randomwalk
add pepper_black 12 12 randomwalk
add frozenjuice 12 12 randomwalk
add macro_tbilrate 4 4 randomwalk
add djia8012 1 5 randomwalk
add silver 1 5 randomwalk
# Seasons and cycles.
add sunspot_month 12 12 season
add nhtemp 1 5 season
add usprodindex 4 4 season
add germanunemp 4 4 season
add elnino 12 12 season
add elec_equip 12 12 season

echo "Elman: elman-cli train [--auto] -K K --test-fraction 0.2 (output in $out)"
tab=$(printf '\t')
: > "$out/elman-times.tsv"
now () {
  date +%s.%N
}
while IFS="$tab" read -r name file m K kind; do
  start=$(now)
  "$cli" train --auto -K "$K" --test-fraction 0.2 --quiet \
    --test-forecasts-out "$out/elman-$name.csv" --metrics-out "$out/elman-$name.json" \
    "$file" 2> "$out/elman-$name.log" || {
      echo "accuracy-benchmark.sh: elman-cli failed on $name, see $out/elman-$name.log" >&2
      exit 1
    }
  middle=$(now)
  # The recommended preset alone: one network, AUTO transform, no search.
  "$cli" train -K "$K" --test-fraction 0.2 --quiet \
    --test-forecasts-out "$out/elman-rec-$name.csv" \
    "$file" 2> "$out/elman-rec-$name.log" || {
      echo "accuracy-benchmark.sh: elman-cli failed on $name, see $out/elman-rec-$name.log" >&2
      exit 1
    }
  end=$(now)
  t_auto=$(awk "BEGIN { printf \"%.2f\", $middle - $start }")
  t_rec=$(awk "BEGIN { printf \"%.2f\", $end - $middle }")
  printf '%s\t%s\t%s\n' "$name" "$t_auto" "$t_rec" >> "$out/elman-times.tsv"
  printf '  %-16s --auto %7.1f s, recommended %6.1f s\n' "$name" "$t_auto" "$t_rec"
done < "$manifest"

echo
Rscript "$here/accuracy.R" score "$manifest" "$out" "$baselines"
if [ -s "$out/accuracy-baselines-partial.tsv" ]; then
  echo "R fitted series missing from $baselines: the full set is $out/accuracy-baselines.tsv" \
       "(copy it there to keep them)"
fi
