"""Compares the findings of two front-ends: clang-tidy's lines
"file:L:C: warning: MESSAGE [shutdown-check-name]" and the analyzer's
"file:L:C: warning: MESSAGE [shutdown.Class]". Checks.def maps the names.
Each front-end's set of (check, message) must be the other's (the place of
a finding may differ: the analyzer reports a class at its join). Prints the
differences and exits 1 if there are any."""
import re
import sys

checks_def, tidy_out, analyzer_out = sys.argv[1:4]
classes = dict(re.findall(
    r'^SHUTDOWN_CHECK\(\s*\w+\s*,\s*"([^"]*)"\s*,\s*(\w+)\s*,', open(checks_def).read(), re.M))
line = re.compile(r'warning: (.*) \[([\w.-]+)\]$')


def findings(path, rename):
    out = set()
    for l in open(path):
        m = line.search(l.rstrip())
        if m:
            out.add((rename(m.group(2)), m.group(1)))
    return out


tidy = findings(tidy_out, lambda n: "shutdown." + classes[n])
analyzer = findings(analyzer_out, lambda n: n)
for what, diff in (("only clang-tidy", tidy - analyzer), ("only the analyzer", analyzer - tidy)):
    for check, message in sorted(diff):
        print(f"{what}: [{check}] {message}")
print(f"{len(tidy & analyzer)} findings in both")
sys.exit(1 if tidy != analyzer else 0)
