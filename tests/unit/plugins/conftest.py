# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: the scripted v1 endpoint and a fake clock. No test here starts a server."""

from __future__ import annotations

import tempfile

import pytest
import responses

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
