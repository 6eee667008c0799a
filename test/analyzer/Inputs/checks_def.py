"""Prints, for each SHUTDOWN_CHECK line of checkers/Checks.def, the analyzer
checker name it gives (shutdown.<Class>), sorted as the analyzer lists
checkers."""
import re
import sys

text = open(sys.argv[1]).read()
names = re.findall(r'^SHUTDOWN_CHECK\(\s*\w+\s*,\s*"[^"]*"\s*,\s*(\w+)\s*,', text, re.M)
for n in sorted("shutdown." + n for n in names):
    print(n)
