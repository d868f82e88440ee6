# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_zone_info's per-zone sections (settings, stats, visitors) against the in-memory FakeAPI.

Their v1 calls and mappings are pinned in module_utils/_v1/test_v1_settings.py,
test_v1_stats.py and test_v1_api_calls.py.
"""

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_zone_info,
    cf_zone_setting,
)
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

SETTINGS = {
    "security_level": "high",
    "cache_level": "iqs",
    "development_mode": False,
    "ipv6": True,
    "rocket_loader": "automatic",
    "minify": ["js", "html"],
    "mirage": True,
}
STATS = {
    "start": "2012-03-29T20:02:52Z",
    "end": "2012-04-28T20:02:52Z",
    "pageviews": {"regular": 2640, "threat": 27, "crawler": 4},
    "uniques": {"regular": 223, "threat": 16, "crawler": 4},
    "requests": {"cloudflare": 4173, "origin": 3697},
    "bandwidth": {"cloudflare": 78278.706054688, "origin": 58909.374023438},
    "pro_zone": True,
    "page_load_time": None,
}
VISITORS = [
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
    {
        "ip": "198.51.100.9",
        "classification": "crawler",
        "hits": 2,
        "latitude": None,
        "longitude": None,
    },
]


@pytest.fixture
def fake(fake_api):
    for name, zone_id in (("example.org", 43), ("example.com", 42)):
        zone = fake_api.add_zone(name, zone_id)
        zone.settings.update(SETTINGS)
        zone.unmapped.add("cache_level")
        zone.stats.update(STATS)
        zone.visitors.extend(VISITORS)
    return fake_api


def run(**args):
    return run_module(cf_zone_info, {**CREDENTIALS, **args})


def test_settings_of_one_zone_take_one_call(fake):
    result = run(zone="Example.COM.", gather=["settings"])

    assert result == {"changed": False, "settings": {"example.com": SETTINGS}}
    assert fake.log == [("read_settings", "example.com")]


def test_every_section_of_one_zone_in_order(fake):
    result = run(
        zone="example.com",
        stats_interval="7d",
        gather=["visitors", "stats", "settings"],
        visitors_hours=6,
        visitors_class="threat",
        visitors_geo=True,
    )

    assert fake.log == [
        ("read_settings", "example.com"),
        ("read_stats", "example.com", "7d"),
        ("read_visitors", "example.com", 6, "threat", True),
    ]
    assert result == {
        "changed": False,
        "settings": {"example.com": SETTINGS},
        "stats": {"example.com": {**STATS, "interval": "7d"}},
        "visitors": {"example.com": VISITORS[:2]},
    }


def test_defaults_are_30_days_of_stats_and_24_hours_of_every_visitor(fake):
    result = run(zone="example.com", gather=["stats", "visitors"])

    assert fake.log == [
        ("read_stats", "example.com", "30d"),
        ("read_visitors", "example.com", 24, None, False),
    ]
    assert result["stats"]["example.com"]["interval"] == "30d"
    assert result["visitors"]["example.com"][0] == {
        "ip": "198.51.100.7",
        "classification": "threat",
        "hits": 44,
    }
    assert len(result["visitors"]["example.com"]) == 3


def test_sections_of_every_zone_list_the_zones_once(fake):
    result = run(gather=["settings", "stats"], stats_interval="7d")

    assert fake.log == [
        ("list_zones",),
        ("read_settings", "example.com"),
        ("read_stats", "example.com", "7d"),
        ("read_settings", "example.org"),
        ("read_stats", "example.org", "7d"),
    ]
    stats = {**STATS, "interval": "7d"}
    assert result == {
        "changed": False,
        "settings": {"example.com": SETTINGS, "example.org": SETTINGS},
        "stats": {"example.com": stats, "example.org": stats},
    }


@pytest.mark.parametrize("listing", [["zones"], ["zone_ids"], ["zones", "zone_ids"]])
def test_the_zone_list_is_shared_with_zones_and_zone_ids(fake, listing):
    result = run(gather=[*listing, "settings"])

    assert fake.methods == ["list_zones", "read_settings", "read_settings"]
    assert list(result["settings"]) == ["example.com", "example.org"]
    for key in listing:
        assert key in result


def test_zone_ids_and_settings_of_one_zone(fake):
    result = run(zone="example.com", gather=["zone_ids", "settings"])

    assert fake.methods == ["zone_id", "read_settings"]
    assert result == {
        "changed": False,
        "zone_ids": {"example.com": 42},
        "settings": {"example.com": SETTINGS},
    }


def test_check_mode_reads_the_same(fake):
    result = run(
        zone="example.com", gather=["settings", "visitors"], _ansible_check_mode=True
    )

    assert result["changed"] is False
    assert fake.methods == ["read_settings", "read_visitors"]


@pytest.mark.parametrize(
    "gather, method",
    [
        (["settings"], "read_settings"),
        (["stats"], "read_stats"),
        (["visitors"], "read_visitors"),
    ],
)
def test_unknown_zone_fails_naming_it(fake, gather, method):
    result = run(zone="Example.NET", gather=gather)

    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }
    assert fake.methods == [method]


def test_an_error_of_a_section_fails_the_task_with_its_message(fake):
    fake.fail(
        "read_stats",
        InputError(
            "Statistics of zone example.com over 12h: stats failed: Invalid input for "
            "interval: 110 needs a Pro zone (E_INVLDINPUT) (the intervals 24h, 12h and 6h "
            "need a Pro zone)",
            action="stats",
            err_code="E_INVLDINPUT",
            attempts=1,
        ),
    )

    result = run(zone="example.com", gather=["stats"], stats_interval="12h")

    assert result == {
        "failed": True,
        "api_action": "stats",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
        "msg": "Statistics of zone example.com over 12h: stats failed: Invalid input for interval: "
        "110 needs a Pro zone (E_INVLDINPUT) (the intervals 24h, 12h and 6h need a Pro zone)",
    }
    assert fake.log == [("read_stats", "example.com", "12h")]


@pytest.mark.parametrize(
    "args, words",
    [
        ({"gather": ["settings", "dns"]}, ["gather", "dns"]),
        ({"stats_interval": "2d"}, ["stats_interval", "30d, 7d, 1d, 24h, 12h, 6h"]),
        ({"visitors_class": "bot"}, ["visitors_class", "regular, crawler, threat"]),
        (
            {"visitors_hours": 0},
            ["visitors_hours: must be a whole number from 1 to 48, got 0"],
        ),
        (
            {"visitors_hours": 49},
            ["visitors_hours: must be a whole number from 1 to 48, got 49"],
        ),
        ({"visitors_hours": "soon"}, ["visitors_hours", "int"]),
        ({"zone": "exa mple.com"}, ["zone 'exa mple.com' is not a valid DNS name"]),
    ],
)
def test_bad_options_fail_before_any_call(fake, args, words):
    result = run(**{"gather": ["visitors"], **args})

    assert result["failed"] is True
    for word in words:
        assert word in result["msg"]
    assert fake.log == []


@pytest.mark.parametrize(
    "feature, gather",
    [
        ("stats", ["zones", "stats"]),
        ("visitors", ["zone_ids", "visitors"]),
        ("settings", ["settings"]),
    ],
)
def test_a_section_the_backend_lacks_fails_before_any_call(fake, feature, gather):
    fake.capabilities = capabilities(api="v4", without=(feature,))

    result = run(gather=gather)

    assert result == {"failed": True, "msg": f"{feature} is not supported by API v4"}
    assert fake.log == []


def test_the_settings_can_be_fed_back_to_cf_zone_setting(fake):
    fake.zones["example.com"].settings["cache_level"] = "basic"
    fake.zones["example.com"].unmapped.clear()
    settings = run(zone="example.com", gather=["settings"])["settings"]["example.com"]

    result = run_module(
        cf_zone_setting, {**CREDENTIALS, "zone": "example.com", **settings}
    )

    assert result["changed"] is False
    assert fake.methods == ["read_settings", "read_settings"]


def test_results_never_hold_the_key(fake):
    result = run(zone="example.com", gather=["settings", "stats", "visitors"])

    assert_no_secret(json.dumps(result), result)
