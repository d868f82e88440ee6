# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.traffic import (
    stats_from_v1,
    visitor_from_v1,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    error,
    form,
    success,
)

# The spec's stats example (section 4.1).
V1_STATS = {
    "timeZero": 1333051372000,
    "timeEnd": 1335643372000,
    "count": 1,
    "has_more": False,
    "objs": [
        {
            "cachedServerTime": 1335816172000,
            "cachedExpryTime": 1335859372000,
            "trafficBreakdown": {
                "pageviews": {"regular": 2640, "threat": 27, "crawler": 4},
                "uniques": {"regular": 223, "threat": 16, "crawler": 4},
            },
            "bandwidthServed": {"cloudflare": 78278.706054688, "user": 58909.374023438},
            "requestsServed": {"cloudflare": 4173, "user": 3697},
            "pro_zone": False,
            "pageLoadTime": None,
            "currentServerTime": 1335824051000,
            "interval": 20,
            "zoneCDate": 1307574643000,
            "userSecuritySetting": "Medium",
            "dev_mode": 0,
            "ipv46": 3,
            "ob": 0,
            "cache_lvl": "agg",
            "outboundLinks": "disabled",
        }
    ],
}

STATS = {
    "interval": "30d",
    "start": "2012-03-29T20:02:52Z",
    "end": "2012-04-28T20:02:52Z",
    "pageviews": {"regular": 2640, "threat": 27, "crawler": 4},
    "uniques": {"regular": 223, "threat": 16, "crawler": 4},
    "requests": {"cloudflare": 4173, "origin": 3697},
    "bandwidth": {"cloudflare": 78278.706054688, "origin": 58909.374023438},
    "pro_zone": False,
    "page_load_time": None,
}

# The spec's zone_ips example (section 4.5).
V1_IPS = [
    {
        "ip": "198.51.100.7",
        "classification": "regular",
        "hits": 44,
        "latitude": 37.76969909668,
        "longitude": -122.39330291748,
        "zone_name": "example.com",
    },
    {
        "ip": "198.51.100.8",
        "classification": "crawler",
        "hits": 4,
        "latitude": 0,
        "longitude": 0,
        "zone_name": "example.com",
    },
]


@pytest.fixture
def client(clock):
    """The v1 adapter over a client on the fake endpoint."""
    return V1API(V1Client(EMAIL, KEY, api_url=API_URL, clock=clock, sleep=clock.sleep))


def test_the_spec_example_is_normalised():
    assert stats_from_v1(V1_STATS, "30d") == STATS


def test_missing_or_odd_fields_read_as_none():
    assert stats_from_v1({"timeZero": "soon", "objs": ["odd"]}, "7d") == {
        "interval": "7d",
        "start": None,
        "end": None,
        "pageviews": {"regular": None, "threat": None, "crawler": None},
        "uniques": {"regular": None, "threat": None, "crawler": None},
        "requests": {"cloudflare": None, "origin": None},
        "bandwidth": {"cloudflare": None, "origin": None},
        "pro_zone": False,
        "page_load_time": None,
    }


@pytest.mark.parametrize(
    "interval, code",
    [("30d", 20), ("7d", 30), ("1d", 40), ("24h", 100), ("12h", 110), ("6h", 120)],
)
def test_each_interval_name_sends_its_v1_code(fake_v1, client, interval, code):
    fake_v1.add(
        success(
            response={
                "result": {
                    **V1_STATS,
                    "objs": [{**V1_STATS["objs"][0], "interval": code}],
                }
            }
        )
    )

    stats = client.read_stats("example.com", interval)

    assert fake_v1.forms == [form("stats", z="example.com", interval=code)]
    assert stats == {**STATS, "interval": interval}


def test_a_pro_only_interval_on_a_free_zone_says_why(fake_v1, client):
    fake_v1.add(
        error("Invalid input for interval: 120 needs a Pro zone", "E_INVLDINPUT")
    )

    with pytest.raises(InputError) as caught:
        client.read_stats("example.com", "6h")

    assert str(caught.value) == (
        "Statistics of zone example.com over 6h: stats failed: Invalid input for interval: "
        "120 needs a Pro zone (E_INVLDINPUT) (the intervals 24h, 12h and 6h need a Pro zone)"
    )
    assert caught.value.details() == {
        "api_action": "stats",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
    }


def test_other_input_errors_get_no_pro_hint(fake_v1, client):
    fake_v1.add(error("Invalid input for interval: missing", "E_INVLDINPUT"))

    with pytest.raises(InputError) as caught:
        client.read_stats("example.com", "7d")

    assert "Pro" not in str(caught.value)


@pytest.mark.parametrize(
    "reader",
    [
        lambda client: client.read_stats("example.net", "30d"),
        lambda client: client.read_visitors("example.net", 24, None, False),
    ],
)
def test_unknown_zone_fails_naming_it(fake_v1, client, reader):
    fake_v1.add(error("Invalid zone"))

    with pytest.raises(
        ZoneNotFoundError, match="^Zone example.net was not found in the account$"
    ) as caught:
        reader(client)

    assert caught.value.zone == "example.net"


@pytest.mark.parametrize("answer", [success(), success(response={"result": []})])
def test_a_stats_answer_without_result_is_a_transport_error(fake_v1, client, answer):
    fake_v1.add(answer)

    with pytest.raises(
        TransportError,
        match="stats for zone example.com answered without response.result",
    ):
        client.read_stats("example.com", "30d")


def test_visitors_by_default_look_back_24_hours_at_every_class(fake_v1, client):
    fake_v1.add(success(response={"ips": V1_IPS}))

    visitors = client.read_visitors("example.com", 24, None, False)

    assert fake_v1.forms == [form("zone_ips", z="example.com", hours=24)]
    assert visitors == [
        {"ip": "198.51.100.7", "classification": "regular", "hits": 44},
        {"ip": "198.51.100.8", "classification": "crawler", "hits": 4},
    ]


@pytest.mark.parametrize(
    "visitor_class, letter", [("regular", "r"), ("crawler", "s"), ("threat", "t")]
)
def test_visitor_class_and_geo_are_sent_in_v1_terms(
    fake_v1, client, visitor_class, letter
):
    fake_v1.add(success(response={"ips": V1_IPS}))

    visitors = client.read_visitors("example.com", 48, visitor_class, True)

    assert fake_v1.forms == [
        form("zone_ips", z="example.com", hours=48, **{"class": letter}, geo=1)
    ]
    assert visitors == [
        {
            "ip": "198.51.100.7",
            "classification": "regular",
            "hits": 44,
            "latitude": 37.76969909668,
            "longitude": -122.39330291748,
        },
        {
            "ip": "198.51.100.8",
            "classification": "crawler",
            "hits": 4,
            "latitude": None,
            "longitude": None,
        },
    ]


@pytest.mark.parametrize(
    "entry, location",
    [
        ({"latitude": 38, "longitude": -97}, (38, -97)),
        ({"latitude": 0, "longitude": 12.5}, (0, 12.5)),
        ({"latitude": 0, "longitude": 0}, (None, None)),
        ({}, (None, None)),
        ({"latitude": "north", "longitude": True}, (None, None)),
    ],
)
def test_locations(entry, location):
    visitor = visitor_from_v1(
        {"ip": "198.51.100.9", "classification": "threat", "hits": 1, **entry}, geo=True
    )

    assert (visitor["latitude"], visitor["longitude"]) == location


@pytest.mark.parametrize(
    "answer", [success(), success(response={"ips": {"198.51.100.7": 1}})]
)
def test_a_visitors_answer_without_a_list_is_a_transport_error(fake_v1, client, answer):
    fake_v1.add(answer)

    with pytest.raises(
        TransportError,
        match="zone_ips for zone example.com answered without response.ips",
    ):
        client.read_visitors("example.com", 24, None, False)
