# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""v4 DNS record writes (notes 1.3): data validation per type, TTL, proxying, conflicts,
overwrite and edit, comments, tags and settings, and the errors of each."""

from __future__ import annotations

import pytest

from conftest import ZONE, ZONE_V4, record_v4_id, v4_seed

RECORDS = f"/zones/{ZONE_V4}/dns_records"
SUB = record_v4_id("9001")  # the default seed's A record sub.example.com, 203.0.113.20
WWW = record_v4_id("9002")  # its CNAME www.example.com -> example.com


def create(sim, **body):
    return sim.v4("POST", RECORDS, json=body)


def refused(sim, code, pointer=None, status=400, **body):
    error = sim.v4_error("POST", RECORDS, status, code, json=body)
    if pointer is not None:
        assert error["source"] == {"pointer": pointer}, error
    return error


GOOD_DATA = {
    "SRV": {"priority": 1, "weight": 2, "port": 5061, "target": "sip.example.com"},
    "CAA": {"flags": 128, "tag": "iodef", "value": "mailto:security@example.com"},
    "CERT": {"type": 1, "key_tag": 1, "algorithm": 8, "certificate": "aGVsbG8="},
    "DNSKEY": {"flags": 256, "protocol": 3, "algorithm": 8, "public_key": "aGVsbG8="},
    "DS": {"key_tag": 1, "algorithm": 8, "digest_type": 1, "digest": "ab" * 20},
    "HTTPS": {"priority": 0, "target": "pool.example.net", "value": ""},
    "SVCB": {"priority": 1, "target": ".", "value": 'alpn="h2" port=8443'},
    "NAPTR": {
        "order": 1,
        "preference": 1,
        "flags": "U",
        "service": "E2U+sip",
        "regex": "!^.*$!sip:x@y!",
        "replacement": ".",
    },
    "SMIMEA": {"usage": 0, "selector": 0, "matching_type": 0, "certificate": "00ff"},
    "TLSA": {"usage": 1, "selector": 0, "matching_type": 2, "certificate": "ab" * 64},
    "SSHFP": {"algorithm": 1, "type": 1, "fingerprint": "ab" * 20},
    "URI": {"weight": 10, "target": "https://www.example.com/"},
    "LOC": {
        "lat_degrees": 90,
        "lat_direction": "S",
        "long_degrees": 180,
        "long_direction": "E",
        "altitude": -100000,
    },
}
BAD_DATA = [
    ("SRV", {"port": 70000}, "/data/port"),
    ("SRV", {"target": "not a host"}, "/data/target"),
    ("SRV", {"service": "_sip"}, "/data/service"),
    ("SRV", {"proto": "_tcp"}, "/data/proto"),
    ("CAA", {"tag": "issuer"}, "/data/tag"),
    ("CAA", {"flags": 256}, "/data/flags"),
    ("CAA", {"value": ""}, "/data/value"),
    ("CERT", {"certificate": "not base64!"}, "/data/certificate"),
    ("DNSKEY", {"protocol": 2}, "/data/protocol"),
    ("DS", {"digest": "ab" * 16}, "/data/digest"),
    ("DS", {"digest_type": 2}, "/data/digest"),
    ("HTTPS", {"value": "alpn=h2"}, "/data/value"),
    ("SVCB", {"value": "Bad Param"}, "/data/value"),
    ("NAPTR", {"flags": "S!"}, "/data/flags"),
    ("NAPTR", {"order": -1}, "/data/order"),
    ("SMIMEA", {"certificate": "abc"}, "/data/certificate"),
    ("TLSA", {"usage": 1.5}, "/data/usage"),
    ("SSHFP", {"fingerprint": "ab" * 32}, "/data/fingerprint"),
    ("URI", {"target": ""}, "/data/target"),
    ("LOC", {"lat_degrees": 91}, "/data/lat_degrees"),
    ("LOC", {"lat_direction": "E"}, "/data/lat_direction"),
    ("LOC", {"altitude": 42849673}, "/data/altitude"),
    ("LOC", {"long_seconds": 60}, "/data/long_seconds"),
]
NAMES = {"SRV": "_sip._tls", "TLSA": "_443._tcp", "SMIMEA": "x._smimecert"}


@pytest.mark.parametrize("rtype", sorted(GOOD_DATA))
def test_good_data_of_each_type(sim, rtype):
    extra = {"priority": 5} if rtype == "URI" else {}
    body = {
        "type": rtype,
        "name": NAMES.get(rtype, "d"),
        "data": GOOD_DATA[rtype],
        **extra,
    }
    record = sim.v4_ok("POST", RECORDS, json=body)
    assert record["type"] == rtype and "data" in record


@pytest.mark.parametrize(
    "rtype, change, pointer",
    BAD_DATA,
    ids=[f"{item[0]}-{item[2]}" for item in BAD_DATA],
)
def test_bad_data_of_each_type(sim, rtype, change, pointer):
    extra = {"priority": 5} if rtype == "URI" else {}
    error = refused(
        sim,
        1004,
        pointer,
        type=rtype,
        name=NAMES.get(rtype, "d"),
        data={**GOOD_DATA[rtype], **change},
        **extra,
    )
    assert pointer.rsplit("/", 1)[1] in error["message"]


@pytest.mark.parametrize("rtype", sorted(GOOD_DATA))
def test_structured_types_need_data(sim, rtype):
    refused(
        sim,
        1004,
        "/data",
        type=rtype,
        name=NAMES.get(rtype, "d"),
        content="1 2 3",
        priority=1,
    )


@pytest.mark.parametrize(
    "body, code, pointer",
    [
        ({"type": "A", "name": "x", "content": "2001:db8::1"}, 9005, "/content"),
        ({"type": "A", "name": "x", "content": "198.51.100.256"}, 9005, "/content"),
        ({"type": "AAAA", "name": "x", "content": "198.51.100.1"}, 9006, "/content"),
        ({"type": "CNAME", "name": "x", "content": "not a host"}, 1004, "/content"),
        ({"type": "MX", "name": "x", "content": "mx.example.com"}, 1004, "/priority"),
        (
            {"type": "MX", "name": "x", "content": "mx.example.com", "priority": 65536},
            1004,
            "/priority",
        ),
        ({"type": "URI", "name": "x", "data": GOOD_DATA["URI"]}, 1004, "/priority"),
        ({"type": "NS", "name": "x", "content": ""}, 1004, "/content"),
        ({"type": "PTR", "name": "x", "content": "a b"}, 1004, "/content"),
        ({"type": "OPENPGPKEY", "name": "x", "content": "%%%"}, 1004, "/content"),
        ({"type": "TXT", "name": "x", "content": "x" * 2049}, 1004, "/content"),
        ({"type": "TXT", "name": "x", "content": "line\nbreak"}, 1004, "/content"),
        ({"type": "SPF", "name": "x", "content": "v=spf1 -all"}, 1004, "/type"),
        ({"type": "a", "name": "x", "content": "198.51.100.1"}, 1004, "/type"),
        ({"name": "x", "content": "198.51.100.1"}, 1004, "/type"),
        ({"type": "A", "content": "198.51.100.1"}, 1004, "/name"),
        ({"type": "A", "name": "bad name", "content": "198.51.100.1"}, 1004, "/name"),
        ({"type": "A", "name": "x" * 64, "content": "198.51.100.1"}, 1004, "/name"),
        ({"type": "SRV", "name": "sip", "data": GOOD_DATA["SRV"]}, 1004, "/name"),
        (
            {"type": "SRV", "name": "_sip._sctp", "data": GOOD_DATA["SRV"]},
            1004,
            "/name",
        ),
    ],
)
def test_invalid_records(sim, body, code, pointer):
    refused(sim, code, pointer, **body)


def test_spf_is_refused_with_a_hint(sim):
    assert (
        "write SPF as TXT"
        in refused(sim, 1004, type="SPF", name="x", content="v=spf1 -all")["message"]
    )


def test_names(sim):
    def name_of(given):
        return sim.v4_ok(
            "POST", RECORDS, json={"type": "TXT", "name": given, "content": given}
        )["name"]

    assert name_of("Relative.Label") == "relative.label.example.com"
    assert name_of("full.EXAMPLE.com.") == "full.example.com"
    assert name_of("@") == ZONE
    assert name_of("b\u00fccher") == "xn--bcher-kva.example.com"
    assert name_of("*.wild") == "*.wild.example.com"
    assert (
        name_of("other.net") == "other.net.example.com"
    ), "names outside the zone get the zone appended"


@pytest.mark.parametrize(
    "ttl, plan, stored",
    [
        (1, "free", 1),
        (60, "free", 60),
        (86400, "free", 86400),
        (30, "enterprise", 30),
        (None, "free", 1),
    ],
)
def test_ttl_accepted(sim, ttl, plan, stored):
    sim.reset(v4_seed(plan=plan))
    body = {"type": "TXT", "name": "t", "content": "ttl"}
    if ttl is not None:
        body["ttl"] = ttl
    assert sim.v4_ok("POST", RECORDS, json=body)["ttl"] == stored


@pytest.mark.parametrize(
    "ttl, plan",
    [
        (0, "free"),
        (59, "free"),
        (86401, "free"),
        (30, "business"),
        (29, "enterprise"),
        (120.5, "free"),
        ("300", "free"),
        (True, "free"),
    ],
)
def test_ttl_refused(sim, ttl, plan):
    sim.reset(v4_seed(plan=plan))
    refused(sim, 1004, "/ttl", type="TXT", name="t", content="ttl", ttl=ttl)


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN", "1e400"])
def test_numbers_json_cannot_hold_are_refused(sim, number):
    for body in (
        f'{{"type": "TXT", "name": "t", "content": "x", "ttl": {number}}}',
        f'{{"type": "SRV", "name": "_a._tcp", "data": {{"priority": {number}, "weight": 1, "port": 1, "target": "t.example.com"}}}}',
    ):
        sim.v4_error(
            "POST",
            RECORDS,
            400,
            1004,
            data=body,
            headers={"Content-Type": "application/json"},
        )


def test_proxied_ttl_is_automatic(sim):
    record = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "A",
            "name": "p",
            "content": "198.51.100.5",
            "ttl": 3600,
            "proxied": True,
        },
    )
    assert (record["proxied"], record["proxiable"], record["ttl"]) == (True, True, 1)
    edited = sim.v4_ok("PATCH", f"{RECORDS}/{record['id']}", json={"ttl": 600})
    assert edited["ttl"] == 1, "a proxied record's TTL cannot be edited"
    unproxied = sim.v4_ok(
        "PATCH", f"{RECORDS}/{record['id']}", json={"proxied": False, "ttl": 600}
    )
    assert (unproxied["proxied"], unproxied["ttl"]) == (False, 600)


def test_proxying_needs_a_proxiable_record(sim):
    refused(sim, 1004, "/proxied", type="TXT", name="p", content="x", proxied=True)
    refused(
        sim,
        1004,
        "/proxied",
        type="MX",
        name="p",
        content="mx.example.com",
        priority=1,
        proxied=True,
    )
    error = refused(
        sim, 9003, "/proxied", type="A", name="p", content="10.0.0.1", proxied=True
    )
    assert error["message"] == "Target 10.0.0.1 is not allowed for a proxied record."
    refused(sim, 9003, type="AAAA", name="p", content="::1", proxied=True)
    refused(
        sim, 1004, "/proxied", type="A", name="p", content="198.51.100.5", proxied="yes"
    )
    assert (
        sim.v4_ok(
            "POST", RECORDS, json={"type": "A", "name": "p", "content": "10.0.0.1"}
        )["proxiable"]
        is False
    )


# --- conflicts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, code",
    [
        ({"type": "A", "name": "www", "content": "198.51.100.6"}, 81053),
        ({"type": "CNAME", "name": "www", "content": "other.example.net"}, 81053),
        ({"type": "TXT", "name": "www", "content": "beside a CNAME"}, 81054),
        ({"type": "CNAME", "name": "sub", "content": "example.net"}, 81053),
        ({"type": "CNAME", "name": "@", "content": "example.net"}, 81053),
        ({"type": "NS", "name": "sub", "content": "ns1.example.net"}, 81056),
        ({"type": "A", "name": "sub", "content": "203.0.113.20"}, 81058),
        ({"type": "A", "name": "sub", "content": "203.0.113.20", "ttl": 300}, 81057),
    ],
)
def test_conflicts(sim, body, code):
    refused(sim, code, **body)


def test_ns_keeps_other_types_away(sim):
    sim.v4_ok(
        "POST",
        RECORDS,
        json={"type": "NS", "name": "child", "content": "ns1.example.net"},
    )
    sim.v4_ok(
        "POST",
        RECORDS,
        json={"type": "NS", "name": "child", "content": "ns2.example.net"},
    )
    refused(sim, 81056, type="TXT", name="child", content="x")
    refused(sim, 81056, type="DS", name="child", data=GOOD_DATA["DS"])


def test_records_of_one_name_live_together(sim):
    for content in ("198.51.100.1", "198.51.100.2"):
        sim.v4_ok(
            "POST", RECORDS, json={"type": "A", "name": "multi", "content": content}
        )
    sim.v4_ok(
        "POST",
        RECORDS,
        json={"type": "AAAA", "name": "multi", "content": "2001:db8::1"},
    )
    sim.v4_ok(
        "POST",
        RECORDS,
        json={"type": "TXT", "name": "multi", "content": "beside addresses"},
    )
    listed = sim.v4_ok("GET", RECORDS, params={"name": f"multi.{ZONE}"})
    assert sorted(record["type"] for record in listed) == ["A", "A", "AAAA", "TXT"]


# --- overwrite (PUT) and edit (PATCH) ------------------------------------------------------------------


def tagged_zone(sim):
    sim.reset(
        v4_seed(
            [
                {
                    "id": "700",
                    "name": "t",
                    "type": "A",
                    "content": "198.51.100.7",
                    "ttl": 300,
                    "comment": "keep me",
                    "tags": ["Owner:ops", "env:prod"],
                    "settings": {"ipv4_only": True},
                }
            ],
            plan="pro",
        )
    )
    return record_v4_id("700")


def test_patch_changes_only_what_it_gives(sim):
    record_id = tagged_zone(sim)
    before = sim.v4_ok("GET", f"{RECORDS}/{record_id}")
    assert before["tags"] == ["owner:ops", "env:prod"], "tag names are lower case"
    after = sim.v4_ok(
        "PATCH", f"{RECORDS}/{record_id}", json={"content": "198.51.100.8"}
    )
    assert after["content"] == "198.51.100.8"
    for key in (
        "name",
        "type",
        "ttl",
        "proxied",
        "comment",
        "tags",
        "settings",
        "created_on",
        "id",
        "comment_modified_on",
        "tags_modified_on",
    ):
        assert after[key] == before[key], key
    cleared = sim.v4_ok(
        "PATCH", f"{RECORDS}/{record_id}", json={"comment": None, "tags": []}
    )
    assert (cleared["comment"], cleared["tags"]) == (None, [])
    assert "comment_modified_on" not in cleared and "tags_modified_on" not in cleared


def test_put_resets_what_it_leaves_out(sim):
    record_id = tagged_zone(sim)
    after = sim.v4_ok(
        "PUT",
        f"{RECORDS}/{record_id}",
        json={"type": "A", "name": "t", "content": "198.51.100.9"},
    )
    assert (
        after["ttl"],
        after["proxied"],
        after["comment"],
        after["tags"],
        after["settings"],
    ) == (1, False, None, [], {})
    assert after["id"] == record_id
    sim.v4_error(
        "PUT",
        f"{RECORDS}/{record_id}",
        400,
        1004,
        json={"name": "t", "content": "198.51.100.9"},
    )


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_type_change_is_refused(sim, method):
    """notes 1.3: end of life of type changes by PUT/PATCH on 2026-06-30."""
    body = {"type": "AAAA", "name": "sub", "content": "2001:db8::20"}
    error = sim.v4_error(method, f"{RECORDS}/{SUB}", 400, 1004, json=body)
    assert error["source"] == {"pointer": "/type"} and "batch" in error["message"]
    assert sim.v4_ok("GET", f"{RECORDS}/{SUB}")["type"] == "A"


def test_edits_meet_the_conflict_rules(sim):
    sim.v4_error("PATCH", f"{RECORDS}/{SUB}", 400, 81053, json={"name": "www"})
    sim.v4_ok(
        "PATCH", f"{RECORDS}/{SUB}", json={"name": "sub"}
    ), "a record does not conflict with itself"
    sim.v4_error(
        "PUT",
        f"{RECORDS}/{WWW}",
        400,
        81053,
        json={"type": "CNAME", "name": "sub", "content": "example.com"},
    )


def test_ids_and_missing_records(sim):
    sim.v4_error("GET", f"{RECORDS}/{'0' * 32}", 404, 81044)
    sim.v4_error("PATCH", f"{RECORDS}/{'0' * 32}", 404, 81044, json={"comment": "x"})
    sim.v4_error("DELETE", f"{RECORDS}/{'0' * 32}", 404, 81044)
    sim.v4_error("GET", f"{RECORDS}/9001", 400, 7003)
    assert sim.v4_ok("DELETE", f"{RECORDS}/{SUB}") == {"id": SUB}
    sim.v4_error("GET", f"{RECORDS}/{SUB}", 404, 81044)


def test_body_errors(sim):
    sim.v4_error(
        "POST",
        RECORDS,
        400,
        6007,
        data="{not json",
        headers={"Content-Type": "application/json"},
    )
    sim.v4_error("POST", RECORDS, 400, 1004, json=["a", "list"])
    sim.v4_error("POST", RECORDS, 400, 1004)


# --- comments, tags and settings -------------------------------------------------------------------------


def test_comments(sim):
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "TXT",
            "name": "c",
            "content": "x",
            "comment": "\u00e9t\u00e9 " * 25,
        },
    )
    assert (
        len(made["comment"]) == 100
        and made["comment_modified_on"] == made["created_on"]
    )
    refused(sim, 1004, "/comment", type="TXT", name="c", content="y", comment="x" * 101)
    refused(
        sim, 1004, "/comment", type="TXT", name="c", content="y", comment="two\nlines"
    )
    refused(sim, 1004, "/comment", type="TXT", name="c", content="y", comment=7)
    assert (
        sim.v4_ok(
            "POST",
            RECORDS,
            json={"type": "TXT", "name": "c", "content": "z", "comment": ""},
        )["comment"]
        is None
    )
    sim.reset(v4_seed(plan="pro"))
    assert (
        len(
            sim.v4_ok(
                "POST",
                RECORDS,
                json={"type": "TXT", "name": "c", "content": "x", "comment": "x" * 500},
            )["comment"]
        )
        == 500
    )
    refused(sim, 1004, "/comment", type="TXT", name="c", content="y", comment="x" * 501)


def test_tags(sim):
    error = refused(
        sim, 1004, "/tags", type="TXT", name="t", content="x", tags=["team:web"]
    )
    assert "free plan allows 0 tags" in error["message"]
    sim.reset(v4_seed(plan="pro"))
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "TXT",
            "name": "t",
            "content": "x",
            "tags": ["Team:Web", "team:Web", "empty:", "a-b_c:d:e"],
        },
    )
    assert made["tags"] == [
        "team:Web",
        "empty:",
        "a-b_c:d:e",
    ], "names lower case, duplicates dropped"
    assert made["tags_modified_on"] == made["created_on"]
    for bad in (["novalue"], ["bad name:x"], "team:web", [7]):
        refused(sim, 1004, "/tags", type="TXT", name="t", content="y", tags=bad)
    refused(
        sim,
        1004,
        "/tags",
        type="TXT",
        name="t",
        content="y",
        tags=[f"t{index}:x" for index in range(21)],
    )


@pytest.mark.parametrize(
    "plan, limit", [("pro", 20), ("business", 50), ("enterprise", 1000)]
)
def test_tags_per_record_by_plan(sim, plan, limit):
    sim.reset(v4_seed(plan=plan))
    tags = [f"t{index}:x" for index in range(limit + 1)]
    assert (
        len(
            sim.v4_ok(
                "POST",
                RECORDS,
                json={"type": "TXT", "name": "t", "content": "x", "tags": tags[:limit]},
            )["tags"]
        )
        == limit
    )
    refused(sim, 1004, "/tags", type="TXT", name="t", content="y", tags=tags)


def test_record_settings(sim):
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "A",
            "name": "s",
            "content": "198.51.100.1",
            "settings": {"ipv6_only": True},
        },
    )
    assert made["settings"] == {"ipv6_only": True}
    refused(
        sim,
        1004,
        "/settings/flatten_cname",
        type="A",
        name="s",
        content="198.51.100.2",
        settings={"flatten_cname": True},
    )
    refused(
        sim,
        1004,
        "/settings/flatten_cname",
        type="CNAME",
        name="f",
        content="example.net",
        settings={"flatten_cname": True},
    )
    refused(
        sim,
        1004,
        "/settings",
        type="A",
        name="s",
        content="198.51.100.3",
        settings={"ipv4_only": True, "ipv6_only": True},
    )
    refused(
        sim,
        1004,
        "/settings/ipv4_only",
        type="A",
        name="s",
        content="198.51.100.4",
        settings={"ipv4_only": 1},
    )
    sim.reset(v4_seed(plan="business"))
    flat = sim.v4_ok(
        "POST",
        RECORDS,
        json={
            "type": "CNAME",
            "name": "f",
            "content": "example.net",
            "settings": {"flatten_cname": True},
        },
    )
    assert flat["settings"] == {"flatten_cname": True}
