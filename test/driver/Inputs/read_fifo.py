"""usage: read_fifo.py FIFO OUT -- command...

Creates FIFO, copies what is written to it into OUT while the command runs,
and exits with the command's status. Lets a test point -o at a FIFO, a
stand-in for a device such as /dev/null that must be written in place.
"""
import os
import subprocess
import sys
import threading

fifo, out = sys.argv[1], sys.argv[2]
command = sys.argv[sys.argv.index("--") + 1:]
os.mkfifo(fifo)


def copy():
    with open(fifo, "rb") as src, open(out, "wb") as dst:
        dst.write(src.read())


reader = threading.Thread(target=copy, daemon=True)
reader.start()
status = subprocess.call(command)
if reader.is_alive():  # The command never opened the FIFO: unblock it.
    with open(fifo, "wb"):
        pass
reader.join(timeout=10)
sys.exit(status)
