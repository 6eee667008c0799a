#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal and prints what it
wrote there with escapes made visible ("\\r" -> "<CR>", ESC -> "<ESC>").

usage: run_in_pty.py command...
"""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
p.wait()
text = data.decode(errors="replace").replace("\r", "<CR>").replace("\x1b", "<ESC>")
print(text)
print(f"exit: {p.returncode}")
