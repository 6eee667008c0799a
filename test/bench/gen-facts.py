#!/usr/bin/env python3
"""Writes the fact files of a synthetic program, one per translation unit,
for timing the link (shutdown-hazards --link-only=DIR).

usage: gen-facts.py DIR [UNITS]        (default: 10000 units)

Shaped like a large C++ code base: each unit defines 40 functions of its
own and sees 60 of 2,000 inline header functions (the same ids in many
units, merged by the link); calls between them; a class with a thread member
whose destructor joins, held by a static in one unit in ten, and a stop
called from main in half of those (the safety net); atexit handlers; DllMain
in one unit in a thousand. Deterministic (a fixed seed).
"""
import json
import os
import random
import re
import sys

# The fact format's version, as the model declares it.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "checkers", "model", "Facts.h")) as f:
    FACTS_VERSION = int(re.search(r"FactsVersion = (\d+);", f.read()).group(1))

OWN, SEEN, HEADER_FUNCS = 40, 60, 2000


def loc(f, line):
    return [f, line, 3]


def func(fid, name, f, line, **flags):
    d = {"id": fid, "name": name, "loc": loc(f, line), "external": True,
         "addressTaken": False, "main": False, "dllEntry": False,
         "destructorAttr": False, "constructorAttr": False,
         "dependency": False, "exported": False, "externC": False}
    d.update(flags)
    return d


def call(caller, callee, f, line, kind=0, via="", guarded=False):
    return {"caller": caller, "callee": callee, "loc": loc(f, line),
            "kind": kind, "guarded": guarded, "via": via, "reason": -1,
            "path": 0}


def unit(i, rng, root):
    src = f"{root}/src/m{i // 100}/u{i}.cpp"
    hdr = lambda k: f"{root}/include/h{k // 100}.h"
    F = {"version": FACTS_VERSION, "mainFile": src, "functions": [], "calls": [],
         "overrides": [], "roots": [], "sites": [], "starts": [],
         "copies": [], "fields": [], "classes": [], "annotations": [],
         "returns": [], "lookups": []}
    own = [f"c:@F@u{i}_f{j}#" for j in range(OWN)]
    for j, fid in enumerate(own):
        F["functions"].append(func(fid, f"u{i}_f{j}", src, 10 + j))
    seen = rng.sample(range(HEADER_FUNCS), SEEN)
    for k in seen:
        hid = f"c:@N@lib@F@h{k}#"
        F["functions"].append(func(hid, f"lib::h{k}", hdr(k), 5 + k % 100))
        # Header functions call each other the same way in every unit.
        for n in (1, 7):
            F["calls"].append(call(hid, f"c:@N@lib@F@h{(k * 31 + n) % HEADER_FUNCS}#",
                                   hdr(k), 6 + k % 100))
    for j, fid in enumerate(own):
        F["calls"].append(call(fid, own[(j * 7 + 1) % OWN], src, 60 + j))
        F["calls"].append(call(fid, f"c:@N@lib@F@h{rng.choice(seen)}#", src,
                               61 + j))
    if i % 10 == 0:  # A worker class, a static instance, a join.
        cls = f"c:@S@Worker{i}"
        field = f"{cls}@FI@thread_"
        dtor, stop, start = f"D:{cls}", f"{cls}@F@stop#", f"{cls}@F@start#"
        F["classes"].append({"id": cls, "name": f"Worker{i}",
                             "loc": loc(src, 200)})
        F["fields"].append({"id": field, "class": cls,
                            "name": f"Worker{i}::thread_",
                            "loc": loc(src, 201), "threadObject": True})
        F["functions"] += [func(dtor, f"Worker{i}::~Worker{i}", src, 202),
                           func(stop, f"Worker{i}::stop", src, 203),
                           func(start, f"Worker{i}::start", src, 204)]
        F["calls"].append(call(dtor, stop, src, 202))
        F["calls"].append(call(stop, f"c:@N@lib@F@h{seen[0]}#", src, 203))
        F["sites"].append({"function": stop, "loc": loc(src, 205),
                           "primitive": 0, "callee": "std::thread::join",
                           "targets": [field], "targetText": "thread_",
                           "guarded": True, "knownThreadHandle": False,
                           "reason": -1, "path": 0})
        F["starts"].append({"target": field, "loc": loc(src, 206),
                            "creator": "std::thread", "routine": own[0],
                            "routineName": f"u{i}_f0", "handle": False})
        var = f"V:c:@Worker{i}_instance"
        F["functions"].append(func(var, f"TheWorker{i}", src, 207,
                                   external=False))
        F["calls"].append(call(var, dtor, src, 207, kind=2,
                               via=f"'TheWorker{i}'"))
        F["roots"].append({"kind": 0, "function": var, "name": f"TheWorker{i}",
                           "loc": loc(src, 207), "registrar": "",
                           "class": dtor, "inDll": False})
        if i % 20 == 0:  # The safety net: main stops it.
            main = f"c:@F@main_{i}#"
            F["functions"].append(func(main, "main", src, 300, main=True))
            F["calls"].append(call(main, stop, src, 301))
            F["calls"].append(call(main, start, src, 302))
    if i % 37 == 0:  # An atexit handler reaching header code.
        F["roots"].append({"kind": 1, "function": own[3], "name": f"u{i}_f3",
                           "loc": loc(src, 400), "registrar": "atexit",
                           "class": "", "inDll": False})
    if i % 1000 == 50:  # A DLL entry point calling into the unit.
        dll = f"c:@F@DllMain_{i}#"
        F["functions"].append(func(dll, "DllMain", src, 500, dllEntry=True))
        F["calls"].append(call(dll, own[5], src, 501))
        F["roots"].append({"kind": 3, "function": dll, "name": "DllMain",
                           "loc": loc(src, 500), "registrar": "", "class": "",
                           "inDll": False})
    return F


# The fact file's tables (checkers/model/Facts.cpp): each fact is a fixed
# number of integers; strings are indices into "strings"; locations are
# three fields (file, line, column); lists are one string joined by '\n'.
TABLES = {
    "functions": ["id", "name", "loc", "flags"],
    "calls": ["caller", "callee", "loc", "kind", "guarded", "via", "reason+1",
              "path", "args", "receiver", "objectArgs", "pathArgs",
              "paramConds"],
    "overrides": ["overrider", "base"],
    "roots": ["kind", "function", "name", "loc", "registrar", "class", "inDll"],
    "sites": ["function", "loc", "primitive", "callee", "targets", "targetText",
              "guarded", "knownThreadHandle", "reason+1", "path", "receiver",
              "timeout+2", "inLoop", "then", "paramConds"],
    "starts": ["target", "loc", "creator", "routine", "routineName", "handle",
               "function"],
    "copies": ["to", "from"],
    "fields": ["id", "class", "name", "loc", "threadObject"],
    "classes": ["id", "name", "loc"],
    "annotations": ["id", "name", "loc"],
    "returns": ["function", "object"],
    "lookups": ["name", "loc"],
}
STRINGS = {"id", "name", "caller", "callee", "via", "overrider", "base",
           "function", "registrar", "class", "target", "creator", "routine",
           "routineName", "to", "from", "targetText", "receiver", "then",
           "object"}
LISTS = {"args", "targets", "objectArgs", "pathArgs", "paramConds"}
FLAGS = ["external", "addressTaken", "main", "dllEntry", "destructorAttr",
         "constructorAttr", "dependency", "exported", "externC"]


def encode(F):
    """The fact file form of a unit built as one dict per fact."""
    strings, index = [], {}

    def s(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    s("")
    out = {"version": F["version"], "mainFile": F["mainFile"]}
    for table, fields in TABLES.items():
        flat = []
        for fact in F[table]:
            for field in fields:
                if field == "loc":
                    f, line, col = fact["loc"]
                    flat += [s(f), line, col]
                elif field == "flags":
                    flat.append(sum(1 << i for i, k in enumerate(FLAGS) if fact[k]))
                elif field == "reason+1":
                    flat.append(fact["reason"] + 1)
                elif field == "timeout+2":
                    flat.append(fact.get("timeout", -1) + 2)
                elif field in LISTS:
                    flat.append(s("\n".join(fact.get(field, []))))
                elif field in STRINGS:
                    flat.append(s(fact.get(field, "")))
                else:
                    flat.append(int(fact.get(field, 0)))
        out[table] = flat
    out["strings"] = strings
    return out


def main():
    out = sys.argv[1]
    units = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    os.makedirs(out, exist_ok=True)
    rng = random.Random(4)
    root = "/synthetic"
    for i in range(units):
        with open(os.path.join(out, f"u{i:05}.json"), "w") as f:
            json.dump(encode(unit(i, rng, root)), f, separators=(",", ":"))


if __name__ == "__main__":
    main()
