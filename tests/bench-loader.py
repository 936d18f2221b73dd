#!/usr/bin/python3
# bench-loader.py
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The loader benchmark: elman's loader against pandas.read_csv on the
# same generated 10-million-row "date,value" CSV, in the same run.
#
#   bench-loader.py BENCH_LOADER_BINARY CSV_PATH [ROWS]
#
# bench-loader (C) generates the file once if it is missing and prints the
# best of three loads and its peak RSS.  pandas then reads the file twice:
# plain read_csv (dates left as text) and with parse_dates=["date"], which is
# the same work elman does.  Targets: elman faster than pandas, peak RSS at
# most 3x the parsed data (values + times).  Exits 1 when a target is missed.

import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        print(__doc__ or "usage: bench-loader.py BINARY CSV [ROWS]", file=sys.stderr)
        return 2
    binary, path = sys.argv[1], sys.argv[2]
    rows = sys.argv[3] if len(sys.argv) > 3 else "10000000"

    out = subprocess.run([binary, "--rows", rows, "--runs", "3", path],
                         check=True, capture_output=True, text=True).stdout
    print(out, end="")
    elman = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    elman_s = float(elman["seconds"])
    ratio = float(elman["rss_ratio"])

    try:
        import pandas
    except ImportError:
        print("pandas is missing: apt-get install python3-pandas", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    df = pandas.read_csv(path)
    plain_s = time.perf_counter() - t0
    assert len(df) == int(elman["rows"]), (len(df), elman["rows"])
    del df

    t0 = time.perf_counter()
    df = pandas.read_csv(path, parse_dates=["date"])
    dates_s = time.perf_counter() - t0
    assert str(df["date"].dtype).startswith("datetime64"), df["date"].dtype
    del df
    pandas_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    mb = int(elman["file_bytes"]) / 1e6
    data_mb = int(elman["data_bytes"]) / 1e6
    print()
    print(f"file: {path}, {int(elman['rows']):,} rows, {mb:.0f} MB")
    print(f"{'':28} {'seconds':>8} {'MB/s':>7} {'peak RSS MB':>12}")
    print(f"{'elman_series_load':28} {elman_s:8.3f} {mb / elman_s:7.0f} "
          f"{int(elman['peak_rss_bytes']) / 1e6:12.0f}")
    print(f"{'pandas ' + pandas.__version__ + ' read_csv':28} {plain_s:8.3f} {mb / plain_s:7.0f}")
    print(f"{'  with parse_dates':28} {dates_s:8.3f} {mb / dates_s:7.0f} {pandas_rss / 1e6:12.0f}")
    print(f"speed-up: {plain_s / elman_s:.1f}x (plain), {dates_s / elman_s:.1f}x (with dates)")
    print(f"elman peak RSS / parsed data ({data_mb:.0f} MB): {ratio:.2f} (target <= 3)")

    ok = True
    if elman_s >= min(plain_s, dates_s):
        print("FAIL: elman is not faster than pandas", file=sys.stderr)
        ok = False
    if ratio > 3:
        print("FAIL: peak RSS above 3x the parsed data", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
