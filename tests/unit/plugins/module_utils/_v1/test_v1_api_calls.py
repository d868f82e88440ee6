# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The v1 calls behind V1API's settings, cache, account and traffic methods, as the module tests once pinned them.

The modules are tested against FakeAPI (tests/unit/plugins/modules/); here each V1API method
is called directly and its exact v1 forms, its mapping of the answer and the details of its
errors are pinned.
"""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    ZoneSettings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    DEFAULT_SETTINGS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
    form,
    success,
)

ZONE = "example.com"

# A zone_settings object whose values all read as option values: the defaults of FakeAPI.
V1_DEFAULTS = {
    "userSecuritySetting": "Medium",
    "dev_mode": 0,
    "ipv46": 3,
    "ob": 1,
    "cache_lvl": "agg",
    "outboundLinks": "disabled",
    "async": "0",
    "bic": "1",
    "chl_ttl": "900",
    "exp_ttl": "7200",
    "fpurge_ts": "0",
    "hotlink": "1",
    "img": "171",
    "lazy": "1",
    "minify": "0",
    "outlink": "0",
    "preload": "0",
    "s404": "1",
    "sec_lvl": "med",
    "spdy": "1",
    "ssl": "1",
    "waf_profile": "high",
    "email_filter": "1",
    "sse": "1",
    "geoloc": "1",
    "mirage2": "0",
}
V1_STATS = {
    "timeZero": 1333051372000,
    "timeEnd": 1335643372000,
    "count": 1,
    "has_more": False,
    "objs": [
        {
            "trafficBreakdown": {
                "pageviews": {"regular": 2640, "threat": 27, "crawler": 4},
                "uniques": {"regular": 223, "threat": 16, "crawler": 4},
            },
            "bandwidthServed": {"cloudflare": 78278.706054688, "user": 58909.374023438},
            "requestsServed": {"cloudflare": 4173, "user": 3697},
            "pro_zone": True,
            "pageLoadTime": None,
            "interval": 30,
        }
    ],
}
IPS_ANSWER = success(
    response={
        "ips": [
            {
                "ip": "198.51.100.7",
                "classification": "threat",
                "hits": 44,
                "latitude": 37.5,
                "longitude": -122.25,
                "zone_name": "example.com",
            },
            {
                "ip": "198.51.100.8",
                "classification": "threat",
                "hits": 4,
                "latitude": 0,
                "longitude": 0,
                "zone_name": "example.com",
            },
        ]
    }
)
UNAUTH = error("Unknown token or email", "E_UNAUTH")


@pytest.fixture
def api(clock):
    with V1API(
        V1Client(EMAIL, KEY, API_URL, sleep=clock.sleep, clock=clock, rate_limit=None)
    ) as v1:
        yield v1


def settings_answer(**fields) -> dict:
    return success("zone_settings", {"result": {"objs": [{**V1_DEFAULTS, **fields}]}})


# --- settings --------------------------------------------------------------------------------------


def test_settings_are_one_zone_settings_read_in_option_terms(fake_v1, api):
    fake_v1.add(
        settings_answer(),
        settings_answer(
            sec_lvl="high", cache_lvl="iqs", minify="5", mirage2="1", **{"async": "a"}
        ),
    )
    assert api.read_settings(ZONE) == ZoneSettings(values=DEFAULT_SETTINGS)
    other = api.read_settings(ZONE)
    assert other.values == {
        "security_level": "high",
        "cache_level": "iqs",
        "development_mode": False,
        "ipv6": True,
        "rocket_loader": "automatic",
        "minify": ["js", "html"],
        "mirage": True,
    }
    assert other.unmapped == frozenset({"cache_level"})
    assert fake_v1.forms == [form("zone_settings", z=ZONE)] * 2


@pytest.mark.parametrize(
    "option, value, action, v",
    [
        ("security_level", "under_attack", "sec_lvl", "help"),
        ("minify", ["js", "css"], "minify", "3"),
        ("cache_level", "basic", "cache_lvl", "basic"),
    ],
)
def test_a_setting_is_one_write(fake_v1, api, option, value, action, v):
    fake_v1.add(success())
    assert api.write_setting(ZONE, option, value) is None
    assert fake_v1.forms == [form(action, z=ZONE, v=v)]


def test_turning_development_mode_on_returns_the_expiry_the_api_answers(fake_v1, api):
    fake_v1.add(success(response={"expires_on": 1_800_010_800}))
    assert api.write_setting(ZONE, "development_mode", True) == 1_800_010_800
    assert fake_v1.forms == [form("devmode", z=ZONE, v="1")]


def test_a_refused_setting_names_its_action_and_masks_the_credentials(fake_v1, api):
    fake_v1.add(error(f"Unknown token or email {KEY} {EMAIL}", "E_UNAUTH"))
    with pytest.raises(AuthError) as caught:
        api.write_setting(ZONE, "ipv6", False)
    assert fake_v1.forms == [form("ipv46", z=ZONE, v="0")]
    assert (
        api.scrub(caught.value.msg)
        == "ipv46 failed: Unknown token or email ******** <api_email> (E_UNAUTH)"
    )
    assert caught.value.details() == {
        "api_action": "ipv46",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }


@pytest.mark.parametrize(
    "call, action",
    [
        (lambda api: api.read_settings("example.net"), "zone_settings"),
        (lambda api: api.read_stats("example.net", "30d"), "stats"),
        (lambda api: api.read_visitors("example.net", 24, None, False), "zone_ips"),
        (
            lambda api: api.purge_files("example.net", ["http://example.net/"]),
            "zone_file_purge",
        ),
    ],
)
def test_an_unknown_zone_names_the_action_that_found_it(fake_v1, api, call, action):
    fake_v1.add(error("Invalid zone", action=action))
    with pytest.raises(ZoneNotFoundError) as caught:
        call(api)
    assert caught.value.msg == "Zone example.net was not found in the account"
    assert caught.value.details() == {
        "api_action": action,
        "attempts": 1,
        "zone": "example.net",
    }


# --- stats and visitors ----------------------------------------------------------------------------


def test_stats_are_one_stats_call_normalised(fake_v1, api):
    fake_v1.add(
        success(response={"result": V1_STATS}), success(response={"result": V1_STATS})
    )
    assert api.read_stats(ZONE, "7d") == {
        "interval": "7d",
        "start": "2012-03-29T20:02:52Z",
        "end": "2012-04-28T20:02:52Z",
        "pageviews": {"regular": 2640, "threat": 27, "crawler": 4},
        "uniques": {"regular": 223, "threat": 16, "crawler": 4},
        "requests": {"cloudflare": 4173, "origin": 3697},
        "bandwidth": {"cloudflare": 78278.706054688, "origin": 58909.374023438},
        "pro_zone": True,
        "page_load_time": None,
    }
    assert api.read_stats(ZONE, "30d")["interval"] == "30d"
    assert fake_v1.forms == [
        form("stats", z=ZONE, interval=30),
        form("stats", z=ZONE, interval=20),
    ]


def test_visitors_are_one_zone_ips_call_normalised(fake_v1, api):
    fake_v1.add(IPS_ANSWER, IPS_ANSWER)
    assert api.read_visitors(ZONE, 6, "threat", True) == [
        {
            "ip": "198.51.100.7",
            "classification": "threat",
            "hits": 44,
            "latitude": 37.5,
            "longitude": -122.25,
        },
        {
            "ip": "198.51.100.8",
            "classification": "threat",
            "hits": 4,
            "latitude": None,
            "longitude": None,
        },
    ]
    assert api.read_visitors(ZONE, 24, None, False)[0] == {
        "ip": "198.51.100.7",
        "classification": "threat",
        "hits": 44,
    }
    assert fake_v1.forms == [
        form("zone_ips", z=ZONE, hours=6, **{"class": "t"}, geo=1),
        form("zone_ips", z=ZONE, hours=24),
    ]


# --- cache -------------------------------------------------------------------------------------------


def test_a_full_purge_is_one_fpurge_ts_and_reports_its_timestamp_and_cooldown(
    fake_v1, api
):
    fake_v1.add(success(None, {"fpurge_ts": 1449381662}, attributes={"cooldown": 20}))
    assert api.purge_everything(ZONE) == {"purge_timestamp": 1449381662, "cooldown": 20}
    assert fake_v1.forms == [form("fpurge_ts", z=ZONE, v=1)]


def test_files_are_one_zone_file_purge_each(fake_v1, api):
    urls = ["http://www.example.com/a.css", "https://www.example.com/a.css"]
    fake_v1.add(*[success("zone_file_purge", {"url": url}) for url in urls])
    assert api.purge_files(ZONE, urls) is None
    assert fake_v1.forms == [form("zone_file_purge", z=ZONE, url=url) for url in urls]


def test_a_purge_refused_part_way_raises_the_apis_error_and_sends_no_more(fake_v1, api):
    fake_v1.add(success("zone_file_purge"), error("Unknown token or email", "E_UNAUTH"))
    with pytest.raises(AuthError) as caught:
        api.purge_files(
            ZONE,
            ["http://example.com/a", "http://example.com/b", "http://example.com/c"],
        )
    assert (
        caught.value.msg == "zone_file_purge failed: Unknown token or email (E_UNAUTH)"
    )
    assert [sent["url"] for sent in fake_v1.forms] == [
        "http://example.com/a",
        "http://example.com/b",
    ]


# --- the account ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mode, action, code",
    [("whitelist", "wl", "WL"), ("blacklist", "ban", "BAN"), ("none", "nul", "NUL")],
)
def test_an_ip_access_mode_is_one_call_confirmed_by_its_code(
    fake_v1, api, mode, action, code
):
    fake_v1.add(success(None, {"result": {"ip": "198.51.100.7", "action": code}}))
    assert api.set_ip_access("198.51.100.7", mode) == {
        "ip": "198.51.100.7",
        "mode": mode,
    }
    assert fake_v1.forms == [form(action, key="198.51.100.7")]


def test_threat_scores_are_one_ip_lkup_each(fake_v1, api):
    fake_v1.add(
        success(None, {"0.0.0.0": "BAD:0"}), success(None, {"127.0.0.1": False})
    )
    assert api.lookup_ip("0.0.0.0") == {"ip": "0.0.0.0", "label": "BAD", "score": 0}
    assert api.lookup_ip("127.0.0.1") == {
        "ip": "127.0.0.1",
        "label": None,
        "score": None,
    }
    assert fake_v1.forms == [
        form("ip_lkup", ip="0.0.0.0"),
        form("ip_lkup", ip="127.0.0.1"),
    ]


def test_a_snapshot_refresh_is_zone_check_then_zone_grab(fake_v1, api):
    fake_v1.add(success(None, {"zones": {"example.com": 42}}), success())
    assert api.refresh_snapshot(ZONE) == 42
    assert fake_v1.forms == [form("zone_check", zones=ZONE), form("zone_grab", zid=42)]


@pytest.mark.parametrize(
    "call, action",
    [
        (lambda api: api.refresh_snapshot(ZONE), "zone_check"),
        (lambda api: api.set_ip_access("198.51.100.7", "whitelist"), "wl"),
        (lambda api: api.lookup_ip("0.0.0.0"), "ip_lkup"),
        (lambda api: api.list_zones(), "zone_load_multi"),
        (lambda api: api.load_records(ZONE), "rec_load_all"),
        (lambda api: api.purge_everything(ZONE), "fpurge_ts"),
        (lambda api: api.read_settings(ZONE), "zone_settings"),
    ],
)
def test_refused_credentials_are_an_auth_error_of_the_first_call(
    fake_v1, api, call, action
):
    fake_v1.add(UNAUTH)
    with pytest.raises(AuthError) as caught:
        call(api)
    assert caught.value.msg == f"{action} failed: Unknown token or email (E_UNAUTH)"
    assert caught.value.details() == {
        "api_action": action,
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }
    assert (fake_v1.actions, api.api_calls) == ([action], 1)
    assert_no_secret(caught.value)
