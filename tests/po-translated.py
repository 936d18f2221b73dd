#!/usr/bin/env python3
# po-translated.py — which translations from a .po file does a program's output show?
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   po-translated.py LANG.po ENGLISH-OUTPUT TRANSLATED-OUTPUT
#
# Prints every msgstr of LANG.po whose msgid occurs in ENGLISH-OUTPUT and
# which itself occurs in TRANSLATED-OUTPUT (but not in the English one).
# Messages with format directives are skipped: their text is not printed
# verbatim.  Exits 1 when none is found.

import ast
import sys


def parse(path):
    """(msgid, msgstr) of every translated, non-fuzzy singular entry."""
    entries = []
    block = {}
    key = None

    def flush():
        if block.get("msgid") and block.get("msgstr") and not block.get("fuzzy"):
            entries.append((block["msgid"], block["msgstr"]))

    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            flush()
            block, key = {}, None
        elif line.startswith("#,"):
            block["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key:
                block[key] += ast.literal_eval(line)
        else:
            key, _, rest = line.partition(" ")
            block[key] = ast.literal_eval(rest)
    flush()
    return entries


def main():
    po, english, translated = sys.argv[1], sys.argv[2], sys.argv[3]
    hits = []
    for msgid, msgstr in parse(po):
        if "%" in msgid or msgid == msgstr or len(msgid) < 4:
            continue
        if msgid in english and msgstr in translated and msgstr not in english:
            hits.append(msgstr.replace("\n", " "))
    for h in hits:
        print(h)
    return 0 if hits else 1


if __name__ == "__main__":
    sys.exit(main())
