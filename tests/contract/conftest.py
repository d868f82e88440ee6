# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The contract suite runs the backends against the simulator over real HTTP on loopback.

Run in the staged collection (``make contract``): the folder that holds ``ansible_collections``
goes on ``sys.path`` here, and one simulator serves every test of the run.
"""

from __future__ import annotations

import os
import sys
import tempfile

import pytest

# tests/contract -> tests -> <name> -> <namespace> -> ansible_collections -> the folder that holds it.
_ANSIBLE_COLLECTIONS = os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", "..", "..")
)
_COLLECTIONS_ROOT = os.path.dirname(_ANSIBLE_COLLECTIONS)
if (
    os.path.basename(_ANSIBLE_COLLECTIONS) == "ansible_collections"
    and _COLLECTIONS_ROOT not in sys.path
):
    sys.path.insert(0, _COLLECTIONS_ROOT)

from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (  # noqa: E402
    SimulatorProcess,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    FakeClock,
)  # noqa: E402


@pytest.fixture(scope="session")
def simulator_process():
    """One simulator for the whole run, stopped at its end."""
    process = SimulatorProcess()
    yield process
    process.stop()


@pytest.fixture
def simulator(simulator_process):
    """The shared simulator, reset to its default seed with no faults."""
    simulator_process.reset()
    return simulator_process


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path, monkeypatch):
    """A temporary folder per test: the modules keep their shared rate-limit window there."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture(autouse=True)
def no_credentials_from_the_environment(monkeypatch):
    for name in (
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_API_URL",
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_API_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)
