#!/usr/bin/env python3
"""Damages the cache entry of one translation unit, for cache tests.

usage: tamper_cache.py CACHE_DIR FILE_SUFFIX truncate|cut-facts|garbage|version|swap

An entry is a header line (JSON: "file", "version", ...) then the unit's
fact file. Finds the entry whose "file" ends with FILE_SUFFIX, then:
truncates it to half; cuts the last byte of its facts (the header
intact); overwrites it with garbage; sets its format version
to 99; or (swap) replaces it with another translation unit's entry (right
format, wrong key).
"""
import json
import os
import sys

cache, suffix, how = sys.argv[1:4]
entries = {}
for name in sorted(os.listdir(cache)):
    if name.endswith(".json"):
        path = os.path.join(cache, name)
        with open(path, "rb") as f:
            entries[path] = f.read()
def header(data):
    return json.loads(data.split(b"\n", 1)[0])
mine = [p for p, d in entries.items() if header(d)["file"].endswith(suffix)]
if len(mine) != 1:
    sys.exit(f"tamper_cache: {len(mine)} entries for {suffix}")
path = mine[0]
data = entries[path]
if how == "truncate":
    data = data[: len(data) // 2]
elif how == "cut-facts":
    data = data[:-1]
elif how == "garbage":
    data = b"\x00\xff not json"
elif how == "version":
    head, facts = data.split(b"\n", 1)
    doc = json.loads(head)
    doc["version"] = 99
    data = json.dumps(doc, separators=(",", ":")).encode() + b"\n" + facts
elif how == "swap":
    data = next(d for p, d in entries.items() if p != path)
else:
    sys.exit(f"tamper_cache: unknown action {how}")
with open(path, "wb") as f:
    f.write(data)
print(f"tamper_cache: {how} {os.path.basename(path)}")
