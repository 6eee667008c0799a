#!/usr/bin/env python3
"""Prints the shell of one step of a workflow in docs/ci.md, so that a test
runs exactly what the page shows.

usage: ci_step.py <ci.md> <workflow file name> <step name>

The workflow is the ```yaml block whose first line is the comment naming
the file (# .github/workflows/<name>); the step is found by its name in any
of its jobs.
"""
import re
import sys

import yaml

page, workflow, step = sys.argv[1:]
text = open(page).read()
for block in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M):
    if not block.startswith("# ") or not block.split("\n", 1)[0].endswith("/" + workflow):
        continue
    for job in yaml.safe_load(block)["jobs"].values():
        for s in job["steps"]:
            if s.get("name") == step:
                sys.stdout.write(s["run"])
                sys.exit(0)
sys.exit(f"ci_step: no step '{step}' in {workflow} in {page}")
