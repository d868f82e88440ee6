# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_ip_access through main() against the in-memory FakeAPI (the v1 forms: module_utils/_v1/test_v1_ip_access.py)."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_ip_access
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

DOCUMENTED_RETURN = yaml.safe_load(cf_ip_access.RETURN)
V4_ONLY_RETURN = {"scope", "rules", "created", "updated", "deleted", "unchanged"}
UNAUTH = AuthError(
    "wl failed: Unknown token or email (E_UNAUTH)",
    action="wl",
    err_code="E_UNAUTH",
    attempts=1,
)


def run(**args):
    return run_module(cf_ip_access, {**CREDENTIALS, **args})


def test_whitelist_with_diff(fake_api):
    result = run(
        ip=["198.51.100.7", "2001:DB8::7"], mode="whitelist", _ansible_diff=True
    )

    assert result == {
        "changed": True,
        "ips": [
            {"ip": "198.51.100.7", "mode": "whitelist"},
            {"ip": "2001:db8::7", "mode": "whitelist"},
        ],
        "diff": {
            "before": {"198.51.100.7": "unknown", "2001:db8::7": "unknown"},
            "after": {"198.51.100.7": "whitelist", "2001:db8::7": "whitelist"},
        },
    }
    assert fake_api.log == [
        ("set_ip_access", "198.51.100.7", "whitelist"),
        ("set_ip_access", "2001:db8::7", "whitelist"),
    ]
    assert fake_api.ip_access == {
        "198.51.100.7": "whitelist",
        "2001:db8::7": "whitelist",
    }
    # API v1 returns the v1 keys only; the v4 keys (rules, scope, counts): test_v4_ip_access.py.
    assert (set(result) | set(result.call_report)) - {"changed", "diff"} == set(
        DOCUMENTED_RETURN
    ) - V4_ONLY_RETURN
    assert set(result["ips"][0]) == set(DOCUMENTED_RETURN["ips"]["contains"])


def test_a_second_identical_run_is_still_a_change(fake_api):
    """The v1 adapter cannot read the lists (reads_ip_access is false), so the module never claims an address was
    already listed."""
    assert fake_api.capabilities.reads_ip_access is False
    first = run(ip="198.51.100.7", mode="blacklist")
    second = run(ip="198.51.100.7", mode="blacklist")

    assert (
        first
        == second
        == {"changed": True, "ips": [{"ip": "198.51.100.7", "mode": "blacklist"}]}
    )
    assert fake_api.methods == ["set_ip_access", "set_ip_access"]


def test_mode_none_takes_the_address_off_the_lists(fake_api):
    fake_api.ip_access["203.0.113.66"] = "blacklist"

    assert run(ip=["203.0.113.66"], mode="none")["changed"] is True
    assert fake_api.ip_access == {}


def test_check_mode_makes_no_call(fake_api):
    result = run(
        ip=["203.0.113.66"], mode="none", _ansible_check_mode=True, _ansible_diff=True
    )

    assert result == {
        "changed": True,
        "ips": [{"ip": "203.0.113.66", "mode": "none"}],
        "diff": {
            "before": {"203.0.113.66": "unknown"},
            "after": {"203.0.113.66": "none"},
        },
    }
    assert fake_api.log == []


@pytest.mark.parametrize(
    "args, msg",
    [
        ({"ip": ["198.51.100.7"]}, "parameters are required together: ip, mode"),
        ({}, "one of the following is required: ip, rules"),
        (
            {"ip": ["198.51.100.7"], "mode": "allow"},
            "value of mode must be one of: whitelist, blacklist, none, block, challenge, "
            "js_challenge, managed_challenge, got: allow",
        ),
        (
            {"ip": ["198.51.100.7", "nonsense"], "mode": "whitelist"},
            "ip: 'nonsense' is not an IPv4 or IPv6 address",
        ),
    ],
)
def test_invalid_input_is_rejected_before_any_call(fake_api, args, msg):
    result = run(**args)

    assert result["failed"] is True
    assert result["msg"] == msg
    assert fake_api.log == []


def test_api_error_is_surfaced(fake_api):
    fake_api.fail("set_ip_access", UNAUTH)

    result = run(ip=["198.51.100.7"], mode="whitelist")

    assert result == {
        "failed": True,
        "msg": "Setting 198.51.100.7 to whitelist failed: wl failed: Unknown token or email (E_UNAUTH)",
        "api_action": "wl",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }
    assert_no_secret(result)


def test_a_failure_part_way_reports_the_addresses_set_and_a_change(fake_api):
    fake_api.fail(
        "set_ip_access", UNAUTH, when=lambda address, mode: address == "198.51.100.8"
    )

    result = run(ip=["198.51.100.7", "198.51.100.8", "198.51.100.9"], mode="whitelist")

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["ips"] == [{"ip": "198.51.100.7", "mode": "whitelist"}]
    assert result["msg"] == (
        "Setting 198.51.100.8 to whitelist failed (1 address set before it): wl failed: "
        "Unknown token or email (E_UNAUTH)"
    )
    assert fake_api.methods == ["set_ip_access", "set_ip_access"]


def test_a_backend_without_ip_access_fails_before_any_call(fake_api):
    fake_api.capabilities = capabilities(api="v4", without=("ip_access",))

    result = run(ip=["198.51.100.7"], mode="whitelist")

    assert result == {"failed": True, "msg": "ip access is not supported by API v4"}
    assert fake_api.log == []


def test_v4_only_options_and_modes_are_refused_on_v1_before_any_call(fake_api):
    result = run(
        ip=["198.51.100.7", "bad"],
        mode="managed_challenge",
        notes="office",
        scope="zone",
        zone="example.com",
        account_id="023e105f4ecef8ad9ca31a8372d0c353",
        prune=True,
        max_deletes=3,
    )

    assert result["failed"] is True
    only_v4 = (
        "only API v4 has it (API v1 has one whitelist and one blacklist per account, and no call "
        "that reads them)"
    )
    assert result["problems"] == [
        f"scope: {only_v4}",
        f"zone: {only_v4}",
        f"account_id: {only_v4}",
        f"notes: {only_v4}",
        f"max_deletes: {only_v4}",
        "prune: only API v4 has it (API v1 cannot read its lists, so it cannot tell what else is listed)",
        "mode: managed_challenge is an API v4 mode; API v1 has whitelist, blacklist, none",
        "ip: 'bad' is not an IPv4 or IPv6 address",
    ]
    assert fake_api.log == []


def test_rules_are_refused_on_v1_before_any_call(fake_api):
    result = run(rules=[{"value": "198.51.100.7", "mode": "whitelist"}])

    assert result["failed"] is True
    assert result["msg"].startswith("rules: only API v4 has it")
    assert fake_api.log == []
