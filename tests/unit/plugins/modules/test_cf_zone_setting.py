# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_zone_setting through main() against the in-memory FakeAPI (the v1 forms: module_utils/_v1/test_v1_settings.py)."""

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_setting
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    DEFAULT_SETTINGS,
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    EMAIL,
    KEY,
    assert_no_secret,
)

ZONE = "example.com"
READ = ("read_settings", ZONE)


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone(ZONE)
    return fake_api


def run(**args):
    return run_module(cf_zone_setting, {**CREDENTIALS, **args})


def test_changes_only_what_differs(fake):
    result = run(
        zone=ZONE,
        security_level="under_attack",
        cache_level="aggressive",
        minify=["css", "js"],
    )

    assert fake.log == [
        READ,
        ("write_setting", ZONE, "security_level", "under_attack"),
        ("write_setting", ZONE, "minify", ["js", "css"]),
    ]
    assert result == {
        "changed": True,
        "changed_settings": ["security_level", "minify"],
        "settings": {
            **DEFAULT_SETTINGS,
            "security_level": "under_attack",
            "minify": ["js", "css"],
        },
        "development_mode_expires_on": None,
        "development_mode_seconds_left": None,
        "settings_by_id": {},
    }
    assert fake.zones[ZONE].settings["minify"] == ["js", "css"]


def test_no_change_when_everything_matches(fake):
    fake.zones[ZONE].settings.update(security_level="high", minify=["js", "css"])

    result = run(
        domain="Example.com.",
        security_level="high",
        minify=["js", "css", "js"],
        ipv6=True,
    )

    assert fake.log == [READ]
    assert result["changed"] is False
    assert result["changed_settings"] == []


def test_a_second_run_changes_nothing(fake):
    assert run(zone=ZONE, rocket_loader="automatic", mirage=True)["changed"] is True
    assert run(zone=ZONE, rocket_loader="automatic", mirage=True)["changed"] is False
    assert len(fake.writes) == 2


def test_check_mode_with_diff_makes_no_write(fake):
    result = run(
        zone=ZONE,
        rocket_loader="automatic",
        mirage=True,
        development_mode=False,
        _ansible_check_mode=True,
        _ansible_diff=True,
    )

    assert fake.log == [READ]
    assert result["changed"] is True
    assert result["changed_settings"] == ["rocket_loader", "mirage"]
    assert result["diff"] == {
        "before": {"development_mode": False, "rocket_loader": "off", "mirage": False},
        "after": {
            "development_mode": False,
            "rocket_loader": "automatic",
            "mirage": True,
        },
    }
    assert result["settings"] == {
        **DEFAULT_SETTINGS,
        "rocket_loader": "automatic",
        "mirage": True,
    }
    assert fake.zones[ZONE].settings == DEFAULT_SETTINGS


def test_a_value_no_option_stands_for_differs_and_shows_in_the_diff(fake):
    fake.zones[ZONE].settings["cache_level"] = "iqs"
    fake.zones[ZONE].unmapped.add("cache_level")

    result = run(zone=ZONE, cache_level="basic", _ansible_diff=True)

    assert fake.writes == [("write_setting", ZONE, "cache_level", "basic")]
    assert result["diff"] == {
        "before": {"cache_level": "iqs"},
        "after": {"cache_level": "basic"},
    }


def test_development_mode_on(fake, monkeypatch):
    monkeypatch.setattr("time.time", lambda: 1_800_000_000.5)
    fake.now = 1_800_000_000

    result = run(zone=ZONE, development_mode=True)

    assert fake.writes == [("write_setting", ZONE, "development_mode", True)]
    assert result["changed"] is True
    assert result["development_mode_expires_on"] == 1_800_010_800
    assert result["development_mode_seconds_left"] == 10800


@pytest.mark.parametrize(
    "args, words",
    [
        (
            {"security_level": "extreme"},
            ["security_level", "under_attack, high, medium, low, essentially_off"],
        ),
        ({"cache_level": "iqs"}, ["cache_level", "aggressive, basic"]),
        ({"rocket_loader": "fast"}, ["rocket_loader", "off, automatic, manual"]),
        ({"minify": ["js", "png"]}, ["minify", "js, css, html"]),
        ({"ipv6": "sometimes"}, ["ipv6", "bool"]),
        ({"development_mode": "later"}, ["development_mode", "bool"]),
        ({"mirage": 3}, ["mirage", "bool"]),
        ({}, ["one of the following is required", "security_level", "mirage"]),
        ({"ssl": "full", "security_level": "high"}, ["Unsupported parameters", "ssl"]),
    ],
)
def test_bad_arguments_fail_before_any_call(fake, args, words):
    result = run(zone=ZONE, **args)

    assert result["failed"] is True
    for word in words:
        assert word in result["msg"]
    assert fake.log == []


def test_zone_is_required(fake):
    result = run(security_level="high")

    assert result["failed"] is True
    assert "zone" in result["msg"]
    assert fake.log == []


def test_a_bad_zone_name_fails_before_any_call(fake):
    result = run(zone="exa mple.com", security_level="high")

    assert result == {
        "failed": True,
        "msg": "zone 'exa mple.com' is not a valid DNS name",
        "problems": ["zone 'exa mple.com' is not a valid DNS name"],
    }
    assert fake.log == []


def test_unknown_zone_fails_naming_it(fake):
    result = run(zone="Example.NET", security_level="high")

    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }
    assert fake.log == [("read_settings", "example.net")]


def test_a_failed_write_names_what_changed_before_and_masks_the_secrets(fake):
    fake.fail(
        "write_setting",
        AuthError(
            f"ipv46 failed: Unknown token or email {KEY} {EMAIL} (E_UNAUTH)",
            action="ipv46",
            err_code="E_UNAUTH",
            attempts=1,
        ),
        when=lambda zone, option, value: option == "ipv6",
    )

    result = run(zone=ZONE, security_level="low", ipv6=False)

    assert result == {
        "failed": True,
        "changed": True,
        "changed_settings": ["security_level"],
        "msg": "Changing ipv6 of zone example.com failed (already changed: security_level): "
        "ipv46 failed: Unknown token or email ******** ******** (E_UNAUTH)",
        "api_action": "ipv46",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }
    assert_no_secret(json.dumps(result), result)
    assert fake.zones[ZONE].settings["security_level"] == "low"


def test_success_result_never_holds_the_key(fake):
    result = run(zone=ZONE, security_level="high", _ansible_diff=True)

    assert_no_secret(json.dumps(result), result)


def test_a_backend_without_settings_fails_before_any_call(fake):
    fake.capabilities = capabilities(api="v4", without=("settings",))

    result = run(zone=ZONE, security_level="high")

    assert result == {"failed": True, "msg": "settings is not supported by API v4"}
    assert result.call_report["api_calls"] == 0
    assert fake.log == []


def test_the_settings_are_the_backends(fake):
    fake.capabilities = capabilities(settings=("security_level", "cache_level"))

    result = run(zone=ZONE, security_level="high", minify=["js"])

    assert result["problems"] == [
        "minify: not a setting this module manages (security_level, cache_level)"
    ]
    assert fake.log == []
