# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stop the processes a test gate left running from inside DIR, and fail if there were any.

Every test must stop what it starts (a simulator, say). When a playbook dies before its
`always:` block, the process would outlive the run; this finds it by its command line or
working directory inside the staged collection, stops it, and names it. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

GRACE_SECONDS = 5


def inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory + os.sep)


def strays(directory: str) -> dict[int, str]:
    """Return {pid: command line} of the processes that run from inside directory."""
    own = {os.getpid(), os.getppid()}
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in own:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                args = [
                    arg.decode(errors="replace")
                    for arg in handle.read().split(b"\0")
                    if arg
                ]
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if args and (
            inside(cwd, directory)
            or any(inside(os.path.normpath(arg), directory) for arg in args)
        ):
            found[int(entry)] = " ".join(args)
    return found


def stop(pids: list[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + GRACE_SECONDS
        while time.monotonic() < deadline:
            pids = [pid for pid in pids if os.path.exists(f"/proc/{pid}")]
            if not pids:
                return
            time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    directory = os.path.realpath(parser.parse_args().directory)
    found = strays(directory)
    if not found:
        return 0
    for pid, command in sorted(found.items()):
        print(
            f"stray process {pid} left running by the tests, stopping it: {command}",
            file=sys.stderr,
        )
    stop(sorted(found))
    return 1


if __name__ == "__main__":
    sys.exit(main())
