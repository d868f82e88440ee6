# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_ip_access
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
DOCUMENTED_RETURN = yaml.safe_load(cf_ip_access.RETURN)


def confirmed(ip: str, code: str) -> dict:
    return success(None, {"result": {"ip": ip, "action": code}})


def test_whitelist_with_diff(fake_v1):
    fake_v1.add(confirmed("198.51.100.7", "WL"), confirmed("2001:db8::7", "WL"))

    result = run_module(cf_ip_access, {**CREDENTIALS, "ip": ["198.51.100.7", "2001:DB8::7"], "mode": "whitelist",
                                       "_ansible_diff": True})

    assert result == {
        "changed": True,
        "ips": [{"ip": "198.51.100.7", "mode": "whitelist"}, {"ip": "2001:db8::7", "mode": "whitelist"}],
        "diff": {"before": {"198.51.100.7": "unknown", "2001:db8::7": "unknown"},
                 "after": {"198.51.100.7": "whitelist", "2001:db8::7": "whitelist"}},
    }
    assert fake_v1.forms == [form("wl", key="198.51.100.7"), form("wl", key="2001:db8::7")]
    assert (set(result) | set(result.call_report)) - {"changed", "diff"} == set(DOCUMENTED_RETURN)
    assert set(result["ips"][0]) == set(DOCUMENTED_RETURN["ips"]["contains"])


def test_a_second_identical_run_is_still_a_change(fake_v1):
    """v1 cannot read the lists, so the module never claims an address was already listed."""
    fake_v1.add(confirmed("198.51.100.7", "BAN"), confirmed("198.51.100.7", "BAN"))
    args = {**CREDENTIALS, "ip": "198.51.100.7", "mode": "blacklist"}

    first = run_module(cf_ip_access, args)
    second = run_module(cf_ip_access, args)

    assert first == second == {"changed": True, "ips": [{"ip": "198.51.100.7", "mode": "blacklist"}]}
    assert fake_v1.actions == ["ban", "ban"]


def test_check_mode_makes_no_call(fake_v1):
    result = run_module(cf_ip_access, {**CREDENTIALS, "ip": ["203.0.113.66"], "mode": "none",
                                       "_ansible_check_mode": True, "_ansible_diff": True})

    assert result == {"changed": True, "ips": [{"ip": "203.0.113.66", "mode": "none"}],
                      "diff": {"before": {"203.0.113.66": "unknown"}, "after": {"203.0.113.66": "none"}}}
    assert fake_v1.requests == []


@pytest.mark.parametrize("args, msg", [
    ({"ip": ["198.51.100.7"]}, "missing required arguments: mode"),
    ({"ip": ["198.51.100.7"], "mode": "allow"}, "value of mode must be one of: whitelist, blacklist, none, got: allow"),
    ({"ip": ["198.51.100.7", "nonsense"], "mode": "whitelist"}, "ip: 'nonsense' is not an IPv4 or IPv6 address"),
])
def test_invalid_input_is_rejected_before_any_call(fake_v1, args, msg):
    result = run_module(cf_ip_access, {**CREDENTIALS, **args})

    assert result["failed"] is True
    assert result["msg"] == msg
    assert fake_v1.requests == []


def test_api_error_is_surfaced(fake_v1):
    fake_v1.add(error("Unknown token or email", "E_UNAUTH"))

    result = run_module(cf_ip_access, {**CREDENTIALS, "ip": ["198.51.100.7"], "mode": "whitelist"})

    assert result == {"failed": True,
                      "msg": "Setting 198.51.100.7 to whitelist failed: wl failed: Unknown token or email (E_UNAUTH)",
                      "api_action": "wl", "err_code": "E_UNAUTH", "attempts": 1}
    assert_no_secret(result)
