"""Runs `mlflow server` for clearance's integration tests, and makes sure it dies with them.

Usage: run_mlflow.py --log FILE [--cleanup DIR] -- MLFLOW-COMMAND...

The server gets a session (and so a process group) of its own, and this wrapper stops the
whole group (uvicorn and its workers) when any of these happens:

* the test process dies: the wrapper is re-parented, which `os.getppid()` shows (test binaries
  exit without running destructors for statics, so nothing else would stop a shared server);
* the test process closes the wrapper's stdin (how a test stops a server on purpose; it also
  happens when the test process dies);
* the wrapper gets SIGTERM, SIGINT or SIGHUP.

It then removes the --cleanup directory (the server's database and artifacts). If the server
exits by itself, the wrapper exits with its status, so the test can report the log.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

POLL_SECONDS = 0.2
GRACE_SECONDS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--cleanup")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no server command given after --")

    parent = os.getppid()
    stop = threading.Event()

    def on_signal(_signum, _frame):
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()

    with open(args.log, "ab", buffering=0) as log:
        server = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if args.cleanup:
            with open(os.path.join(args.cleanup, "server.pid"), "w") as f:
                f.write(f"{server.pid}\n")
        status = None
        while not stop.is_set():
            status = server.poll()
            if status is not None or os.getppid() != parent:
                break
            stop.wait(POLL_SECONDS)
        stop_group(server)
        log.write(f"[run_mlflow.py] server stopped (status {server.returncode})\n".encode())
    if args.cleanup:
        shutil.rmtree(args.cleanup, ignore_errors=True)
    return status if status is not None else 0


def stop_group(server: subprocess.Popen) -> None:
    """SIGTERM to the server's process group, SIGKILL to whatever is left after a grace period."""
    pgid = server.pid
    signal_group(pgid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None and not group_alive(pgid):
            return
        time.sleep(0.1)
    signal_group(pgid, signal.SIGKILL)
    try:
        server.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        pass


def signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


if __name__ == "__main__":
    sys.exit(main())
