# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_zone_setting on API v4 through the real edge and the fake v4 transport: the exact calls.

Design 10.2: one ``GET /zones/{id}/settings/{setting}`` per setting the task manages (never
the deprecated all-settings endpoints, never a setting the task does not manage), one
``PATCH`` with ``{"value": ...}`` per setting that differs; a no-change task costs 1 + N calls.
"""

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_setting
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.test_v4_module_edge import (
    CREDENTIALS,
    ZONE_ID,
    v4_zone,
    zone_lookup,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS as V1_CREDENTIALS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import (
    assert_no_secret,
    error,
    failure,
    ok,
)

SETTINGS = f"/zones/{ZONE_ID}/settings"


def setting(setting_id: str, value, editable: bool = True, **extra) -> dict:
    return ok(
        {
            "id": setting_id,
            "value": value,
            "editable": editable,
            "modified_on": None,
            **extra,
        }
    )


def run(**args):
    return run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", **args})


def test_a_no_change_task_reads_only_the_settings_it_manages(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("security_level", "high"),
        setting("ipv6", "on"),
    )

    result = run(security_level="high", ipv6=True)

    assert fake_v4.lines == [
        "GET /zones",
        f"GET {SETTINGS}/security_level",
        f"GET {SETTINGS}/ipv6",
    ]
    assert result["changed"] is False
    assert len(fake_v4.calls) == 3
    assert result["settings"] == {"security_level": "high", "ipv6": True}
    assert result["changed_settings"] == []
    assert result["settings_by_id"] == {}
    assert result["development_mode_expires_on"] is None


def test_a_change_patches_the_v4_value_of_each_setting_that_differs(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("security_level", "medium"),
        setting("cache_level", "aggressive"),
        setting("rocket_loader", "off"),
        setting("security_level", "off"),
        setting("rocket_loader", "on"),
    )

    result = run(
        security_level="off",
        cache_level="aggressive",
        rocket_loader="automatic",
        _ansible_diff=True,
    )

    assert fake_v4.lines == [
        "GET /zones",
        f"GET {SETTINGS}/security_level",
        f"GET {SETTINGS}/cache_level",
        f"GET {SETTINGS}/rocket_loader",
        f"PATCH {SETTINGS}/security_level",
        f"PATCH {SETTINGS}/rocket_loader",
    ]
    assert [call.json for call in fake_v4.calls[4:]] == [
        {"value": "off"},
        {"value": "on"},
    ]
    assert result["changed"] is True
    assert result["changed_settings"] == ["security_level", "rocket_loader"]
    assert result["diff"] == {
        "before": {
            "security_level": "medium",
            "cache_level": "aggressive",
            "rocket_loader": "off",
        },
        "after": {
            "security_level": "off",
            "cache_level": "aggressive",
            "rocket_loader": "automatic",
        },
    }


def test_cache_level_simplified_is_a_v4_value(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("cache_level", "basic"),
        setting("cache_level", "simplified"),
    )

    result = run(cache_level="simplified")

    assert fake_v4.calls[-1].json == {"value": "simplified"}
    assert result["settings"] == {"cache_level": "simplified"}


def test_check_mode_reads_only_and_shows_the_diff(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("ipv6", "off"),
        setting("http3", "off"),
    )

    result = run(
        ipv6=True,
        settings={"http3": True},
        _ansible_check_mode=True,
        _ansible_diff=True,
    )

    assert fake_v4.lines == [
        "GET /zones",
        f"GET {SETTINGS}/ipv6",
        f"GET {SETTINGS}/http3",
    ]
    assert result["changed"] is True
    assert result["changed_settings"] == ["ipv6", "http3"]
    assert result["settings_by_id"] == {"http3": "on"}
    assert result["diff"] == {
        "before": {"ipv6": False, "http3": "off"},
        "after": {"ipv6": True, "http3": "on"},
    }


def test_development_mode_reports_the_expiry_from_time_remaining(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("development_mode", "off", time_remaining=0),
        setting("development_mode", "on", time_remaining=10800),
    )

    result = run(development_mode=True)

    assert fake_v4.calls[-1].json == {"value": "on"}
    assert result["changed"] is True
    assert result["settings"] == {"development_mode": True}
    assert 10790 <= result["development_mode_seconds_left"] <= 10800
    assert isinstance(result["development_mode_expires_on"], int)


def test_development_mode_on_is_no_change_and_reports_the_time_left(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("development_mode", "on", time_remaining=600),
    )

    result = run(development_mode=True)

    assert result["changed"] is False
    assert 590 <= result["development_mode_seconds_left"] <= 600


@pytest.mark.parametrize(
    "args, named",
    [
        ({"minify": ["js"]}, "Auto Minify on 2024-08-05"),
        ({"mirage": True}, "Mirage in January 2026"),
        ({"rocket_loader": "manual"}, "manual mode"),
        ({"settings": {"minify": {"js": "on"}}}, "Auto Minify on 2024-08-05"),
    ],
)
def test_what_v4_retired_fails_before_any_call(fake_v4, args, named):
    result = run(**args)

    assert result["failed"] is True
    assert named in result["msg"]
    assert fake_v4.calls == []


def test_settings_by_id_compare_as_the_api_spells_them(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("always_use_https", "on"),
        setting("browser_cache_ttl", 14400),
        setting("min_tls_version", "1.2"),
        setting("ssl", "full"),
    )

    result = run(
        settings={
            "always_use_https": True,
            "browser_cache_ttl": "14400",
            "min_tls_version": 1.2,
            "ssl": "full",
        }
    )

    assert fake_v4.lines == ["GET /zones"] + [
        f"GET {SETTINGS}/{setting_id}"
        for setting_id in (
            "always_use_https",
            "browser_cache_ttl",
            "min_tls_version",
            "ssl",
        )
    ]
    assert result["changed"] is False
    assert result["settings"] == {}
    assert result["settings_by_id"] == {
        "always_use_https": "on",
        "browser_cache_ttl": 14400,
        "min_tls_version": "1.2",
        "ssl": "full",
    }


def test_settings_by_id_patch_the_api_spelling(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("tls_1_3", "off"),
        setting("browser_cache_ttl", 14400),
        setting("tls_1_3", "on"),
        setting("browser_cache_ttl", 3600),
    )

    result = run(settings={"tls_1_3": True, "browser_cache_ttl": "3600"})

    assert fake_v4.lines[-2:] == [
        f"PATCH {SETTINGS}/tls_1_3",
        f"PATCH {SETTINGS}/browser_cache_ttl",
    ]
    assert [call.json for call in fake_v4.calls[-2:]] == [
        {"value": "on"},
        {"value": 3600},
    ]
    assert result["changed_settings"] == ["tls_1_3", "browser_cache_ttl"]
    assert result["settings_by_id"] == {"tls_1_3": "on", "browser_cache_ttl": 3600}


def test_an_unknown_setting_id_fails_naming_it_after_its_read(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        failure(400, error(1006, "Unrecognized zone setting name: nosuch")),
    )

    result = run(settings={"nosuch": "on"})

    assert result["failed"] is True
    assert result["msg"].startswith(
        "settings.nosuch: zone example.com has no setting nosuch on API v4"
    )
    assert "1006" in result["msg"]
    assert len(fake_v4.calls) == 2


def test_a_bad_value_fails_with_the_apis_error_naming_the_setting(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("ssl", "full"),
        failure(400, error(1007, "Invalid value for zone setting ssl")),
    )

    result = run(settings={"ssl": "extreme"})

    assert result["failed"] is True
    assert "settings.ssl" in result["msg"]
    assert "Invalid value for zone setting ssl" in result["msg"]
    assert fake_v4.calls[-1].json == {"value": "extreme"}


def test_a_setting_the_plan_cannot_change_fails_before_any_patch(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        setting("http3", "off"),
        setting("webp", "off", editable=False),
    )

    result = run(settings={"http3": "on", "webp": "on"})

    assert result["failed"] is True
    assert "settings.webp" in result["msg"]
    assert "editable: false" in result["msg"]
    assert "settings.http3" not in result["msg"]
    assert [call.method for call in fake_v4.calls] == ["GET", "GET", "GET"]


def test_a_read_only_setting_already_as_wanted_is_no_change(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), setting("webp", "off", editable=False))

    result = run(settings={"webp": False})

    assert result["changed"] is False


def test_a_setting_given_twice_fails_before_any_call(fake_v4):
    result = run(ipv6=True, settings={"ipv6": "on"})

    assert result["failed"] is True
    assert (
        "settings.ipv6: given both as the option ipv6 and in settings" in result["msg"]
    )
    assert fake_v4.calls == []


def test_a_malformed_setting_id_fails_before_any_call(fake_v4):
    result = run(settings={"Bad Id": "on"})

    assert result["failed"] is True
    assert "is not a setting id" in result["msg"]
    assert fake_v4.calls == []


def test_settings_by_id_are_refused_on_v1_before_any_call(fake_v1):
    result = run_module(
        cf_zone_setting,
        {**V1_CREDENTIALS, "zone": "example.com", "settings": {"http3": "on"}},
    )

    assert result["failed"] is True
    assert result["msg"].startswith("settings by id is not supported by API v1")
    assert fake_v1.requests == []
    assert_no_secret(json.dumps(dict(result)))


@pytest.mark.parametrize(
    "args", [{"security_level": "off"}, {"cache_level": "simplified"}]
)
def test_the_v4_only_values_are_refused_on_v1_before_any_call(fake_v1, args):
    result = run_module(
        cf_zone_setting, {**V1_CREDENTIALS, "zone": "example.com", **args}
    )

    assert result["failed"] is True
    assert "is not a value API v1 has: only API v4" in result["msg"]
    assert fake_v1.requests == []
