#!/usr/bin/env python3
"""Makes the fuzz targets' seed corpora (test/fuzz/corpus/<Target>/) from the
test suite's inputs: the split-file sections of the lit tests, and the files
the driver's tests leave in the lit output tree (cache entries, fact files,
baselines), so run the suite first.

usage: seeds.py [--lit-out build/test/lit]

Each seed is named by the hash of its contents; running it again adds what
is new and keeps what is there.
"""
import argparse
import glob
import hashlib
import os
import re
import subprocess

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.normpath(os.path.join(here, "..", ".."))
MAX_SEED = 64 * 1024


def sections(path):
    """The split-file sections of a lit test: {name: text}."""
    out, name, lines = [], None, []
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"^#--- (.+)$", line.rstrip("\n"))
            if m:
                if name:
                    out.append((name, "".join(lines)))
                name, lines = m.group(1), []
            elif name:
                lines.append(line)
    if name:
        out.append((name, "".join(lines)))
    return out


def add(target, text):
    data = text.encode() if isinstance(text, str) else text
    if not data or len(data) > MAX_SEED:
        return
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lit-out", default=os.path.join(repo, "build", "test", "lit"))
    a = ap.parse_args()

    tests = sorted(glob.glob(os.path.join(repo, "test", "**", "*.test"), recursive=True))
    for t in tests:
        for name, text in sections(t):
            base = os.path.basename(name)
            if base in ("compile_commands.json.in", "compile_commands.json", "cdb.json") \
                    or base.endswith(".json.in"):
                add("CompileDb", text.replace("DIR", "."))
            elif base == ".clang-tidy":
                add("Config", text)
            elif os.path.basename(t).startswith("baseline") and base.endswith(".txt"):
                add("Baseline", text)
    for cfg in glob.glob(os.path.join(repo, "**", ".clang-tidy"), recursive=True):
        if "/build" not in cfg:
            add("Config", open(cfg).read())
    # A response file, as CMake writes them for long command lines.
    add("CompileDb", '[{"directory": ".", "file": "a.cpp", '
                     '"command": "clang++-22 @args.rsp -c a.cpp"}]\n'
                     "--- args.rsp\n-std=c++17 -DNAME=\"a b\" 'quoted arg' -Iinclude\n")
    add("CompileDb", '[{"directory": ".", "file": "a.cpp", '
                     '"arguments": ["cl.exe", "@args.rsp", "/c", "a.cpp"]}]\n'
                     "--- args.rsp\n/std:c++17 /DWIN32 @args.rsp\n")

    # Cache entries and fact files the driver's tests wrote; the key of an
    # entry becomes "fuzz", the key the target checks against.
    for path in sorted(glob.glob(os.path.join(a.lit_out, "driver", "**", "*.json"), recursive=True)):
        if os.path.getsize(path) > MAX_SEED or "/cache" not in path and "/facts" not in path:
            continue
        data = open(path, "rb").read().replace(os.path.abspath(a.lit_out).encode(), b"/src")
        if data.startswith(b'{"format"'):
            header, facts = data.split(b"\n", 1)
            header = re.sub(rb'"key":"[^"]*"', b'"key":"fuzz"', header, count=1)
            header = re.sub(rb'"factsSize":[0-9]+', b'"factsSize":%d' % len(facts), header)
            data = header + b"\n" + facts
        add("Facts", data)
    for path in sorted(glob.glob(os.path.join(a.lit_out, "driver", "**", "*baseline*"), recursive=True)):
        if os.path.isfile(path):
            add("Baseline", open(path, "rb").read())

    # git diff --unified=0 between versions of the tests' sources.
    sources = sorted(glob.glob(os.path.join("test", "checks", "*.cpp"), root_dir=repo))
    for old, new in zip(sources[:8], sources[1:9]):
        r = subprocess.run(["git", "diff", "--no-index", "--unified=0", "--no-color",
                            old, new], capture_output=True, cwd=repo)
        add("ChangedLines", r.stdout)

    for t in ("CompileDb", "Facts", "Baseline", "ChangedLines", "Config"):
        d = os.path.join(here, "corpus", t)
        print(t, len(os.listdir(d)) if os.path.isdir(d) else 0)


if __name__ == "__main__":
    main()
