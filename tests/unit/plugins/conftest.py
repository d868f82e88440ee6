# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: the scripted v1 endpoint, a fake clock, the real simulator."""

from __future__ import annotations

import tempfile

import pytest
import responses

from ansible_collections.edgeops.cloudflare.tests.unit.plugins.simulator import SimulatorProcess
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import FakeClock, FakeV1


@pytest.fixture
def fake_v1():
    """A FakeV1 at v1_fake.API_URL; the test fails if a queued answer is left unused."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake = FakeV1(mock)
        yield fake
        assert fake.pending == 0, f"{fake.pending} queued answer(s) never requested"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path, monkeypatch):
    """A temporary folder per test: the modules keep their shared rate-limit window there."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


_SHARED_SIMULATOR: list[SimulatorProcess] = []


def pytest_configure(config):
    """Start the shared simulator in the process that stays, before any test runs.

    ansible-test runs every test in a forked child: a session fixture would start a
    simulator in each child and never stop it. One started here is inherited by every
    child and stopped in pytest_unconfigure. The xdist controller runs no test, so it
    starts none.
    """
    if getattr(config, "workerinput", None) is None and config.getoption("numprocesses", default=None):
        return
    _SHARED_SIMULATOR.append(SimulatorProcess())


def pytest_unconfigure(config):
    while _SHARED_SIMULATOR:
        _SHARED_SIMULATOR.pop().stop()


@pytest.fixture
def simulator_process():
    """The simulator shared by every test of this process (see pytest_configure)."""
    return _SHARED_SIMULATOR[0]


@pytest.fixture
def simulator(simulator_process):
    """The shared simulator, reset to its default seed with no faults."""
    simulator_process.reset()
    return simulator_process
