#!/usr/bin/env python3
"""Prints the first fenced code block after a heading of a Markdown page.

usage: usage_sample.py PAGE HEADING

HEADING is the heading's text without its '#'s, matched from its start.
Exits non-zero when the heading or the block is missing.
"""
import sys


def main():
    page, heading = sys.argv[1:3]
    with open(page, encoding="utf-8") as f:
        lines = f.read().splitlines()
    start = next((i for i, l in enumerate(lines)
                  if l.startswith("#") and l.lstrip("#").strip()
                  .startswith(heading)), None)
    if start is None:
        sys.exit(f"usage_sample: no heading {heading!r} in {page}")
    fence = next((i for i in range(start + 1, len(lines))
                  if lines[i].startswith("```")), None)
    if fence is None or lines[start + 1:fence] and any(
            l.startswith("#") for l in lines[start + 1:fence]):
        sys.exit(f"usage_sample: no code block under {heading!r}")
    end = next((i for i in range(fence + 1, len(lines))
                if lines[i] == "```"), None)
    if end is None:
        sys.exit(f"usage_sample: unclosed code block under {heading!r}")
    for line in lines[fence + 1:end]:
        print(line)


if __name__ == "__main__":
    main()
