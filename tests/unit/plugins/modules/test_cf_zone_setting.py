# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_setting
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

V1_SETTINGS = {
    "userSecuritySetting": "Medium", "dev_mode": 0, "ipv46": 3, "ob": 1, "cache_lvl": "agg",
    "outboundLinks": "disabled", "async": "0", "bic": "1", "chl_ttl": "900", "exp_ttl": "7200",
    "fpurge_ts": "0", "hotlink": "1", "img": "171", "lazy": "1", "minify": "0", "outlink": "0",
    "preload": "0", "s404": "1", "sec_lvl": "med", "spdy": "1", "ssl": "1", "waf_profile": "high",
    "email_filter": "1", "sse": "1", "geoloc": "1", "mirage2": "0",
}

DEFAULT_SETTINGS = {
    "security_level": "medium",
    "cache_level": "aggressive",
    "development_mode": False,
    "ipv6": True,
    "rocket_loader": "off",
    "minify": [],
    "mirage": False,
}


def settings_answer(**fields) -> dict:
    return success("zone_settings", {"result": {"objs": [{**V1_SETTINGS, **fields}]}})


def test_changes_only_what_differs(fake_v1):
    fake_v1.add(settings_answer(), success(), success())

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", "security_level": "under_attack",
                                          "cache_level": "aggressive", "minify": ["css", "js"]})

    assert fake_v1.forms == [
        form("zone_settings", z="example.com"),
        form("sec_lvl", z="example.com", v="help"),
        form("minify", z="example.com", v="3"),
    ]
    assert result == {
        "changed": True,
        "changed_settings": ["security_level", "minify"],
        "settings": {**DEFAULT_SETTINGS, "security_level": "under_attack", "minify": ["js", "css"]},
        "development_mode_expires_on": None,
        "development_mode_seconds_left": None,
    }


def test_no_change_when_everything_matches(fake_v1):
    fake_v1.add(settings_answer(sec_lvl="high", minify="3"))

    result = run_module(cf_zone_setting, {**CREDENTIALS, "domain": "Example.com.", "security_level": "high",
                                          "minify": ["js", "css", "js"], "ipv6": True})

    assert fake_v1.forms == [form("zone_settings", z="example.com")]
    assert result["changed"] is False
    assert result["changed_settings"] == []


def test_check_mode_with_diff_makes_no_write(fake_v1):
    fake_v1.add(settings_answer())

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", "rocket_loader": "automatic",
                                          "mirage": True, "development_mode": False,
                                          "_ansible_check_mode": True, "_ansible_diff": True})

    assert fake_v1.actions == ["zone_settings"]
    assert result["changed"] is True
    assert result["changed_settings"] == ["rocket_loader", "mirage"]
    assert result["diff"] == {
        "before": {"development_mode": False, "rocket_loader": "off", "mirage": False},
        "after": {"development_mode": False, "rocket_loader": "automatic", "mirage": True},
    }
    assert result["settings"] == {**DEFAULT_SETTINGS, "rocket_loader": "automatic", "mirage": True}


def test_diff_without_check_mode(fake_v1):
    fake_v1.add(settings_answer(cache_lvl="iqs"), success())

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", "cache_level": "basic",
                                          "_ansible_diff": True})

    assert fake_v1.forms[1] == form("cache_lvl", z="example.com", v="basic")
    assert result["diff"] == {"before": {"cache_level": "iqs"}, "after": {"cache_level": "basic"}}


def test_development_mode_on(fake_v1, monkeypatch):
    monkeypatch.setattr("time.time", lambda: 1_800_000_000.5)
    fake_v1.add(settings_answer(), success(response={"expires_on": 1_800_010_800}))

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", "development_mode": True})

    assert fake_v1.forms[1] == form("devmode", z="example.com", v="1")
    assert result["changed"] is True
    assert result["development_mode_expires_on"] == 1_800_010_800
    assert result["development_mode_seconds_left"] == 10800


@pytest.mark.parametrize("args, words", [
    ({"security_level": "extreme"}, ["security_level", "under_attack, high, medium, low, essentially_off"]),
    ({"cache_level": "iqs"}, ["cache_level", "aggressive, basic"]),
    ({"rocket_loader": "fast"}, ["rocket_loader", "off, automatic, manual"]),
    ({"minify": ["js", "png"]}, ["minify", "js, css, html"]),
    ({"ipv6": "sometimes"}, ["ipv6", "bool"]),
    ({"development_mode": "later"}, ["development_mode", "bool"]),
    ({"mirage": 3}, ["mirage", "bool"]),
    ({}, ["one of the following is required", "security_level", "mirage"]),
    ({"ssl": "full", "security_level": "high"}, ["Unsupported parameters", "ssl"]),
])
def test_bad_arguments_fail_before_any_call(fake_v1, args, words):
    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", **args})

    assert result["failed"] is True
    for word in words:
        assert word in result["msg"]
    assert fake_v1.requests == []


def test_zone_is_required(fake_v1):
    result = run_module(cf_zone_setting, {**CREDENTIALS, "security_level": "high"})

    assert result["failed"] is True
    assert "zone" in result["msg"]
    assert fake_v1.requests == []


def test_a_bad_zone_name_fails_before_any_call(fake_v1):
    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "exa mple.com", "security_level": "high"})

    assert result == {"failed": True, "msg": "zone 'exa mple.com' is not a valid DNS name",
                      "problems": ["zone 'exa mple.com' is not a valid DNS name"]}
    assert fake_v1.requests == []


def test_unknown_zone_fails_naming_it(fake_v1):
    fake_v1.add(error("Invalid zone", action="zone_settings"))

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "Example.NET", "security_level": "high"})

    assert result == {"failed": True, "msg": "Zone example.net was not found in the account",
                      "api_action": "zone_settings", "attempts": 1, "zone": "example.net"}


def test_a_failed_write_is_a_clean_failure_without_secrets(fake_v1):
    fake_v1.add(settings_answer(), success(), error(f"Unknown token or email {KEY} {EMAIL}", "E_UNAUTH"))

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", "security_level": "low",
                                          "ipv6": False})

    assert result == {
        "failed": True,
        "changed": True,
        "changed_settings": ["security_level"],
        "msg": "Changing ipv6 of zone example.com failed (already changed: security_level): "
               "ipv46 failed: Unknown token or email ******** <api_email> (E_UNAUTH)",
        "api_action": "ipv46", "err_code": "E_UNAUTH", "attempts": 1,
    }
    assert_no_secret(json.dumps(result), result)


def test_success_result_never_holds_the_key(fake_v1):
    fake_v1.add(settings_answer(), success())

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", "security_level": "high",
                                          "_ansible_diff": True})

    assert_no_secret(json.dumps(result), result)
