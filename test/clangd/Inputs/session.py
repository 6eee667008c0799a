"""Makes a clangd -lit-test session from a transcript on stdin.

The transcript is clangd's delimited input: JSON-RPC messages separated by
'---' lines, '#' lines are comments. Two placeholders are replaced:
  @DIR@          the directory given as the first argument (for file:// URIs);
  "@TEXT(name)@" the contents of DIR/name as a JSON string (didOpen's text).
"""
import json
import os
import re
import sys

directory = os.path.abspath(sys.argv[1])


def text(match):
    with open(os.path.join(directory, match.group(1)), encoding="utf-8") as f:
        return json.dumps(f.read())


session = sys.stdin.read()
session = re.sub(r'"@TEXT\(([^)]+)\)@"', text, session)
sys.stdout.write(session.replace("@DIR@", directory))
