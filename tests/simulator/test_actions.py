# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Success shape and at least one error of every v1 action (spec 1.3, 1.6, 2, 4-6, Appendix B)."""

from __future__ import annotations

import pytest

from conftest import (
    EMAIL,
    KEY,
    RECORD_ID,
    ZONE,
    ZONE_ID,
    assert_echo,
    assert_error,
    assert_invalid_input,
    assert_invalid_zone,
    assert_record,
    assert_settings,
    assert_success,
    assert_zone,
    is_int,
)

ENVELOPE = {"result", "msg"}
WITH_RESPONSE = ENVELOPE | {"response"}
WITH_ECHO = WITH_RESPONSE | {"request"}


def sent(action, params):
    """The parameters Sim.call sends, as the request echo must repeat them."""
    return {"a": action, "tkn": KEY, "email": EMAIL, **params}


# --- access actions -----------------------------------------------------------------------


@pytest.mark.parametrize("interval", [20, 30, 40])
def test_stats_shape(sim, interval):
    body = sim.call("stats", {"z": ZONE, "interval": interval})
    assert_success(body, WITH_RESPONSE)
    result = body["response"]["result"]
    assert set(result) == {"timeZero", "timeEnd", "count", "has_more", "objs"}
    assert is_int(result["timeZero"]) and is_int(result["timeEnd"])
    assert result["timeZero"] < result["timeEnd"]
    assert result["timeEnd"] > 10**12, "stats times are milliseconds"
    assert result["has_more"] is False
    assert result["count"] == len(result["objs"]) == 1
    obj = result["objs"][0]
    assert {
        "cachedServerTime",
        "cachedExpryTime",
        "trafficBreakdown",
        "bandwidthServed",
        "requestsServed",
        "pro_zone",
        "pageLoadTime",
        "currentServerTime",
        "interval",
        "zoneCDate",
        "userSecuritySetting",
        "dev_mode",
        "ipv46",
        "ob",
        "cache_lvl",
    } <= set(obj)
    assert obj["interval"] == interval
    assert isinstance(obj["pro_zone"], bool)
    for name in (
        "cachedServerTime",
        "cachedExpryTime",
        "currentServerTime",
        "zoneCDate",
    ):
        assert is_int(obj[name]) and obj[name] > 10**12, name
    for name in ("dev_mode", "ipv46", "ob"):
        assert is_int(obj[name]), name
    assert isinstance(obj["cache_lvl"], str) and isinstance(
        obj["userSecuritySetting"], str
    )
    for group in ("pageviews", "uniques"):
        assert set(obj["trafficBreakdown"][group]) == {"regular", "threat", "crawler"}
        assert all(is_int(value) for value in obj["trafficBreakdown"][group].values())
    assert set(obj["bandwidthServed"]) == {"cloudflare", "user"}
    assert set(obj["requestsServed"]) == {"cloudflare", "user"}


@pytest.mark.parametrize("interval", ["10", "50", "abc", ""])
def test_stats_rejects_interval(sim, interval):
    assert_invalid_input(
        sim.call("stats", {"z": ZONE, "interval": interval}), "interval"
    )


@pytest.mark.parametrize("interval", [100, 110, 120])
def test_stats_pro_intervals_need_pro_zone(sim, interval):
    seed = {
        "accounts": [
            {
                "email": EMAIL,
                "key": KEY,
                "zones": [
                    {"name": "free.test", "id": 1, "pro": False, "records": []},
                    {"name": "pro.test", "id": 2, "pro": True, "records": []},
                ],
            }
        ]
    }
    sim.reset(seed)
    assert_error(sim.call("stats", {"z": "free.test", "interval": interval}))
    body = sim.call("stats", {"z": "pro.test", "interval": interval})
    assert body["result"] == "success", body
    obj = body["response"]["result"]["objs"][0]
    assert obj["interval"] == interval
    assert obj["pro_zone"] is True


def test_stats_unknown_zone(sim):
    assert_invalid_zone(sim.call("stats", {"z": "nowhere.example", "interval": 20}))


def test_zone_load_multi_shape(sim, other_account):
    params = {}
    body = sim.call("zone_load_multi", params)
    assert_success(body, WITH_ECHO)
    assert_echo(body, "zone_load_multi", sent("zone_load_multi", params))
    zones = body["response"]["zones"]
    assert set(zones) == {"has_more", "count", "objs"}
    assert zones["has_more"] is False
    assert zones["count"] == len(zones["objs"])
    for zone in zones["objs"]:
        assert_zone(zone)
    names = {zone["zone_name"] for zone in zones["objs"]}
    assert {ZONE, "example.org"} <= names
    assert not names & {zone["name"] for zone in other_account["zones"]}
    example = next(zone for zone in zones["objs"] if zone["zone_name"] == ZONE)
    assert example["zone_id"] == str(ZONE_ID)


def test_zone_load_multi_bad_key(sim):
    body = sim.call("zone_load_multi", key="0" * 32)
    assert_error(body)
    assert body["err_code"] == "E_UNAUTH"


def test_rec_load_all_shape(sim):
    params = {"z": ZONE}
    body = sim.call("rec_load_all", params)
    assert_success(body, WITH_ECHO)
    assert_echo(body, "rec_load_all", sent("rec_load_all", params))
    recs = body["response"]["recs"]
    assert set(recs) == {"has_more", "count", "objs"}
    assert recs["has_more"] is False
    assert recs["count"] == len(recs["objs"]) >= 2
    for obj in recs["objs"]:
        assert_record(obj)
    assert (
        len({obj["type"] for obj in recs["objs"]}) >= 2
    ), "the default zone has several types"
    ninety = [obj for obj in recs["objs"] if obj["rec_id"] == RECORD_ID]
    assert len(ninety) == 1
    assert ninety[0]["type"] == "A" and ninety[0]["name"] == "sub." + ZONE


def test_rec_load_all_empty_zone_has_empty_objs(sim):
    body = sim.call("rec_load_all", {"z": "example.org"})
    assert body["result"] == "success", body
    assert body["response"]["recs"] == {"has_more": False, "count": 0, "objs": []}


def test_rec_load_all_errors(sim):
    assert_invalid_zone(sim.call("rec_load_all", {"z": "nowhere.example"}))
    assert_invalid_input(sim.call("rec_load_all", {"z": ZONE, "o": "abc"}), "o")
    assert_invalid_input(sim.call("rec_load_all", {"z": ZONE, "o": "-1"}), "o")


def test_zone_check_shape(sim, other_account):
    other_zone = other_account["zones"][0]["name"]
    body = sim.call(
        "zone_check", {"zones": f"{ZONE},example.org,unknown.example,{other_zone}"}
    )
    assert_success(body, WITH_RESPONSE)
    zones = body["response"]["zones"]
    assert set(body["response"]) == {"zones"}
    assert zones[ZONE] == ZONE_ID
    assert is_int(zones["example.org"]) and zones["example.org"] > 0
    assert zones["unknown.example"] == 0
    assert zones[other_zone] == 0, "another account's zone is not the caller's"
    assert all(is_int(value) for value in zones.values())
    assert set(zones) == {ZONE, "example.org", "unknown.example", other_zone}


def test_zone_check_needs_zones(sim):
    assert_invalid_input(sim.call("zone_check", {}), "zones")


@pytest.mark.parametrize("visitor_class", ["r", "s", "t"])
def test_zone_ips_shape(sim, visitor_class):
    body = sim.call(
        "zone_ips", {"z": ZONE, "hours": 48, "class": visitor_class, "geo": 1}
    )
    assert_success(body, WITH_RESPONSE)
    assert set(body["response"]) == {"ips"}
    expected = {"r": "regular", "s": "crawler", "t": "threat"}[visitor_class]
    for entry in body["response"]["ips"]:
        assert set(entry) == {
            "ip",
            "classification",
            "hits",
            "latitude",
            "longitude",
            "zone_name",
        }
        assert entry["classification"] == expected
        assert is_int(entry["hits"])
        assert entry["zone_name"] == ZONE
        assert isinstance(entry["latitude"], (int, float)) and isinstance(
            entry["longitude"], (int, float)
        )


def test_zone_ips_without_geo_has_no_location(sim):
    body = sim.call("zone_ips", {"z": ZONE})
    assert body["result"] == "success", body
    assert body["response"]["ips"], "the simulator reports some visitors"
    classes = set()
    for entry in body["response"]["ips"]:
        assert set(entry) == {"ip", "classification", "hits", "zone_name"}
        classes.add(entry["classification"])
    assert classes <= {"regular", "crawler", "threat"}


@pytest.mark.parametrize(
    "params, param",
    [
        ({"hours": "49"}, "hours"),
        ({"hours": "0"}, "hours"),
        ({"hours": "abc"}, "hours"),
        ({"class": "x"}, "class"),
    ],
)
def test_zone_ips_errors(sim, params, param):
    assert_invalid_input(sim.call("zone_ips", {"z": ZONE, **params}), param)


def test_ip_lkup_shape(sim):
    body = sim.call("ip_lkup", {"ip": "0.0.0.0"})
    assert_success(body, WITH_RESPONSE)
    assert set(body["response"]) == {"0.0.0.0"}
    assert isinstance(body["response"]["0.0.0.0"], str)
    unknown = sim.call("ip_lkup", {"ip": "203.0.113.77"})
    assert unknown["response"] == {"203.0.113.77": False}


def test_ip_lkup_seeded_score(sim):
    sim.reset(
        {
            "accounts": [{"email": EMAIL, "key": KEY, "zones": []}],
            "threat_scores": {"198.51.100.66": "BAD:37"},
        }
    )
    assert sim.call("ip_lkup", {"ip": "198.51.100.66"})["response"] == {
        "198.51.100.66": "BAD:37"
    }


def test_ip_lkup_bad_ip(sim):
    assert_invalid_input(sim.call("ip_lkup", {"ip": "not-an-ip"}), "ip")


def test_zone_settings_shape(sim):
    params = {"z": ZONE}
    body = sim.call("zone_settings", params)
    assert_success(body, WITH_ECHO)
    assert_echo(body, "zone_settings", sent("zone_settings", params))
    result = body["response"]["result"]
    assert set(body["response"]) == {"result"}
    assert set(result) == {"objs"}
    assert len(result["objs"]) == 1
    assert_settings(result["objs"][0])


def test_zone_settings_other_account_zone(sim, other_account):
    assert_invalid_zone(
        sim.call("zone_settings", {"z": other_account["zones"][0]["name"]})
    )


# --- modify actions -----------------------------------------------------------------------

BARE_SETTERS = [
    ("sec_lvl", "high", "bogus"),
    ("cache_lvl", "basic", "bogus"),
    ("ipv46", "3", "2"),
    ("async", "m", "x"),
    ("minify", "7", "8"),
    ("mirage2", "1", "2"),
]


@pytest.mark.parametrize("action, good, bad", BARE_SETTERS)
def test_bare_setters(sim, action, good, bad):
    """Appendix B 5: these setters answer bare success, no `response`."""
    assert_success(sim.call(action, {"z": ZONE, "v": good}), ENVELOPE)
    assert_invalid_input(sim.call(action, {"z": ZONE, "v": bad}), "v")
    assert_invalid_input(sim.call(action, {"z": ZONE}), "v")
    assert_invalid_zone(sim.call(action, {"z": "nowhere.example", "v": good}))


def test_devmode_shape(sim):
    body = sim.call("devmode", {"z": ZONE, "v": 1})
    assert_success(body, WITH_RESPONSE)
    assert (
        is_int(body["response"]["expires_on"])
        and body["response"]["expires_on"] > 10**9
    )
    assert 10**9 < body["response"]["expires_on"] < 10**11, "seconds, not milliseconds"
    off = sim.call("devmode", {"z": ZONE, "v": 0})
    assert_success(off, WITH_RESPONSE)
    assert off["response"]["expires_on"] == 0


def test_devmode_errors(sim):
    assert_invalid_input(sim.call("devmode", {"z": ZONE, "v": 2}), "v")
    assert_invalid_zone(sim.call("devmode", {"z": "nowhere.example", "v": 1}))


def test_fpurge_ts_shape(sim):
    body = sim.call("fpurge_ts", {"z": ZONE, "v": 1})
    assert_success(body, WITH_RESPONSE | {"attributes"})
    assert set(body["response"]) == {"fpurge_ts"}
    assert (
        is_int(body["response"]["fpurge_ts"])
        and 10**9 < body["response"]["fpurge_ts"] < 10**11
    )
    assert body["attributes"] == {"cooldown": 20}


def test_fpurge_ts_needs_v_1(sim):
    assert_invalid_input(sim.call("fpurge_ts", {"z": ZONE, "v": 0}), "v")


def test_zone_file_purge_shape(sim):
    params = {"z": ZONE, "url": "https://www.example.com/app.js"}
    body = sim.call("zone_file_purge", params)
    assert_success(body, WITH_ECHO)
    assert_echo(body, "zone_file_purge", sent("zone_file_purge", params))
    assert set(body["response"]) <= {"url", "vtxt_match"}
    assert body["response"]["url"] == params["url"]


def test_zone_file_purge_errors(sim):
    assert_invalid_input(sim.call("zone_file_purge", {"z": ZONE}), "url")
    assert_invalid_zone(
        sim.call(
            "zone_file_purge",
            {"z": "nowhere.example", "url": "http://nowhere.example/"},
        )
    )


def test_zone_grab_shape(sim):
    assert_success(sim.call("zone_grab", {"zid": ZONE_ID}), ENVELOPE)


def test_zone_grab_errors(sim, other_account):
    assert_invalid_input(sim.call("zone_grab", {"zid": "abc"}), "zid")
    assert_invalid_zone(sim.call("zone_grab", {"zid": 999999}))
    assert_invalid_zone(sim.call("zone_grab", {"zid": other_account["zones"][0]["id"]}))


@pytest.mark.parametrize("action, code", [("wl", "WL"), ("ban", "BAN"), ("nul", "NUL")])
def test_ip_rule_shape(sim, action, code):
    body = sim.call(action, {"key": "198.51.100.23"})
    assert_success(body, WITH_RESPONSE)
    assert body["response"] == {"result": {"ip": "198.51.100.23", "action": code}}


@pytest.mark.parametrize("action", ["wl", "ban", "nul"])
def test_ip_rule_bad_ip(sim, action):
    assert_invalid_input(sim.call(action, {"key": "300.1.1.1"}), "key")
    assert_invalid_input(sim.call(action, {}), "key")


# --- DNS record management ----------------------------------------------------------------


def test_rec_new_shape(sim):
    params = {
        "z": ZONE,
        "type": "A",
        "name": "shape",
        "content": "198.51.100.4",
        "ttl": 300,
    }
    body = sim.call("rec_new", params)
    assert_success(body, WITH_ECHO)
    assert_echo(body, "rec_new", sent("rec_new", params))
    assert set(body["response"]) == {"rec"}
    assert set(body["response"]["rec"]) == {"obj"}
    obj = body["response"]["rec"]["obj"]
    assert_record(obj)
    assert (
        obj["name"],
        obj["display_name"],
        obj["type"],
        obj["content"],
        obj["ttl"],
        obj["auto_ttl"],
    ) == ("shape." + ZONE, "shape", "A", "198.51.100.4", "300", 0)
    assert obj["service_mode"] == "0" and obj["props"]["cloud_on"] == 0


def test_rec_new_errors(sim):
    assert_invalid_input(
        sim.call(
            "rec_new", {"z": ZONE, "type": "BOGUS", "name": "x", "content": "1.2.3.4"}
        ),
        "type",
    )
    assert_invalid_input(
        sim.call("rec_new", {"z": ZONE, "type": "A", "name": "x"}), "content"
    )
    assert_invalid_zone(
        sim.call(
            "rec_new",
            {"z": "nowhere.example", "type": "A", "name": "x", "content": "1.2.3.4"},
        )
    )


def test_rec_edit_shape(sim):
    params = {
        "z": ZONE,
        "id": RECORD_ID,
        "type": "A",
        "name": "sub",
        "content": "198.51.100.5",
        "ttl": 3600,
        "service_mode": 1,
    }
    body = sim.call("rec_edit", params)
    assert_success(body, WITH_ECHO)
    assert_echo(body, "rec_edit", sent("rec_edit", params))
    obj = body["response"]["rec"]["obj"]
    assert set(body["response"]) == {"rec"} and set(body["response"]["rec"]) == {"obj"}
    assert_record(obj)
    assert obj["rec_id"] == RECORD_ID
    assert (obj["content"], obj["ttl"], obj["service_mode"]) == (
        "198.51.100.5",
        "3600",
        "1",
    )
    assert obj["props"]["cloud_on"] == 1


@pytest.mark.parametrize(
    "action, extra",
    [
        ("rec_edit", {"type": "A", "name": "sub", "content": "1.2.3.4", "ttl": 1}),
        ("rec_delete", {}),
    ],
)
def test_invalid_record_id(sim, action, extra):
    """Spec 2.1 / 6.2: "Invalid record id.", no err_code, the echo trimmed to `act`."""
    body = sim.call(action, {"z": ZONE, "id": "123456789", **extra})
    assert body == {
        "request": {"act": action},
        "result": "error",
        "msg": "Invalid record id.",
    }


def test_record_id_of_another_zone_is_invalid(sim):
    body = sim.call("rec_delete", {"z": "example.org", "id": RECORD_ID})
    assert body == {
        "request": {"act": "rec_delete"},
        "result": "error",
        "msg": "Invalid record id.",
    }
    assert any(
        obj["rec_id"] == RECORD_ID
        for obj in sim.call("rec_load_all", {"z": ZONE})["response"]["recs"]["objs"]
    )


def test_rec_delete_shape(sim):
    params = {"z": ZONE, "id": RECORD_ID}
    body = sim.call("rec_delete", params)
    assert_success(body, ENVELOPE | {"request"})
    assert_echo(body, "rec_delete", sent("rec_delete", params))
    remaining = sim.call("rec_load_all", {"z": ZONE})["response"]["recs"]["objs"]
    assert RECORD_ID not in {obj["rec_id"] for obj in remaining}
    again = sim.call("rec_delete", params)
    assert again == {
        "request": {"act": "rec_delete"},
        "result": "error",
        "msg": "Invalid record id.",
    }


def test_rec_delete_errors(sim):
    assert_invalid_zone(
        sim.call("rec_delete", {"z": "nowhere.example", "id": RECORD_ID})
    )
