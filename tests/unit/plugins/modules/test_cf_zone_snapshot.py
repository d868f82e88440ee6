# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_snapshot
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
    form,
    success,
)

CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}
DOCUMENTED_RETURN = yaml.safe_load(cf_zone_snapshot.RETURN)


def test_refresh(fake_v1):
    fake_v1.add(success(None, {"zones": {"example.com": 42}}), success())

    result = run_module(cf_zone_snapshot, {**CREDENTIALS, "zone": "example.com"})

    assert result == {"changed": True, "zone": "example.com", "zone_id": 42}
    assert fake_v1.forms == [form("zone_check", zones="example.com"), form("zone_grab", zid=42)]
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


def test_check_mode_makes_no_call(fake_v1):
    result = run_module(cf_zone_snapshot, {**CREDENTIALS, "domain": "Example.com", "_ansible_check_mode": True})

    assert result == {"changed": True, "zone": "example.com"}
    assert fake_v1.requests == []


def test_invalid_zone_is_rejected_before_any_call(fake_v1):
    result = run_module(cf_zone_snapshot, {**CREDENTIALS, "zone": "ex ample.com"})

    assert result == {"failed": True, "msg": "zone 'ex ample.com' is not a valid DNS name",
                      "problems": ["zone 'ex ample.com' is not a valid DNS name"]}
    assert fake_v1.requests == []


def test_unknown_zone_fails_naming_it(fake_v1):
    fake_v1.add(success(None, {"zones": {"example.net": 0}}))

    result = run_module(cf_zone_snapshot, {**CREDENTIALS, "zone": "example.net"})

    assert result == {"failed": True, "msg": "Zone example.net was not found in the account",
                      "api_action": "zone_check", "zone": "example.net"}
    assert fake_v1.actions == ["zone_check"]


def test_daily_limit_fails_with_a_clear_message_and_a_flag(fake_v1):
    fake_v1.add(success(None, {"zones": {"example.com": 42}}),
                error("The snapshot of this zone can be refreshed once a day; try again later."))

    result = run_module(cf_zone_snapshot, {**CREDENTIALS, "zone": "example.com"})

    assert result == {
        "failed": True,
        "msg": ("The snapshot of zone example.com was not refreshed: CloudFlare allows one refresh per zone a day "
                "and refused this one. Try again a day after the last refresh."),
        "daily_limit_reached": True,
        "api_error": "zone_grab failed: The snapshot of this zone can be refreshed once a day; try again later.",
        "api_action": "zone_grab",
        "attempts": 1,
    }
    assert set(result) - {"failed", "msg", "api_action", "attempts"} <= set(DOCUMENTED_RETURN)


def test_auth_error(fake_v1):
    fake_v1.add(error("Unknown token or email", "E_UNAUTH"))

    result = run_module(cf_zone_snapshot, {**CREDENTIALS, "zone": "example.com"})

    assert result == {"failed": True, "msg": "zone_check failed: Unknown token or email (E_UNAUTH)",
                      "api_action": "zone_check", "err_code": "E_UNAUTH", "attempts": 1}
    assert_no_secret(result)
