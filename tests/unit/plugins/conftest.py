# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: the in-memory API, the scripted v1 and v4 endpoints and a fake clock.

No test here starts a server.
"""

from __future__ import annotations

import tempfile

import pytest
import responses

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import FakeAPI
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    FakeClock,
    FakeV1,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import FakeV4

# The options whose values FakeAPI.scrub masks, as a backend masks its credentials.
_SECRET_OPTIONS = ("api_key", "api_token", "api_email")


@pytest.fixture
def fake_v1():
    """A FakeV1 at v1_fake.API_URL; the test fails if a queued answer is left unused."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake = FakeV1(mock)
        yield fake
        assert fake.pending == 0, f"{fake.pending} queued answer(s) never requested"


@pytest.fixture
def fake_v4():
    """A FakeV4 at v4_fake.API_URL; the test fails if a queued answer is left unused."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake = FakeV4(mock)
        yield fake
        assert fake.pending == 0, f"{fake.pending} queued answer(s) never requested"


@pytest.fixture
def fake_api(monkeypatch):
    """A FakeAPI that every module run gets from ``_backend.create_api``.

    The credential and connection checks of the edge still run first (so a task without
    credentials fails before the fake sees a call); the fake then keeps the options in
    ``params`` and masks the credentials given in ``scrub``. Each run starts counting
    ``api_calls`` from 0; the zones and ``log`` carry over from run to run. Set ``fake_api.capabilities``
    (see ``fake_api.capabilities()``) for a backend with other features or limits.
    """
    fake = FakeAPI()

    def create_api(params, **client_options):
        problems = _backend.credential_problems(params) + _backend.connection_problems(
            params
        )
        if problems:
            raise ValidationError(problems=problems)
        # Each module run counts its own calls, as each gets its own backend; the zones and the log stay.
        fake.calls = 0
        fake.closed = False
        fake.params = params
        fake.secrets = tuple(
            str(params[option]) for option in _SECRET_OPTIONS if params.get(option)
        )
        return fake

    monkeypatch.setattr(_backend, "create_api", create_api)
    return fake


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path, monkeypatch):
    """A temporary folder per test: the modules keep their shared rate-limit window there."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
