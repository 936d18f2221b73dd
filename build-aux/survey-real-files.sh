#!/bin/sh
# survey-real-files.sh — elman-cli inspect over data files people have
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/survey-real-files.sh [ELMAN_CLI]
#
# Runs `elman-cli inspect` on every CSV and TSV data file that Debian's
# python3-statsmodels and python3-sklearn install (gzip-compressed ones
# unpacked first), and on R's datasets exported with write.csv() (when
# Rscript is there).  Prints one line per file — "time", "no-time" or
# "refused", the file, and the time axis or the message — then the counts
# and the refusals grouped by message.  Exit status 0.

set -u

cli=${1:-build/src/cli/elman-cli}
if [ ! -x "$cli" ]; then
  echo "survey-real-files.sh: no elman-cli at $cli (give its path)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/elman-survey-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
list="$work/files"
: > "$list"

for dir in /usr/lib/python3/dist-packages/statsmodels/datasets \
           /usr/lib/python3/dist-packages/sklearn/datasets; do
  [ -d "$dir" ] || continue
  find "$dir" -type f \( -name '*.csv' -o -name '*.tsv' \) -not -path '*/tests/*' | sort >> "$list"
  find "$dir" -type f \( -name '*.csv.gz' -o -name '*.tsv.gz' \) -not -path '*/tests/*' | sort |
    while read -r gz; do
      out="$work/gz/$(echo "$gz" | tr '/' '_' | sed 's/\.gz$//')"
      mkdir -p "$work/gz"
      gzip -dc "$gz" > "$out" 2>/dev/null && echo "$out" >> "$list"
    done
done

if command -v Rscript > /dev/null 2>&1; then
  mkdir -p "$work/R"
  Rscript -e 'd <- commandArgs(TRUE)[1];
              for (n in ls("package:datasets")) {
                x <- get(n, "package:datasets");
                if (is.data.frame(x) || is.matrix(x) || is.ts(x))
                  try(write.csv(x, file.path(d, paste0(n, ".csv"))), silent = TRUE)
              }' "$work/R" > /dev/null 2>&1
  find "$work/R" -type f -name '*.csv' | sort >> "$list"
fi

results="$work/results"
: > "$results"
while read -r f; do
  if out=$("$cli" inspect "$f" 2> "$work/err"); then
    axis=$(printf '%s\n' "$out" | sed -n 's/^Time axis: *//p')
    if [ "$axis" = "none" ]; then
      printf 'no-time\t%s\t%s\n' "$f" "$(printf '%s\n' "$out" | sed -n 's/^Time note: *//p')" >> "$results"
    else
      printf 'time\t%s\t%s\n' "$f" "$axis" >> "$results"
    fi
  else
    printf 'refused\t%s\t%s\n' "$f" "$(head -n 1 "$work/err")" >> "$results"
  fi
done < "$list"

sed "s|$work/gz/||; s|$work/R/|R datasets: |" "$results"
echo
printf 'files:            %s\n' "$(wc -l < "$results")"
printf 'with a time axis: %s\n' "$(grep -c '^time' "$results")"
printf 'without one:      %s\n' "$(grep -c '^no-time' "$results")"
printf 'refused:          %s\n' "$(grep -c '^refused' "$results")"
echo
echo "refusals by message (file and line left out):"
grep '^refused' "$results" | cut -f 3 | sed 's/^[^:]*:[0-9]*: //; s/^[^:]*: //' | sort | uniq -c | sort -rn
exit 0
