# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The pacer shared between processes: one window per account, in a locked file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._pacer import (
    RatePacer,
    SharedRatePacer,
    pacer_for,
    shared_pacer_path,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import KEY


def pacers(path, clock, count=2, calls=3, period=10):
    """``count`` pacers on one file, as ``count`` processes of one account would have."""
    return [
        SharedRatePacer(str(path), calls, period, clock=clock, sleep=clock.sleep)
        for dummy in range(count)
    ]


def test_two_processes_share_one_window(tmp_path, clock):
    first, second = pacers(tmp_path / "window.json", clock)
    first.acquire()
    first.acquire()
    second.acquire()
    assert clock.sleeps == []

    second.acquire()

    assert clock.sleeps == [10.0]
    assert (second.waits, second.waited, first.waits) == (1, 10.0, 0)


def test_a_hold_seen_by_one_process_holds_the_other(tmp_path, clock):
    first, second = pacers(tmp_path / "window.json", clock)
    first.hold(5)

    second.acquire()

    assert clock.sleeps == [5.0]


def test_a_damaged_or_stale_file_is_forgotten_not_obeyed(tmp_path, clock):
    path = tmp_path / "window.json"
    path.write_text("not json")
    pacers(path, clock, count=1)[0].acquire()
    path.write_text(
        json.dumps({"held_until": clock() + 10000, "stamps": [clock() + 500] * 3})
    )
    pacers(path, clock, count=1)[0].acquire()
    assert clock.sleeps == []
    assert json.loads(path.read_text()) == {"held_until": None, "stamps": [clock()]}


def test_the_file_is_private_and_named_without_the_credentials(tmp_path):
    path = shared_pacer_path(
        "https://www.cloudflare.com/api_json.html", "ops@example.com", str(tmp_path)
    )
    assert os.path.dirname(path) == str(tmp_path)
    assert "ops@example.com" not in path and KEY not in path
    assert (
        shared_pacer_path(
            "HTTPS://www.cloudflare.com/api_json.html", "OPS@example.com", str(tmp_path)
        )
        == path
    )
    assert (
        shared_pacer_path(
            "https://www.cloudflare.com/api_json.html", "dev@example.com", str(tmp_path)
        )
        != path
    )

    pacer = pacer_for(
        "https://www.cloudflare.com/api_json.html", "ops@example.com", 5, 10
    )
    pacer.acquire()
    assert os.stat(pacer.path).st_mode & 0o777 == 0o600


def test_processes_at_once_stay_under_the_limit_together(tmp_path):
    """Four processes take 12 calls each through one window of 10 calls per second: no second holds more than 10."""
    path = tmp_path / "window.json"
    out = tmp_path / "stamps"
    script = (
        "import sys\n"
        f"sys.path[:0] = {sys.path!r}\n"
        "from ansible_collections.edgeops.cloudflare.plugins.module_utils._pacer import SharedRatePacer\n"
        f"pacer = SharedRatePacer({str(path)!r}, 10, 1.0)\n"
        "stamps = []\n"
        "for dummy in range(12):\n"
        "    stamps.append(pacer.acquire())\n"
        f"open({str(out)!r} + sys.argv[1], 'w').write(repr(stamps))\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(index)])
        for index in range(4)
    ]
    assert [worker.wait(timeout=60) for worker in workers] == [0] * 4

    stamps = sorted(
        stamp
        for index in range(4)
        for stamp in eval((tmp_path / f"stamps{index}").read_text())
    )
    assert len(stamps) == 48
    assert (
        max(
            sum(1 for other in stamps if start <= other < start + 1.0)
            for start in stamps
        )
        <= 10
    )


def test_pacer_waits_for_the_window(clock):
    pacer = RatePacer(3, 300, clock=clock, sleep=clock.sleep)

    for dummy in range(3):
        pacer.acquire()
    assert clock.sleeps == []
    clock.now += 100
    pacer.acquire()

    assert clock.sleeps == [200.0]


def test_pacer_counts_concurrent_callers_exactly(clock):
    pacer = RatePacer(80, 300, clock=clock, sleep=clock.sleep)
    threads = [
        threading.Thread(target=lambda: [pacer.acquire() for dummy in range(10)])
        for dummy in range(8)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert clock.sleeps == []
    pacer.acquire()

    assert clock.sleeps == [300.0]


def test_pacer_hold_lets_no_call_through_until_it_ends(clock):
    pacer = RatePacer(3, 300, clock=clock, sleep=clock.sleep)
    pacer.acquire()
    pacer.hold(10.0)
    clock.now += 4

    pacer.acquire()

    assert clock.sleeps == [6.0]


def test_pacer_hold_keeps_the_later_end(clock):
    pacer = RatePacer(3, 300, clock=clock, sleep=clock.sleep)
    pacer.hold(15.0)
    pacer.hold(5.0)

    pacer.acquire()

    assert clock.sleeps == [15.0]


def test_pacer_hold_that_has_passed_costs_no_wait(clock):
    pacer = RatePacer(3, 300, clock=clock, sleep=clock.sleep)
    pacer.hold(5.0)
    clock.now += 5

    pacer.acquire()

    assert clock.sleeps == []


def test_pacer_hold_then_the_window(clock):
    pacer = RatePacer(2, 60, clock=clock, sleep=clock.sleep)
    pacer.acquire()
    pacer.acquire()
    pacer.hold(10.0)

    pacer.acquire()

    # the hold ends after 10 s, then the window of the first two calls still has 50 s to run
    assert clock.sleeps == [10.0, 50.0]


def test_pacer_rejects_an_empty_window(clock):
    with pytest.raises(ValueError):
        RatePacer(0, 300, clock=clock, sleep=clock.sleep)
