#!/usr/bin/env python3
"""Checks the CI documentation (docs/ci.md) against the driver.

usage: check_ci_docs.py <ci.md> <output of shutdown-hazards --help>

- Every ```yaml block parses. With PyYAML, as YAML, and a block with `jobs`
  (a GitHub Actions workflow) must have steps that each either `uses` an
  action or `run`s a command. Without PyYAML, only what can be checked
  without a parser: no tab in indentation, brackets and quotes balanced on
  each line. The first line of output says which check ran.
- Every long option given to shutdown-hazards in the page (in a command
  that runs it, in a shell array or `set --` of its arguments, or in inline
  code in the prose) is listed by --help.

Prints one line per option found, then the problems (an option in a code
block at the block's first line), then 'N problems'; exits 1 on a problem.
"""
import re
import sys

try:
    import yaml
except ImportError:  # PyYAML is not in Python's standard library.
    yaml = None

FENCE = re.compile(r"^\s*```(\S*)\s*$")
OPTION = re.compile(r"(?<![\w-])--([a-z][a-z0-9-]*)")
# shutdown-hazards where a shell expects a command (also a YAML "run:" or a
# list item of a GitLab script), not as a word in a path or an argument
# ("--target shutdown-hazards", ".tools/shutdown-hazards/").
INVOCATION = re.compile(
    r"(?:^\s*(?:-\s+)?|[;&|(]\s*|\b(?:then|do|else)\s+|\brun:\s*)"
    r"shutdown-hazards(?![\w/.-])")
ARGUMENTS = re.compile(r"^\s*(?:\w+\+?=\(|set --)")
INLINE = re.compile(r"`(--[a-z][a-z0-9-]*)")
HELP_OPTION = re.compile(r"^\s+--?([a-z][a-z0-9-]*)", re.M)


def blocks(lines):
    """(info string, first line number, text) of each fenced code block."""
    out, info, start, body = [], None, 0, []
    for number, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if m and info is None:
            info, start, body = m.group(1), number + 1, []
        elif line.strip() == "```" and info is not None:
            out.append((info, start, body))
            info = None
        elif info is not None:
            body.append(line)
    return out


def minimal_yaml_problems(start, body):
    problems = []
    for offset, line in enumerate(body):
        where = start + offset
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            problems.append(f"{where}: tab in indentation")
        text = line.split(" #")[0] if not line.lstrip().startswith("#") else ""
        for open_, close in ("()", "[]", "{}"):
            if text.count(open_) != text.count(close):
                problems.append(f"{where}: unbalanced '{open_}{close}'")
        if text.count('"') % 2:
            problems.append(f"{where}: unbalanced '\"'")
    return problems


def yaml_problems(start, body):
    if yaml is None:
        return minimal_yaml_problems(start, body)
    try:
        doc = yaml.safe_load("".join(body))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = start + mark.line if mark else start
        return [f"{line}: YAML: {getattr(e, 'problem', e)}"]
    problems = []
    if not isinstance(doc, dict):
        return [f"{start}: a YAML block that is not a mapping"]
    for name, job in (doc.get("jobs") or {}).items():
        for i, step in enumerate((job or {}).get("steps") or []):
            if not isinstance(step, dict) or ("uses" in step) == ("run" in step):
                problems.append(
                    f"{start}: job '{name}', step {i + 1}: needs exactly one "
                    "of 'uses' and 'run'")
    return problems


def command_lines(body):
    """The lines of a code block that give shutdown-hazards its arguments:
    backslash continuations joined; an array assignment up to its ')'."""
    joined, current = [], ""
    for line in body:
        current += line.rstrip("\n")
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        joined.append(current)
        current = ""
    if current:
        joined.append(current)
    out, in_array = [], False
    for line in joined:
        if in_array:
            out.append(line)
            in_array = ")" not in line
        elif INVOCATION.search(line):
            out.append(line)
        elif ARGUMENTS.search(line):
            out.append(line)
            in_array = "=(" in line and ")" not in line
    return out


def main():
    doc_path, help_path = sys.argv[1], sys.argv[2]
    with open(doc_path, encoding="utf-8") as f:
        lines = f.readlines()
    with open(help_path, encoding="utf-8") as f:
        known = set(HELP_OPTION.findall(f.read()))
    if not known:
        print(f"error: {help_path}: no option found in the --help text")
        return 1

    print("yaml: " + ("parsed with PyYAML" if yaml else
                      "PyYAML missing: indentation, brackets and quotes only"))
    problems, used = [], {}
    code = blocks(lines)
    yaml_blocks = 0
    for info, start, body in code:
        if info in ("yaml", "yml"):
            yaml_blocks += 1
            problems += yaml_problems(start, body)
        for line in command_lines(body):
            for option in OPTION.findall(line):
                used.setdefault(option, start)
    in_code = set()
    for _, start, body in code:
        in_code.update(range(start, start + len(body)))
    for number, line in enumerate(lines, 1):
        if number not in in_code:
            for option in INLINE.findall(line):
                used.setdefault(option[2:], number)
    if yaml_blocks == 0:
        problems.append("0: no ```yaml block")

    for option in sorted(used):
        if option in known:
            print(f"option --{option}: in --help")
        else:
            problems.append(
                f"{used[option]}: option --{option} is not in "
                "shutdown-hazards --help")
    for p in problems:
        print(f"error: {doc_path}:{p}")
    print(f"{yaml_blocks} YAML blocks, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
