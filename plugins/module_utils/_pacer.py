# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Keeping calls under the API's rate limit: a sliding window of call times, and a hold after a refusal.

The API counts the calls of an account, whichever process sends them. ``RatePacer`` paces the
threads of one module; ``SharedRatePacer`` keeps its window in a small file, locked around
each use, so that every module process on the machine working for one account (the forks of a
run, parallel playbooks) stays under the limit together, and a refusal seen by one holds them all.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import tempfile
import threading
import time

try:
    import fcntl
except ImportError:
    HAS_FCNTL = False
else:
    HAS_FCNTL = True


class RatePacer:
    """Thread-safe sliding-window limiter: at most ``calls`` acquisitions per ``period`` seconds.

    ``waits`` and ``waited`` count the waits ``acquire`` made and their seconds in all.
    """

    def __init__(
        self, calls: int, period: float, clock=time.monotonic, sleep=time.sleep
    ) -> None:
        if calls < 1 or period <= 0:
            raise ValueError("rate limit needs at least one call per positive period")
        self.calls = calls
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._window = _Window(collections.deque(), float("-inf"))
        self.waits = 0
        self.waited = 0.0

    def hold(self, seconds: float) -> None:
        """Let no call through for ``seconds`` from now (the API refused one for its rate limit)."""
        with self._lock, self._open() as window:
            window.held_until = max(window.held_until, self._clock() + seconds)

    def acquire(self) -> float:
        """Block until one more call fits into the window, then record it; returns the time recorded."""
        while True:
            with self._lock:
                # The time is read under the lock: a time read before it could be older than
                # what another process recorded meanwhile, and the window would let one too many pass.
                with self._open() as window:
                    now = self._clock()
                    wait = window.take(now, self.calls, self.period)
                if wait is None:
                    return now
                self.waits += 1
                self.waited += wait
            self._sleep(wait)

    def _open(self):
        """The window as a context manager, held for the time of the ``with``."""
        return _Held(self._window)


class SharedRatePacer(RatePacer):
    """A RatePacer whose window lives in ``path``, shared by every process that uses the same file.

    The clock must be one that all those processes share: ``time.monotonic`` is, on one machine.
    """

    def __init__(
        self,
        path: str,
        calls: int,
        period: float,
        clock=time.monotonic,
        sleep=time.sleep,
    ) -> None:
        super().__init__(calls, period, clock=clock, sleep=sleep)
        self.path = path

    def _open(self):
        return _Locked(self.path, self._clock, self.period)


def shared_pacer_path(api_url: str, account: str, folder: str | None = None) -> str:
    """The window file of one account at one endpoint, in the system's temporary folder (named by a digest)."""
    digest = hashlib.sha256(
        f"{api_url.lower()}\0{account.lower()}".encode()
    ).hexdigest()[:24]
    return os.path.join(
        folder or tempfile.gettempdir(), f"edgeops-cloudflare-pacer-{digest}.json"
    )


def pacer_for(
    api_url: str,
    account: str,
    calls: int,
    period: float,
    clock=time.monotonic,
    sleep=time.sleep,
) -> RatePacer:
    """The shared pacer of the account, or a pacer of this process alone where files cannot be locked."""
    if not HAS_FCNTL:
        return RatePacer(calls, period, clock=clock, sleep=sleep)
    return SharedRatePacer(
        shared_pacer_path(api_url, account), calls, period, clock=clock, sleep=sleep
    )


class _Window:
    """The call times in the window and the time until which every call is held."""

    def __init__(self, stamps: collections.deque, held_until: float) -> None:
        self.stamps = stamps
        self.held_until = held_until

    def take(self, now: float, calls: int, period: float) -> float | None:
        """Record a call at ``now`` and return None, or return how long to wait before trying again."""
        while self.stamps and self.stamps[0] <= now - period:
            self.stamps.popleft()
        if now < self.held_until:
            return self.held_until - now
        if len(self.stamps) < calls:
            self.stamps.append(now)
            return None
        return self.stamps[0] + period - now


class _Held:
    """The in-process window, as a context manager like _Locked."""

    def __init__(self, window: _Window) -> None:
        self.window = window

    def __enter__(self) -> _Window:
        return self.window

    def __exit__(self, *exc_info) -> None:
        return None


class _Locked:
    """The window in a file, read and written under an exclusive lock.

    Times from another clock epoch (a file left from before a reboot) or beyond a period ahead
    are dropped, so a stale or damaged file can only be forgotten, never block calls.
    """

    def __init__(self, path: str, clock, period: float) -> None:
        self.path = path
        self.clock = clock
        self.now = float("-inf")
        self.period = period
        self.fd = -1
        self.window = _Window(collections.deque(), float("-inf"))

    def __enter__(self) -> _Window:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        self.now = self.clock()
        try:
            with os.fdopen(os.dup(self.fd), "r", encoding="ascii") as handle:
                saved = json.load(handle)
            stamps = [float(stamp) for stamp in saved.get("stamps", [])]
            held = saved.get("held_until")
            held_until = float("-inf") if held is None else float(held)
        except (ValueError, TypeError, AttributeError, OSError):
            stamps, held_until = [], float("-inf")
        latest = self.now + self.period
        self.window = _Window(
            collections.deque(sorted(stamp for stamp in stamps if stamp <= latest)),
            held_until if held_until <= latest else float("-inf"),
        )
        return self.window

    def __exit__(self, *exc_info) -> None:
        try:
            text = json.dumps(
                {
                    "held_until": (
                        self.window.held_until
                        if self.window.held_until > self.now
                        else None
                    ),
                    "stamps": list(self.window.stamps),
                }
            )
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.ftruncate(self.fd, 0)
            os.write(self.fd, text.encode("ascii"))
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
