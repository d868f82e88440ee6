# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_zone_snapshot through main() against the in-memory FakeAPI (the v1 forms: module_utils/_v1/test_v1_snapshot.py)."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_snapshot
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    assert_no_secret,
)

DOCUMENTED_RETURN = yaml.safe_load(cf_zone_snapshot.RETURN)


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone("example.com", zone_id=42)
    return fake_api


def run(**args):
    return run_module(cf_zone_snapshot, {**CREDENTIALS, **args})


def test_refresh(fake):
    result = run(zone="example.com")

    assert result == {"changed": True, "zone": "example.com", "zone_id": 42}
    assert fake.log == [("refresh_snapshot", "example.com")]
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


def test_check_mode_makes_no_call(fake):
    result = run(domain="Example.com", _ansible_check_mode=True)

    assert result == {"changed": True, "zone": "example.com"}
    assert fake.log == []


def test_invalid_zone_is_rejected_before_any_call(fake):
    result = run(zone="ex ample.com")

    assert result == {
        "failed": True,
        "msg": "zone 'ex ample.com' is not a valid DNS name",
        "problems": ["zone 'ex ample.com' is not a valid DNS name"],
    }
    assert fake.log == []


def test_unknown_zone_fails_naming_it(fake):
    result = run(zone="example.net")

    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }
    assert fake.log == [("refresh_snapshot", "example.net")]


def test_the_daily_limit_fails_with_a_flag(fake):
    assert run(zone="example.com")["changed"] is True

    result = run(zone="example.com")

    assert result == {
        "failed": True,
        "msg": "fake: the snapshot of zone example.com was refreshed today",
        "daily_limit_reached": True,
        "api_error": "fake: once a day",
    }
    assert set(result) - {"failed", "msg"} <= set(DOCUMENTED_RETURN)


def test_auth_error(fake):
    fake.fail(
        "refresh_snapshot",
        AuthError(
            "zone_check failed: Unknown token or email (E_UNAUTH)",
            action="zone_check",
            err_code="E_UNAUTH",
            attempts=1,
        ),
    )

    result = run(zone="example.com")

    assert result == {
        "failed": True,
        "msg": "zone_check failed: Unknown token or email (E_UNAUTH)",
        "api_action": "zone_check",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }
    assert_no_secret(result)


def test_a_backend_without_snapshots_fails_before_any_call(fake):
    fake.capabilities = capabilities(api="v4", without=("snapshot",))

    result = run(zone="example.com")

    assert result == {"failed": True, "msg": "snapshot is not supported by API v4"}
    assert fake.log == []
