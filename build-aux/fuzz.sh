#!/bin/sh
# fuzz.sh — build the libFuzzer targets with clang under ASan/UBSan and run one.
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/fuzz.sh NAME [SECONDS] [libFuzzer options...]
#   e.g. build-aux/fuzz.sh series 600
#
# Builds tests/fuzz-NAME.c in build-fuzz/ (CC=clang, -Db_sanitize=address,undefined,
# the whole project instrumented with -fsanitize=fuzzer-no-link so that the
# coverage of the code under test guides the fuzzer) and runs it for SECONDS
# (default 600) in one process (pass -fork=N for more).  New inputs go to build-fuzz/fuzz-corpus/NAME
# (seeded from tests/corpus/NAME); crashes to build-fuzz/fuzz-artifacts/NAME/.
# A crash input belongs in tests/corpus/NAME/ as a regression test, once fixed:
# the test suite replays that directory (fuzz-NAME-replay).
set -eu

name=${1:?usage: build-aux/fuzz.sh NAME [SECONDS] [libFuzzer options...]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift 1

src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build-fuzz"
seeds="$src/tests/corpus/$name"
corpus="$build/fuzz-corpus/$name"
artifacts="$build/fuzz-artifacts/$name"

if [ ! -d "$seeds" ]; then
  echo "fuzz.sh: no seed corpus $seeds" >&2
  exit 2
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" \
    --buildtype=debugoptimized \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all' \
    -Dapp=disabled \
    -Dfuzzing=true
fi
meson compile -C "$build" "tests/fuzz-$name"

mkdir -p "$corpus" "$artifacts"
# tests/fuzz-NAME.dict, when there is one: tokens the format is made of
if [ -f "$src/tests/fuzz-$name.dict" ]; then
  set -- -dict="$src/tests/fuzz-$name.dict" "$@"
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export G_SLICE=always-malloc

echo "fuzz.sh: fuzz-$name for $seconds s; corpus $corpus; crashes in $artifacts" >&2
cd "$artifacts"
exec "$build/tests/fuzz-$name" \
  -max_total_time="$seconds" \
  -max_len=16384 \
  -timeout=10 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/" \
  "$@" \
  "$corpus" "$seeds"
