#!/usr/bin/env python3
"""Checks that the check documentation matches checkers/Checks.def.

Usage: check_index.py <source-root>

For every SHUTDOWN_CHECK(Rule, "shutdown-<name>", Class, Summary) line:
  - docs/checks/<name>.md exists and its first line is "# shutdown-<name>";
  - its first paragraph after the title is the doc comment of
    checkers/tidy/<Class>Check.h (backquotes and line breaks aside);
  - that header points to docs/checks/<name>.md.
And every docs/checks/*.md page belongs to a check.

Prints one line per check, then a summary; exits 1 on any problem.
"""

import os
import re
import sys

CHECK_RE = re.compile(
    r'SHUTDOWN_CHECK\(\s*(\w+)\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,', re.S)
PREFIX = "shutdown-"


def words(text):
    """Text without markdown backquotes, with whitespace collapsed."""
    return " ".join(text.replace("`", "").split())


def doc_comment(header):
    """The first paragraph of the /// comment above the class."""
    lines = []
    for line in header.splitlines():
        stripped = line.strip()
        if stripped.startswith("///"):
            body = stripped[3:].strip()
            if not body:
                if lines:
                    break
                continue
            lines.append(body)
        elif lines:
            break
    return words(" ".join(lines))


def first_paragraph(page_lines):
    """The first paragraph after the title line."""
    para = []
    for line in page_lines[1:]:
        if not line.strip():
            if para:
                break
            continue
        para.append(line)
    return words(" ".join(para))


def main():
    root = sys.argv[1]
    checks_def = os.path.join(root, "checkers", "Checks.def")
    docs_dir = os.path.join(root, "docs", "checks")
    with open(checks_def, encoding="utf-8") as f:
        checks = CHECK_RE.findall(f.read())
    problems = []
    if not checks:
        problems.append(f"{checks_def}: no SHUTDOWN_CHECK line found")

    expected_pages = set()
    for _rule, name, cls in checks:
        if not name.startswith(PREFIX):
            problems.append(f"{name}: check name does not start with '{PREFIX}'")
            continue
        page = name[len(PREFIX):] + ".md"
        expected_pages.add(page)
        path = os.path.join(docs_dir, page)
        rel = f"docs/checks/{page}"
        if not os.path.isfile(path):
            problems.append(f"{name}: missing page {rel}")
            continue
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        if not lines or lines[0] != f"# {name}":
            first = lines[0] if lines else ""
            problems.append(f"{rel}: first line is '{first}', expected '# {name}'")
        header_path = os.path.join(root, "checkers", "tidy", f"{cls}Check.h")
        if not os.path.isfile(header_path):
            problems.append(f"{name}: missing checkers/tidy/{cls}Check.h")
        else:
            with open(header_path, encoding="utf-8") as f:
                header = f.read()
            summary = doc_comment(header)
            if first_paragraph(lines) != summary:
                problems.append(
                    f"{rel}: first paragraph differs from the doc comment of "
                    f"{cls}Check.h:\n  page:   {first_paragraph(lines)}\n"
                    f"  header: {summary}")
            if rel not in header:
                problems.append(f"checkers/tidy/{cls}Check.h does not point to {rel}")
        print(f"{name} -> {rel}")

    if os.path.isdir(docs_dir):
        for page in sorted(os.listdir(docs_dir)):
            if page.endswith(".md") and page not in expected_pages:
                problems.append(f"docs/checks/{page}: no check "
                                f"'{PREFIX}{page[:-3]}' in checkers/Checks.def")
    else:
        problems.append(f"{docs_dir}: no such directory")

    for p in problems:
        print(f"error: {p}")
    print(f"{len(checks)} checks, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
