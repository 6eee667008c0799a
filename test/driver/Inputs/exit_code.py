#!/usr/bin/env python3
"""Runs a command, passes its output through, then prints 'exit: N'.

lit's `not` only tells zero from non-zero; the driver's exit codes (0, 1, 2,
3) are a contract, so tests check them exactly with FileCheck.
"""
import subprocess
import sys

r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
sys.stdout.buffer.write(r.stdout)
print(f"exit: {r.returncode}")
