# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_zone_info's per-zone sections: settings, stats and visitors."""

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_info, cf_zone_setting
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
    form,
    success,
    v1_zone,
    zones_answer,
)

CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}

V1_SETTINGS = {
    "userSecuritySetting": "High", "dev_mode": 0, "ipv46": 3, "ob": 1, "cache_lvl": "iqs",
    "outboundLinks": "disabled", "async": "a", "bic": "1", "chl_ttl": "900", "exp_ttl": "7200",
    "fpurge_ts": "0", "hotlink": "1", "img": "171", "lazy": "1", "minify": "5", "outlink": "0",
    "preload": "0", "s404": "1", "sec_lvl": "high", "spdy": "1", "ssl": "1", "waf_profile": "high",
    "email_filter": "1", "sse": "1", "geoloc": "1", "mirage2": "1",
}
SETTINGS = {
    "security_level": "high",
    "cache_level": "iqs",
    "development_mode": False,
    "ipv6": True,
    "rocket_loader": "automatic",
    "minify": ["js", "html"],
    "mirage": True,
}
SETTINGS_ANSWER = success("zone_settings", {"result": {"objs": [V1_SETTINGS]}})

V1_STATS = {
    "timeZero": 1333051372000, "timeEnd": 1335643372000, "count": 1, "has_more": False,
    "objs": [{
        "trafficBreakdown": {"pageviews": {"regular": 2640, "threat": 27, "crawler": 4},
                             "uniques": {"regular": 223, "threat": 16, "crawler": 4}},
        "bandwidthServed": {"cloudflare": 78278.706054688, "user": 58909.374023438},
        "requestsServed": {"cloudflare": 4173, "user": 3697},
        "pro_zone": True, "pageLoadTime": None, "interval": 30,
    }],
}
STATS = {
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
STATS_ANSWER = success(response={"result": V1_STATS})

IPS_ANSWER = success(response={"ips": [
    {"ip": "198.51.100.7", "classification": "threat", "hits": 44, "latitude": 37.5, "longitude": -122.25,
     "zone_name": "example.com"},
    {"ip": "198.51.100.8", "classification": "threat", "hits": 4, "latitude": 0, "longitude": 0,
     "zone_name": "example.com"},
]})

TWO_ZONES = zones_answer(v1_zone("example.org", "43"), v1_zone("example.com", "42"))


def test_settings_of_one_zone_take_one_call(fake_v1):
    fake_v1.add(SETTINGS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "Example.COM.", "gather": ["settings"]})

    assert result == {"changed": False, "settings": {"example.com": SETTINGS}}
    assert fake_v1.forms == [form("zone_settings", z="example.com")]


def test_every_section_of_one_zone_in_order(fake_v1):
    fake_v1.add(SETTINGS_ANSWER, STATS_ANSWER, IPS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com", "stats_interval": "7d",
                                       "gather": ["visitors", "stats", "settings"], "visitors_hours": 6,
                                       "visitors_class": "threat", "visitors_geo": True})

    assert fake_v1.forms == [
        form("zone_settings", z="example.com"),
        form("stats", z="example.com", interval=30),
        form("zone_ips", z="example.com", hours=6, **{"class": "t"}, geo=1),
    ]
    assert result == {
        "changed": False,
        "settings": {"example.com": SETTINGS},
        "stats": {"example.com": STATS},
        "visitors": {"example.com": [
            {"ip": "198.51.100.7", "classification": "threat", "hits": 44, "latitude": 37.5, "longitude": -122.25},
            {"ip": "198.51.100.8", "classification": "threat", "hits": 4, "latitude": None, "longitude": None},
        ]},
    }


def test_defaults_are_30_days_of_stats_and_24_hours_of_every_visitor(fake_v1):
    fake_v1.add(STATS_ANSWER, IPS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com", "gather": ["stats", "visitors"]})

    assert fake_v1.forms == [form("stats", z="example.com", interval=20), form("zone_ips", z="example.com", hours=24)]
    assert result["stats"]["example.com"]["interval"] == "30d"
    assert result["visitors"]["example.com"][0] == {"ip": "198.51.100.7", "classification": "threat", "hits": 44}


def test_sections_of_every_zone_list_the_zones_once(fake_v1):
    fake_v1.add(TWO_ZONES, SETTINGS_ANSWER, STATS_ANSWER, SETTINGS_ANSWER, STATS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "gather": ["settings", "stats"], "stats_interval": "7d"})

    assert fake_v1.forms == [
        form("zone_load_multi"),
        form("zone_settings", z="example.com"),
        form("stats", z="example.com", interval=30),
        form("zone_settings", z="example.org"),
        form("stats", z="example.org", interval=30),
    ]
    assert result == {"changed": False, "settings": {"example.com": SETTINGS, "example.org": SETTINGS},
                      "stats": {"example.com": STATS, "example.org": STATS}}


@pytest.mark.parametrize("listing", [["zones"], ["zone_ids"], ["zones", "zone_ids"]])
def test_the_zone_list_is_shared_with_zones_and_zone_ids(fake_v1, listing):
    fake_v1.add(TWO_ZONES, SETTINGS_ANSWER, SETTINGS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "gather": [*listing, "settings"]})

    assert fake_v1.actions == ["zone_load_multi", "zone_settings", "zone_settings"]
    assert list(result["settings"]) == ["example.com", "example.org"]
    for key in listing:
        assert key in result


def test_zone_ids_and_settings_of_one_zone(fake_v1):
    fake_v1.add(success(response={"zones": {"example.com": 42}}), SETTINGS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com", "gather": ["zone_ids", "settings"]})

    assert fake_v1.actions == ["zone_check", "zone_settings"]
    assert result == {"changed": False, "zone_ids": {"example.com": 42}, "settings": {"example.com": SETTINGS}}


def test_check_mode_reads_the_same(fake_v1):
    fake_v1.add(SETTINGS_ANSWER, IPS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com", "gather": ["settings", "visitors"],
                                       "_ansible_check_mode": True})

    assert result["changed"] is False
    assert fake_v1.actions == ["zone_settings", "zone_ips"]


@pytest.mark.parametrize("gather, action", [(["settings"], "zone_settings"), (["stats"], "stats"),
                                            (["visitors"], "zone_ips")])
def test_unknown_zone_fails_naming_it(fake_v1, gather, action):
    fake_v1.add(error("Invalid zone"))

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "Example.NET", "gather": gather})

    assert result == {"failed": True, "msg": "Zone example.net was not found in the account", "api_action": action,
                      "attempts": 1, "zone": "example.net"}


def test_a_pro_only_interval_on_a_free_zone_fails_clearly(fake_v1):
    fake_v1.add(error("Invalid input for interval: 110 needs a Pro zone", "E_INVLDINPUT"))

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com", "gather": ["stats"],
                                       "stats_interval": "12h"})

    assert result["failed"] is True
    assert result["msg"] == ("Statistics of zone example.com over 12h: stats failed: Invalid input for interval: "
                             "110 needs a Pro zone (E_INVLDINPUT) (the intervals 24h, 12h and 6h need a Pro zone)")


@pytest.mark.parametrize("args, words", [
    ({"gather": ["settings", "dns"]}, ["gather", "dns"]),
    ({"stats_interval": "2d"}, ["stats_interval", "30d, 7d, 1d, 24h, 12h, 6h"]),
    ({"visitors_class": "bot"}, ["visitors_class", "regular, crawler, threat"]),
    ({"visitors_hours": 0}, ["visitors_hours: must be a whole number from 1 to 48, got 0"]),
    ({"visitors_hours": 49}, ["visitors_hours: must be a whole number from 1 to 48, got 49"]),
    ({"visitors_hours": "soon"}, ["visitors_hours", "int"]),
    ({"zone": "exa mple.com"}, ["zone 'exa mple.com' is not a valid DNS name"]),
])
def test_bad_options_fail_before_any_call(fake_v1, args, words):
    result = run_module(cf_zone_info, {**CREDENTIALS, "gather": ["visitors"], **args})

    assert result["failed"] is True
    for word in words:
        assert word in result["msg"]
    assert fake_v1.requests == []


def test_the_settings_can_be_fed_back_to_cf_zone_setting(fake_v1):
    plain = {**V1_SETTINGS, "cache_lvl": "basic"}
    fake_v1.add(success("zone_settings", {"result": {"objs": [plain]}}))
    settings = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com",
                                         "gather": ["settings"]})["settings"]["example.com"]
    fake_v1.add(success("zone_settings", {"result": {"objs": [plain]}}))

    result = run_module(cf_zone_setting, {**CREDENTIALS, "zone": "example.com", **settings})

    assert result["changed"] is False
    assert fake_v1.actions == ["zone_settings", "zone_settings"]


def test_results_never_hold_the_key(fake_v1):
    fake_v1.add(SETTINGS_ANSWER, STATS_ANSWER, IPS_ANSWER)

    result = run_module(cf_zone_info, {**CREDENTIALS, "zone": "example.com", "gather": ["settings", "stats", "visitors"]})

    assert_no_secret(json.dumps(result), result)
