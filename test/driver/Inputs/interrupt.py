#!/usr/bin/env python3
"""usage: interrupt.py SIGNAL TMPDIR JOB -- command...

Starts the command (shutdown-hazards, with TMPDIR as its temporary
directory), waits until the worker for JOB (a job file's name, e.g.
job-1.json) runs, sends SIGNAL (e.g. TERM) to the command, then prints the
command's output, 'exit: N' (or 'killed by signal N'), and 'workers left: N':
how many of its workers still run a few seconds later. Every wait is
bounded: a test that hangs fails instead.
"""
import re
import signal
import subprocess
import sys
import time


def matching(pattern):
    r = subprocess.run(["pgrep", "-f", "--", pattern], stdout=subprocess.PIPE)
    return r.stdout.split()


def wait_until(predicate, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


sig = getattr(signal, "SIG" + sys.argv[1])
tmpdir, job = sys.argv[2], sys.argv[3]
# A worker's command line (driver/Scheduler.cpp); not this script's.
workers = "--extract-worker=" + re.escape(tmpdir) + "/"
worker = workers + ".*/" + re.escape(job)
command = sys.argv[sys.argv.index("--") + 1:]
proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
if not wait_until(lambda: matching(worker), 60):
    print(f"interrupt.py: no process matches '{worker}' after 60 s")
proc.send_signal(sig)
try:
    out, _ = proc.communicate(timeout=60)
except subprocess.TimeoutExpired:
    proc.kill()
    out, _ = proc.communicate()
    print("interrupt.py: the command did not end within 60 s of the signal")
sys.stdout.buffer.write(out)
if proc.returncode < 0:
    print(f"killed by signal {-proc.returncode}")
else:
    print(f"exit: {proc.returncode}")
wait_until(lambda: not matching(workers), 5)
left = matching(workers)
for pid in left:  # Not left running after a failed test.
    subprocess.run(["kill", "-KILL", pid.decode()])
print(f"workers left: {len(left)}")
