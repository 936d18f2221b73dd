#!/usr/bin/env python3
# check-function-length.py — no function in src/ longer than LIMIT lines
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The house style puts the function name at the start of a line, the
# opening brace alone on the next line and the closing brace alone in
# column 0: a function runs from that brace to the next "}" line.
# Usage: check-function-length.py LIMIT FILE.c…

import re
import sys


def long_functions(path, limit):
    name = start = None
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            match = re.match(r'^([A-Za-z_][A-Za-z0-9_]*) \(', line)
            if match:
                name = match.group(1)
            elif line == '{' and name:
                start = number
            elif line == '}' and start is not None:
                if number - start + 1 > limit:
                    yield name, start, number - start + 1
                name = start = None


def main():
    limit = int(sys.argv[1])
    found = 0
    for path in sys.argv[2:]:
        for name, start, length in long_functions(path, limit):
            print(f'{path}:{start}: {name} is {length} lines long (at most {limit})')
            found += 1
    print(f'{len(sys.argv) - 2} files, {found} functions over {limit} lines')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
