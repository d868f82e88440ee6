# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Both faces, one state (design 10.4): the same zones, records and settings through v1 and v4."""

from __future__ import annotations

import pytest

from conftest import (
    EMAIL,
    RECORD_ID,
    ZONE,
    ZONE_ID,
    ZONE_V4,
    assert_record,
    record_by_name,
    record_v4_id,
    state_records,
    v1_records,
    v4_seed,
    write_json,
)

RECORDS = f"/zones/{ZONE_V4}/dns_records"
SETTINGS = f"/zones/{ZONE_V4}/settings"


def v4_record(sim, record_id):
    return sim.v4_ok("GET", f"{RECORDS}/{record_v4_id(record_id)}")


def test_zones_are_the_same(sim):
    v1 = {
        zone["zone_name"]: zone
        for zone in sim.call("zone_load_multi")["response"]["zones"]["objs"]
    }
    v4 = {zone["name"]: zone for zone in sim.v4_ok("GET", "/zones")}
    assert set(v1) == set(v4) == {"example.com", "example.org"}
    assert v4[ZONE]["id"] == ZONE_V4


def test_a_v1_record_reads_through_v4(sim):
    obj = sim.call(
        "rec_new",
        {
            "z": ZONE,
            "type": "MX",
            "name": "mail2",
            "content": "mx.example.net",
            "prio": 5,
            "ttl": 300,
        },
    )["response"]["rec"]["obj"]
    record = v4_record(sim, obj["rec_id"])
    assert record["id"] == record_v4_id(obj["rec_id"]) and len(record["id"]) == 32
    assert (
        record["name"],
        record["type"],
        record["content"],
        record["priority"],
        record["ttl"],
    ) == (f"mail2.{ZONE}", "MX", "mx.example.net", 5, 300)
    assert record["created_on"] == record["modified_on"]


def test_a_v4_record_reads_through_v1(sim):
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "AAAA",
            "name": "six",
            "content": "2001:db8::6",
            "ttl": 600,
            "proxied": True,
        },
    )
    obj = record_by_name(sim, f"six.{ZONE}", "AAAA")
    assert_record(obj)
    assert record_v4_id(obj["rec_id"]) == made["id"]
    assert (obj["content"], obj["ttl"], obj["service_mode"]) == (
        "2001:db8::6",
        "1",
        "1",
    )


def test_srv_and_loc_read_the_same_through_both(sim):
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "SRV",
            "name": "_xmpp._tcp",
            "data": {
                "priority": 5,
                "weight": 10,
                "port": 5222,
                "target": "chat.example.com",
            },
        },
    )
    obj = record_by_name(sim, f"_xmpp._tcp.{ZONE}", "SRV")
    assert (obj["prio"], obj["content"]) == ("5", "10 5222 chat.example.com")
    assert made["content"] == "5 10 5222 chat.example.com"
    sim.call(
        "rec_new",
        {
            "z": ZONE,
            "type": "LOC",
            "name": "office",
            "content": "52 22 23 N 4 53 32 E -2m 10m",
        },
    )
    loc = sim.v4_ok("GET", RECORDS, params={"type": "LOC"})[0]
    assert loc["data"] == {
        "lat_degrees": 52,
        "lat_minutes": 22,
        "lat_seconds": 23,
        "lat_direction": "N",
        "long_degrees": 4,
        "long_minutes": 53,
        "long_seconds": 32,
        "long_direction": "E",
        "altitude": -2,
        "size": 10,
        "precision_horz": 10000,
        "precision_vert": 10,
    }


def test_v1_edits_and_deletes_show_in_v4(sim):
    sim.call(
        "rec_edit",
        {
            "z": ZONE,
            "id": RECORD_ID,
            "type": "A",
            "name": "sub",
            "content": "198.51.100.99",
            "ttl": 120,
            "service_mode": 1,
        },
    )
    record = v4_record(sim, RECORD_ID)
    assert (record["content"], record["proxied"], record["ttl"]) == (
        "198.51.100.99",
        True,
        120,
    )
    assert record["modified_on"] > record["created_on"]
    sim.call("rec_delete", {"z": ZONE, "id": RECORD_ID})
    sim.v4_error("GET", f"{RECORDS}/{record_v4_id(RECORD_ID)}", 404, 81044)


def test_v4_edits_and_deletes_show_in_v1(sim):
    sim.v4_ok(
        "PATCH",
        f"{RECORDS}/{record_v4_id(RECORD_ID)}",
        json={"content": "198.51.100.98", "proxied": True},
    )
    obj = record_by_name(sim, f"sub.{ZONE}", "A")
    assert (obj["rec_id"], obj["content"], obj["service_mode"]) == (
        RECORD_ID,
        "198.51.100.98",
        "1",
    )
    sim.v4_ok("DELETE", f"{RECORDS}/{record_v4_id(RECORD_ID)}")
    assert RECORD_ID not in {obj["rec_id"] for obj in v1_records(sim)}
    assert (
        sim.call("rec_delete", {"z": ZONE, "id": RECORD_ID})["msg"]
        == "Invalid record id."
    )


def test_types_v1_never_knew_are_left_out_of_v1(sim):
    before = v1_records(sim)
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "CAA",
            "name": "@",
            "data": {"flags": 0, "tag": "issue", "value": "ca.example.net"},
        },
    )
    assert v1_records(sim) == before
    record_id = next(
        record["id"] for record in state_records(sim.state()) if record["type"] == "CAA"
    )
    assert record_v4_id(record_id) == made["id"]
    for action, params in (
        ("rec_edit", {"type": "TXT", "name": "@", "content": "x", "ttl": 1}),
        ("rec_delete", {}),
    ):
        body = sim.call(action, {"z": ZONE, "id": record_id, **params})
        assert body["msg"] == "Invalid record id.", "v1 cannot touch what it cannot see"
    assert (
        sim.call(
            "rec_new",
            {"z": ZONE, "type": "CNAME", "name": "@", "content": "example.net"},
        )["result"]
        == "error"
    )


def test_v1_paging_skips_the_hidden_records(sim):
    records = [
        {
            "name": f"v{index}",
            "type": "TXT" if index % 2 else "PTR",
            "content": f"host{index}.example.com",
        }
        for index in range(400)
    ]
    sim.reset(v4_seed(records))
    seen = v1_records(sim)
    assert len(seen) == 200 and all(obj["type"] == "TXT" for obj in seen)
    first = sim.call("rec_load_all", {"z": ZONE})["response"]["recs"]
    assert (first["count"], first["has_more"]) == (180, True)


def test_spf_records_are_left_out_of_v4(sim):
    sim.call(
        "rec_new", {"z": ZONE, "type": "SPF", "name": "spf", "content": "v=spf1 -all"}
    )
    assert [obj["type"] for obj in v1_records(sim) if obj["name"] == f"spf.{ZONE}"] == [
        "SPF"
    ]
    assert sim.v4_ok("GET", RECORDS, params={"name": f"spf.{ZONE}"}) == []


def test_v1_rec_edit_keeps_what_only_v4_has(sim):
    sim.reset(
        v4_seed(
            [
                {
                    "id": "800",
                    "name": "kept",
                    "type": "A",
                    "content": "198.51.100.8",
                    "comment": "v4 note",
                    "tags": ["team:ops"],
                    "settings": {"ipv4_only": True},
                }
            ],
            plan="pro",
        )
    )
    sim.call(
        "rec_edit",
        {
            "z": ZONE,
            "id": "800",
            "type": "A",
            "name": "kept",
            "content": "198.51.100.9",
            "ttl": 1,
        },
    )
    record = v4_record(sim, "800")
    assert (
        record["content"],
        record["comment"],
        record["tags"],
        record["settings"],
    ) == ("198.51.100.9", "v4 note", ["team:ops"], {"ipv4_only": True})


def test_conflicts_span_both_faces(sim):
    sim.call(
        "rec_new",
        {"z": ZONE, "type": "CNAME", "name": "alias", "content": "example.net"},
    )
    sim.v4_error(
        "POST",
        RECORDS,
        400,
        81054,
        json={"type": "TXT", "name": "alias", "content": "x"},
    )
    sim.v4_ok("POST", RECORDS, json={"type": "TXT", "name": "note", "content": "x"})
    body = sim.call(
        "rec_new",
        {"z": ZONE, "type": "CNAME", "name": "note", "content": "example.net"},
    )
    assert body["err_code"] == "E_INVLDINPUT"


SHARED_SETTINGS = [
    ("sec_lvl", "help", "security_level", "under_attack"),
    ("sec_lvl", "eoff", "security_level", "essentially_off"),
    ("cache_lvl", "basic", "cache_level", "basic"),
    ("ipv46", "0", "ipv6", "off"),
    ("async", "a", "rocket_loader", "on"),
    ("async", "m", "rocket_loader", "on"),
]


@pytest.mark.parametrize("action, v1_value, setting_id, v4_value", SHARED_SETTINGS)
def test_a_v1_setting_reads_through_v4(sim, action, v1_value, setting_id, v4_value):
    assert sim.call(action, {"z": ZONE, "v": v1_value})["result"] == "success"
    setting = sim.v4_ok("GET", f"{SETTINGS}/{setting_id}")
    assert setting["value"] == v4_value and setting["modified_on"] is not None


@pytest.mark.parametrize(
    "setting_id, v4_value, field, v1_value",
    [
        ("security_level", "high", "sec_lvl", "high"),
        ("security_level", "off", "sec_lvl", "eoff"),
        ("cache_level", "simplified", "cache_lvl", "iqs"),
        ("ipv6", "off", "ipv46", 0),
        ("rocket_loader", "on", "async", "a"),
        ("always_online", "off", "ob", 0),
        ("browser_check", "off", "bic", "0"),
        ("hotlink_protection", "off", "hotlink", "0"),
        ("email_obfuscation", "off", "email_filter", "0"),
        ("server_side_exclude", "off", "sse", "0"),
        ("ip_geolocation", "off", "geoloc", "0"),
        ("ssl", "full", "ssl", "2"),
        ("challenge_ttl", 3600, "chl_ttl", "3600"),
        ("browser_cache_ttl", 14400, "exp_ttl", "14400"),
    ],
)
def test_a_v4_setting_reads_through_v1(sim, setting_id, v4_value, field, v1_value):
    sim.v4_ok("PATCH", f"{SETTINGS}/{setting_id}", json={"value": v4_value})
    assert (
        sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0][field]
        == v1_value
    )
    assert sim.v4_ok("GET", f"{SETTINGS}/{setting_id}")["value"] == v4_value


def test_security_level_off_survives_until_v1_writes_it(sim):
    """v1 has no "off": it shows eoff while v4 keeps off, until a v1 write of sec_lvl."""
    sim.v4_ok("PATCH", f"{SETTINGS}/security_level", json={"value": "off"})
    assert sim.v4_ok("GET", f"{SETTINGS}/security_level")["value"] == "off"
    settings = sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0]
    assert (settings["sec_lvl"], settings["userSecuritySetting"]) == (
        "eoff",
        "Essentially Off",
    )
    sim.call("sec_lvl", {"z": ZONE, "v": "eoff"})
    assert sim.v4_ok("GET", f"{SETTINGS}/security_level")["value"] == "essentially_off"


def test_rocket_loader_manual_stays_manual_while_on(sim):
    sim.call("async", {"z": ZONE, "v": "m"})
    sim.v4_ok("PATCH", f"{SETTINGS}/rocket_loader", json={"value": "on"})
    assert (
        sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0]["async"]
        == "m"
    )


def test_development_mode_is_shared(sim):
    sim.control("POST", "/_sim/clock", {"freeze": True})
    expires_on = sim.call("devmode", {"z": ZONE, "v": 1})["response"]["expires_on"]
    dev = sim.v4_ok("GET", f"{SETTINGS}/development_mode")
    assert (dev["value"], dev["time_remaining"]) == ("on", 3 * 3600)
    sim.v4_ok("PATCH", f"{SETTINGS}/development_mode", json={"value": "off"})
    assert (
        sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0][
            "dev_mode"
        ]
        == 0
    )
    sim.v4_ok("PATCH", f"{SETTINGS}/development_mode", json={"value": "on"})
    assert (
        sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0][
            "dev_mode"
        ]
        == expires_on
    )


def test_v4_only_settings_stay_out_of_v1(sim):
    before = sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0]
    sim.v4_ok("PATCH", f"{SETTINGS}/http3", json={"value": "off"})
    assert (
        sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0]
        == before
    )


def test_the_state_round_trips_with_v4_content(sim, start_sim, tmp_path):
    sim.reset(v4_seed(plan="pro"))
    sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "TLSA",
            "name": "_443._tcp",
            "data": {
                "usage": 3,
                "selector": 1,
                "matching_type": 1,
                "certificate": "ab" * 32,
            },
            "comment": "pinned",
            "tags": ["a:b"],
        },
    )
    sim.v4_ok("PATCH", f"{SETTINGS}/security_level", json={"value": "off"})
    sim.v4_ok("PATCH", f"{SETTINGS}/webp", json={"value": "on"})
    sim.v4_ok(
        "POST",
        f"/zones/{ZONE_V4}/firewall/access_rules/rules",
        json={"mode": "block", "configuration": {"target": "country", "value": "XX"}},
    )
    state = sim.state()
    copy = start_sim("--seed", str(write_json(tmp_path / "state.json", state)))
    assert copy.state() == state
    for path in (
        RECORDS,
        f"{SETTINGS}/security_level",
        f"{SETTINGS}/webp",
        "/zones",
        f"/zones/{ZONE_V4}/firewall/access_rules/rules",
    ):
        assert copy.v4_ok("GET", path) == sim.v4_ok("GET", path), path
    made = copy.v4_ok(
        "POST",
        f"/zones/{ZONE_V4}/firewall/access_rules/rules",
        json={"mode": "block", "configuration": {"target": "country", "value": "NL"}},
    )
    assert made["id"] not in {
        rule["id"]
        for rule in sim.v4_ok("GET", f"/zones/{ZONE_V4}/firewall/access_rules/rules")
    }


def test_a_v1_only_state_dump_keeps_its_shape(sim):
    state = sim.state()
    account = next(
        account for account in state["accounts"] if account["email"] == EMAIL
    )
    assert set(account) == {"email", "key", "user_id", "ip_rules", "zones", "tokens"}
    zone = next(zone for zone in account["zones"] if zone["id"] == ZONE_ID)
    assert set(zone) == {
        "name",
        "id",
        "pro",
        "created",
        "settings",
        "last_grab",
        "last_purge",
        "records",
    }
    assert all(
        set(record) == {"id", "name", "type", "content", "ttl", "prio", "service_mode"}
        for record in zone["records"]
    )


def test_v4_writes_persist_across_a_restart(start_sim, tmp_path):
    path = tmp_path / "state.json"
    first = start_sim("--state", str(path))
    made = first.v4_ok(
        "POST",
        RECORDS,
        json={"type": "PTR", "name": "ptr", "content": "host.example.com"},
    )
    first.v4_ok("PATCH", f"{SETTINGS}/always_use_https", json={"value": "on"})
    assert first.shutdown() == 0
    second = start_sim("--state", str(path))
    assert second.v4_ok("GET", f"{RECORDS}/{made['id']}") == made
    setting = second.v4_ok("GET", f"{SETTINGS}/always_use_https")
    assert setting["value"] == "on" and setting["modified_on"] is not None
