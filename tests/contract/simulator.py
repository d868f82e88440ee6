# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run tests/simulator/cfsim.py as a subprocess and drive its control endpoints."""

from __future__ import annotations

import collections
import queue
import subprocess
import sys
import threading
from pathlib import Path

import requests

CFSIM = Path(__file__).resolve().parents[1] / "simulator" / "cfsim.py"

# The simulator's default seed (tests/simulator/README.md).
SEED_EMAIL = "sample@example.com"
SEED_KEY = "8afbe6dea02407989af4dd4c97bb6e25"
# The default seed's API v4 token with every permission on every zone of SEED_EMAIL.
SEED_TOKEN = "cfsim-all-permissions-all-zones-00000001"

_START_TIMEOUT = 30
_HTTP_TIMEOUT = 15
# The last lines of the simulator's stderr kept for failure messages.
_STDERR_LINES = 200


class SimulatorProcess:
    """One cfsim.py process on a free loopback port; ``url`` is its api_json.html address."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CFSIM), "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._stderr: collections.deque = collections.deque(maxlen=_STDERR_LINES)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read_stdout, args=(lines,), daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        try:
            ready = lines.get(timeout=_START_TIMEOUT).strip()
        except queue.Empty:
            ready = ""
        if not ready.endswith("/api_json.html"):
            self.proc.kill()
            self.proc.wait(timeout=10)
            message = (
                f"simulator did not start (first line {ready!r}): {self.stderr_text()}"
            )
            raise RuntimeError(message)
        self.url = ready
        self.base = ready[: -len("/api_json.html")]
        self.verify: bool | str = True

    def _read_stdout(self, lines: queue.Queue) -> None:
        lines.put(self.proc.stdout.readline())
        for dummy in self.proc.stdout:
            continue

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self._stderr.append(line)

    def stderr_text(self) -> str:
        return "".join(self._stderr)[-4000:]

    def _control(self, method: str, path: str, body=None):
        response = requests.request(
            method,
            self.base + path,
            json=body,
            timeout=_HTTP_TIMEOUT,
            verify=self.verify,
        )
        response.raise_for_status()
        return response.json()

    def reset(self, seed: dict | None = None) -> None:
        self._control("POST", "/_sim/reset", seed)

    def faults(self, **knobs) -> dict:
        return self._control("POST", "/_sim/faults", knobs)

    def stats(self) -> dict:
        return self._control("GET", "/_sim/stats")

    def state(self) -> dict:
        return self._control("GET", "/_sim/state")

    def advance_clock(self, seconds: float) -> None:
        self._control("POST", "/_sim/clock", {"advance": seconds})

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                requests.post(
                    self.base + "/_sim/shutdown",
                    timeout=_HTTP_TIMEOUT,
                    verify=self.verify,
                )
            except requests.RequestException:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
