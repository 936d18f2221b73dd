#!/bin/sh
# survey-real-files.sh — elman-cli inspect over the data files real packages ship
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/survey-real-files.sh [ELMAN_CLI] [OUTDIR]
#   ELMAN_CLI  the built elman-cli (default: build/src/cli/elman-cli)
#   OUTDIR     where R's exported datasets and the per-file results go
#              (default: a new temporary directory)
#
# The files: every .csv and .tsv (also gzip-compressed, unpacked into OUTDIR)
# that Debian's python3-statsmodels and python3-sklearn (with their -lib
# packages) and r-base-core install, and every object of R's datasets package
# that write.csv() accepts, exported into OUTDIR/r-datasets (time series with
# their time as the first column, "time", as as.numeric(time(x)) gives it).
# Needs: apt-get install -y r-base-core python3-statsmodels python3-sklearn
#
# Prints, per source and in all: read with a time axis, read without one, and
# refused, the refusals grouped by message (file name, line number, column and
# the refused value replaced by placeholders), each with one example.
# OUTDIR/results.tsv holds one line per file: source, outcome, file, message.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cli=${1:-$top/build/src/cli/elman-cli}
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/elman-survey.XXXXXX")}

if [ ! -x "$cli" ]; then
  echo "survey-real-files.sh: $cli is not an executable elman-cli; build first or pass its path" >&2
  exit 1
fi
need="apt-get install -y r-base-core python3-statsmodels python3-sklearn"
for pkg in python3-statsmodels python3-sklearn r-base-core; do
  if ! dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    echo "survey-real-files.sh: $pkg is not installed ($need)" >&2
    exit 1
  fi
done

mkdir -p "$out/r-datasets" "$out/unpacked"
list="$out/files.tsv"
: > "$list"

# Package files: source, path.
for pkg in python3-statsmodels python3-statsmodels-lib python3-sklearn python3-sklearn-lib r-base-core; do
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || continue
  case $pkg in
    python3-statsmodels*) source=statsmodels ;;
    python3-sklearn*) source=sklearn ;;
    *) source=r-base-core ;;
  esac
  dpkg -L "$pkg" | grep -E '\.(csv|tsv)(\.gz)?$' | while read -r path; do
    [ -f "$path" ] || continue
    # statsmodels' own datasets apart from the result files of its tests.
    from=$source
    case $source:$path in
      statsmodels:*/datasets/*) ;;
      statsmodels:*) from=statsmodels-other ;;
    esac
    case $path in
      *.gz)
        plain="$out/unpacked/$(printf '%s' "$path" | tr '/' '_' | sed 's/\.gz$//')"
        gzip -dc "$path" > "$plain"
        printf '%s\t%s\n' "$from" "$plain" >> "$list"
        ;;
      *)
        printf '%s\t%s\n' "$from" "$path" >> "$list"
        ;;
    esac
  done
done

# R's datasets, written as a user would with write.csv().
Rscript -e '
dir <- commandArgs(trailingOnly = TRUE)[1]
for (name in ls("package:datasets")) {
  x <- get(name, "package:datasets")
  if (is.ts(x))
    x <- data.frame(time = as.numeric(time(x)), x)
  ok <- tryCatch({
    write.csv(x, file.path(dir, paste0(name, ".csv")))
    TRUE
  }, error = function(e) FALSE)
  if (!ok)
    unlink(file.path(dir, paste0(name, ".csv")))
}' "$out/r-datasets"
for path in "$out"/r-datasets/*.csv; do
  printf '%s\t%s\n' r-datasets "$path" >> "$list"
done

# Inspect each file: outcome "time", "no-time" or "refused".
results="$out/results.tsv"
: > "$results"
tab=$(printf '\t')
while IFS="$tab" read -r source path; do
  if "$cli" inspect "$path" > "$out/stdout" 2> "$out/stderr"; then
    if grep -q '^Time axis: *none' "$out/stdout"; then
      outcome=no-time
    else
      outcome=time
    fi
    message=
  else
    outcome=refused
    message=$(head -n 1 "$out/stderr" | tr '\t' ' ')
  fi
  printf '%s\t%s\t%s\t%s\n' "$source" "$outcome" "$path" "$message" >> "$results"
done < "$list"
rm -f "$out/stdout" "$out/stderr"

echo "elman-cli inspect over $(wc -l < "$results") files (results in $results)"
echo
printf '%-17s %6s %10s %13s %8s\n' source files "time axis" "no time axis" refused
for source in statsmodels statsmodels-other sklearn r-base-core r-datasets all; do
  awk -F '\t' -v s="$source" '
    s == "all" || $1 == s { n++; c[$2]++ }
    END { if (n) printf "%-17s %6d %10d %13d %8d\n", s, n, c["time"], c["no-time"], c["refused"] }
  ' "$results"
done

echo
echo "Refusals by message (count, message with placeholders, one example):"
awk -F '\t' '
  $2 == "refused" {
    m = $4
    # The file name, then line numbers, quoted names and numbers.
    i = index(m, $3)
    if (i == 1)
      m = substr(m, length($3) + 1)
    gsub(/^:[0-9]+:/, ": LINE:", m)
    gsub(/^: */, "", m)
    gsub(/column "[^"]*"/, "column NAME", m)
    gsub(/column [0-9]+/, "column N", m)
    gsub(/"[^"]*" is not a number/, "VALUE is not a number", m)
    n[m]++
    if (!(m in example))
      example[m] = $4
  }
  END {
    for (m in n)
      printf "%d\t%s\t%s\n", n[m], m, example[m]
  }
' "$results" | sort -t "$tab" -k 1,1nr |
  awk -F '\t' '{ printf "%5d  %s\n       e.g. %s\n", $1, $2, $3 }'
