# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DNS record state: ids, names, validation, conflicts, SRV/LOC, full replace, paging (spec 6, Appendix B)."""

from __future__ import annotations

import pytest

from conftest import (
    RECORD_ID,
    ZONE,
    account_seed,
    assert_error,
    assert_invalid_input,
    assert_record,
    record_by_name,
    state_records,
    v1_records,
)

LOC = "51 30 12.748 N 0 7 39.611 W 0.00m 1m 10000m 10m"


def new(sim, **params):
    return sim.call("rec_new", {"z": ZONE, **params})


def created(sim, **params):
    body = new(sim, **params)
    assert body["result"] == "success", body
    obj = body["response"]["rec"]["obj"]
    assert_record(obj)
    return obj


def test_new_ids_are_unique_strings(sim):
    existing = {obj["rec_id"] for obj in v1_records(sim)}
    ids = [
        created(sim, type="A", name=f"host{index}", content=f"198.51.100.{index + 1}")[
            "rec_id"
        ]
        for index in range(20)
    ]
    assert all(isinstance(rec_id, str) and rec_id.isdigit() for rec_id in ids)
    assert len(set(ids)) == 20
    assert not set(ids) & existing
    assert {obj["rec_id"] for obj in v1_records(sim)} == existing | set(ids)


def test_ids_are_not_reused_after_delete(sim):
    first = created(sim, type="TXT", name="once", content="a")["rec_id"]
    assert sim.call("rec_delete", {"z": ZONE, "id": first})["result"] == "success"
    second = created(sim, type="TXT", name="once", content="a")["rec_id"]
    assert second != first


@pytest.mark.parametrize(
    "given, full, display",
    [
        ("MiXeD", "mixed.example.com", "mixed"),
        ("Deep.Sub.Label", "deep.sub.label.example.com", "deep.sub.label"),
        ("full.EXAMPLE.com", "full.example.com", "full"),
        ("example.com", "example.com", "example.com"),
    ],
)
def test_names_are_stored_lower_case_and_full(sim, given, full, display):
    obj = created(sim, type="TXT", name=given, content="name test")
    assert (obj["name"], obj["display_name"]) == (full, display)
    listed = [rec for rec in v1_records(sim) if rec["rec_id"] == obj["rec_id"]]
    assert [(rec["name"], rec["display_name"]) for rec in listed] == [(full, display)]
    stored = [rec for rec in state_records(sim.state()) if rec["id"] == obj["rec_id"]]
    assert len(stored) == 1 and stored[0]["name"] == full


def test_idn_names_are_punycode_with_unicode_display_name(sim):
    """Spec 3.2: `name` in punycode, `display_name` in Unicode for IDN labels."""
    body = new(sim, type="A", name="b\u00fccher", content="198.51.100.60")
    assert body["result"] == "success", body
    obj = body["response"]["rec"]["obj"]
    assert obj["name"] == "xn--bcher-kva." + ZONE
    assert obj["display_name"] == "b\u00fccher"
    assert [
        rec["rec_id"]
        for rec in v1_records(sim)
        if rec["name"] == "xn--bcher-kva." + ZONE
    ] == [obj["rec_id"]]


def test_loopback_address_is_not_proxiable(sim):
    """Spec 3.2 [recorded]: MX/TXT and 127.x A records show proxiable 0."""
    assert (
        created(sim, type="A", name="local", content="127.0.0.1")["props"]["proxiable"]
        == 0
    )
    assert (
        created(sim, type="A", name="public", content="198.51.100.61")["props"][
            "proxiable"
        ]
        == 1
    )


def test_rec_new_ignores_service_mode(sim):
    """Appendix B 8: new records are always DNS-only."""
    obj = created(sim, type="A", name="orange", content="198.51.100.9", service_mode=1)
    assert obj["service_mode"] == "0" and obj["props"]["cloud_on"] == 0
    assert record_by_name(sim, "orange." + ZONE, "A")["service_mode"] == "0"


def test_rec_new_ttl_defaults_to_automatic(sim):
    obj = created(sim, type="A", name="auto", content="198.51.100.10")
    assert (obj["ttl"], obj["auto_ttl"]) == ("1", 1)


@pytest.mark.parametrize(
    "ttl, shown, auto",
    [("1", "1", 1), ("120", "120", 0), ("3600", "3600", 0), ("86400", "86400", 0)],
)
def test_ttl_accepted(sim, ttl, shown, auto):
    obj = created(sim, type="TXT", name="ttl", content="t", ttl=ttl)
    assert (obj["ttl"], obj["auto_ttl"]) == (shown, auto)


@pytest.mark.parametrize(
    "ttl", ["119", "86401", "0", "2", "-1", "abc", "1.5", "4294967295"]
)
def test_ttl_rejected(sim, ttl):
    assert_invalid_input(new(sim, type="TXT", name="ttl", content="t", ttl=ttl), "ttl")
    assert_invalid_input(
        sim.call(
            "rec_edit",
            {
                "z": ZONE,
                "id": RECORD_ID,
                "type": "A",
                "name": "sub",
                "content": "198.51.100.1",
                "ttl": ttl,
            },
        ),
        "ttl",
    )
    assert all(rec["name"] != "ttl." + ZONE for rec in v1_records(sim))


@pytest.mark.parametrize(
    "rtype, content",
    [
        ("A", "2001:db8::1"),
        ("A", "1.2.3"),
        ("A", "256.1.1.1"),
        ("A", "example.net"),
        ("A", ""),
        ("AAAA", "192.0.2.1"),
        ("AAAA", "2001:db8::zz"),
        ("AAAA", "example.net"),
    ],
)
def test_address_records_need_the_right_family(sim, rtype, content):
    assert_invalid_input(new(sim, type=rtype, name="addr", content=content), "content")


def test_address_records_accepted(sim):
    assert (
        created(sim, type="A", name="v4", content="192.0.2.33")["content"]
        == "192.0.2.33"
    )
    assert (
        created(sim, type="AAAA", name="v6", content="2001:db8::33")["content"]
        == "2001:db8::33"
    )


def test_mx_needs_prio(sim):
    assert_invalid_input(
        new(sim, type="MX", name=ZONE, content="mx1.example.com"), "prio"
    )
    assert_invalid_input(
        new(sim, type="MX", name=ZONE, content="mx1.example.com", prio="high"), "prio"
    )
    obj = created(sim, type="MX", name=ZONE, content="mx1.example.com", prio=5)
    assert (obj["name"], obj["prio"], obj["content"]) == (ZONE, "5", "mx1.example.com")


SRV = {
    "type": "SRV",
    "service": "_sip",
    "protocol": "_udp",
    "srvname": "voip",
    "prio": "10",
    "weight": "20",
    "port": "5060",
    "target": "pbx.example.com",
}


def test_srv_is_stored_as_name_and_content(sim):
    """Appendix B 10: name service.protocol.srvname-fqdn, prio, content "weight port target"."""
    obj = created(sim, **SRV)
    assert obj["name"] == "_sip._udp.voip." + ZONE
    assert obj["content"] == "20 5060 pbx.example.com"
    assert obj["prio"] == "10"
    assert obj["display_name"] == "_sip._udp.voip"
    assert (
        record_by_name(sim, "_sip._udp.voip." + ZONE, "SRV")["content"]
        == "20 5060 pbx.example.com"
    )


@pytest.mark.parametrize("srvname", ["@", ZONE])
def test_srv_at_the_apex(sim, srvname):
    params = dict(SRV)
    params.update(srvname=srvname, service="_xmpp", protocol="_tcp")
    obj = created(sim, **params)
    assert obj["name"] == "_xmpp._tcp." + ZONE


@pytest.mark.parametrize(
    "missing", ["service", "protocol", "srvname", "prio", "weight", "port", "target"]
)
def test_srv_fields_are_required(sim, missing):
    params = {name: value for name, value in SRV.items() if name != missing}
    assert_invalid_input(new(sim, **params), missing)


@pytest.mark.parametrize(
    "field, value",
    [
        ("protocol", "_sctp"),
        ("port", "70000"),
        ("weight", "x"),
        ("service", "sip"),
        ("prio", "-1"),
    ],
)
def test_srv_fields_are_validated(sim, field, value):
    assert_invalid_input(new(sim, **dict(SRV, **{field: value})), field)


def test_srv_edit_replaces_fields(sim):
    rec_id = created(sim, **SRV)["rec_id"]
    body = sim.call(
        "rec_edit",
        {"z": ZONE, "id": rec_id, "ttl": 300, **dict(SRV, port="5061", weight="1")},
    )
    assert body["result"] == "success", body
    obj = body["response"]["rec"]["obj"]
    assert (obj["rec_id"], obj["content"], obj["ttl"]) == (
        rec_id,
        "1 5061 pbx.example.com",
        "300",
    )


def test_loc_shape_is_validated(sim):
    obj = created(sim, type="LOC", name="where", content=LOC)
    assert obj["content"] == LOC
    for bad in (
        "somewhere",
        "51 30 12.748 N 0 7 39.611 W",
        "51 30 12.748 X 0 7 39.611 W 0.00m",
    ):
        assert_invalid_input(new(sim, type="LOC", name="bad", content=bad), "content")


@pytest.mark.parametrize(
    "first, second",
    [
        (
            {"type": "A", "content": "198.51.100.12"},
            {"type": "CNAME", "content": "target.example.net"},
        ),
        (
            {"type": "CNAME", "content": "target.example.net"},
            {"type": "A", "content": "198.51.100.12"},
        ),
        (
            {"type": "TXT", "content": "hello"},
            {"type": "CNAME", "content": "target.example.net"},
        ),
        (
            {"type": "CNAME", "content": "target.example.net"},
            {"type": "CNAME", "content": "other.example.net"},
        ),
    ],
)
def test_cname_cannot_share_a_name(sim, first, second):
    created(sim, name="shared", **first)
    body = new(sim, name="shared", **second)
    assert_error(body)
    assert body.get("err_code") == "E_INVLDINPUT", body
    assert [
        rec["type"] for rec in v1_records(sim) if rec["name"] == "shared." + ZONE
    ] == [first["type"]]


def test_rec_edit_cannot_create_a_cname_conflict(sim):
    created(sim, type="A", name="taken", content="198.51.100.13")
    cname = created(sim, type="CNAME", name="alias", content="target.example.net")
    body = sim.call(
        "rec_edit",
        {
            "z": ZONE,
            "id": cname["rec_id"],
            "type": "CNAME",
            "name": "taken",
            "content": "target.example.net",
            "ttl": 1,
        },
    )
    assert_error(body)
    assert body.get("err_code") == "E_INVLDINPUT", body
    moved = sim.call(
        "rec_edit",
        {
            "z": ZONE,
            "id": cname["rec_id"],
            "type": "CNAME",
            "name": "alias",
            "content": "elsewhere.example.net",
            "ttl": 1,
        },
    )
    assert moved["result"] == "success", "a CNAME does not conflict with itself"


def test_duplicate_rec_new_is_rejected(sim):
    """Appendix B 17: same name, type and content is E_INVLDINPUT "record already exists"."""
    created(sim, type="A", name="dup", content="198.51.100.14")
    body = new(sim, type="A", name="DUP", content="198.51.100.14", ttl=300)
    assert_error(body)
    assert body.get("err_code") == "E_INVLDINPUT", body
    assert "already exists" in body["msg"].lower()
    assert len([rec for rec in v1_records(sim) if rec["name"] == "dup." + ZONE]) == 1
    created(sim, type="A", name="dup", content="198.51.100.15")


def test_rec_edit_is_a_full_replace(sim):
    """Appendix B 9: omitted service_mode makes the record DNS-only; every field is replaced."""
    base = {
        "z": ZONE,
        "id": RECORD_ID,
        "type": "A",
        "name": "sub",
        "content": "198.51.100.20",
        "ttl": 600,
    }
    orange = sim.call("rec_edit", {**base, "service_mode": 1})["response"]["rec"]["obj"]
    assert orange["service_mode"] == "1"
    grey = sim.call("rec_edit", base)
    assert grey["result"] == "success", grey
    obj = grey["response"]["rec"]["obj"]
    assert (obj["service_mode"], obj["props"]["cloud_on"]) == ("0", 0)
    changed = sim.call(
        "rec_edit",
        {**base, "type": "TXT", "name": "renamed", "content": "now text", "ttl": 1},
    )
    obj = changed["response"]["rec"]["obj"]
    assert (obj["rec_id"], obj["name"], obj["type"], obj["content"], obj["ttl"]) == (
        RECORD_ID,
        "renamed." + ZONE,
        "TXT",
        "now text",
        "1",
    )
    listed = [rec for rec in v1_records(sim) if rec["rec_id"] == RECORD_ID]
    assert listed == [obj]


def test_rec_edit_validates_like_rec_new(sim):
    base = {"z": ZONE, "id": RECORD_ID, "name": "sub", "ttl": 1}
    assert_invalid_input(
        sim.call("rec_edit", {**base, "type": "A", "content": "2001:db8::1"}), "content"
    )
    assert_invalid_input(
        sim.call("rec_edit", {**base, "type": "MX", "content": "mx.example.com"}),
        "prio",
    )
    assert_invalid_input(
        sim.call(
            "rec_edit",
            {**base, "type": "A", "content": "198.51.100.1", "service_mode": "2"},
        ),
        "service_mode",
    )
    assert record_by_name(sim, "sub." + ZONE, "A")["rec_id"] == RECORD_ID


def test_state_shows_integer_ttl_prio_service_mode(sim):
    """README: /_sim/state has full names, integer ttl/prio/service_mode and string ids."""
    mx = created(sim, type="MX", name=ZONE, content="mx2.example.com", prio=20, ttl=300)
    records = {rec["id"]: rec for rec in state_records(sim.state())}
    stored = records[mx["rec_id"]]
    assert (stored["name"], stored["ttl"], stored["prio"], stored["service_mode"]) == (
        ZONE,
        300,
        20,
        0,
    )
    assert all(isinstance(rec_id, str) for rec_id in records)
    assert records[RECORD_ID]["name"] == "sub." + ZONE


# --- paging -------------------------------------------------------------------------------


def paging_seed(count):
    return account_seed(
        [
            {
                "name": f"r{index}",
                "type": "A",
                "content": f"10.1.{index // 250}.{index % 250 + 1}",
            }
            for index in range(count)
        ]
    )


def test_paging_at_180_across_three_pages(sim):
    sim.reset(paging_seed(400))
    pages = []
    for offset in (0, 180, 360):
        body = sim.call("rec_load_all", {"z": ZONE, "o": offset})
        assert body["result"] == "success", body
        assert body["request"]["o"] == str(offset)
        pages.append(body["response"]["recs"])
    assert [page["count"] for page in pages] == [180, 180, 40]
    assert [len(page["objs"]) for page in pages] == [180, 180, 40]
    assert [page["has_more"] for page in pages] == [True, True, False]
    ids = [obj["rec_id"] for page in pages for obj in page["objs"]]
    assert len(ids) == len(set(ids)) == 400
    names = {obj["name"] for page in pages for obj in page["objs"]}
    assert names == {f"r{index}.{ZONE}" for index in range(400)}
    assert sim.call("rec_load_all", {"z": ZONE})["response"]["recs"]["count"] == 180


@pytest.mark.parametrize("count, has_more", [(179, False), (180, False), (181, True)])
def test_paging_boundary(sim, count, has_more):
    sim.reset(paging_seed(count))
    recs = sim.call("rec_load_all", {"z": ZONE})["response"]["recs"]
    assert recs["count"] == min(count, 180)
    assert recs["has_more"] is has_more


def test_offset_past_the_end(sim):
    sim.reset(paging_seed(10))
    recs = sim.call("rec_load_all", {"z": ZONE, "o": 10})["response"]["recs"]
    assert recs == {"has_more": False, "count": 0, "objs": []}
    recs = sim.call("rec_load_all", {"z": ZONE, "o": 5000})["response"]["recs"]
    assert recs == {"has_more": False, "count": 0, "objs": []}


def test_paging_with_uneven_offsets(sim):
    sim.reset(paging_seed(200))
    first = sim.call("rec_load_all", {"z": ZONE, "o": 7})["response"]["recs"]
    assert (first["count"], first["has_more"]) == (180, True)
    rest = sim.call("rec_load_all", {"z": ZONE, "o": 187})["response"]["recs"]
    assert (rest["count"], rest["has_more"]) == (13, False)
    assert not {obj["rec_id"] for obj in first["objs"]} & {
        obj["rec_id"] for obj in rest["objs"]
    }


def test_seeded_ids_stay_unique(sim):
    """A seed may mix records with and without ids; every record keeps a distinct id."""
    probe = created(sim, type="TXT", name="probe", content="next id")["rec_id"]
    following = str(int(probe) + 1)
    sim.reset(
        account_seed(
            [
                {"name": "no-id", "type": "TXT", "content": "a"},
                {"id": following, "name": "given-id", "type": "TXT", "content": "b"},
                {"name": "no-id-2", "type": "TXT", "content": "c"},
            ]
        )
    )
    records = v1_records(sim)
    assert sorted(rec["name"] for rec in records) == sorted(
        ["given-id." + ZONE, "no-id." + ZONE, "no-id-2." + ZONE]
    )
    assert len({rec["rec_id"] for rec in records}) == 3
    assert [rec["rec_id"] for rec in records if rec["name"] == "given-id." + ZONE] == [
        following
    ]
    fresh = created(sim, type="TXT", name="fresh", content="d")["rec_id"]
    assert fresh not in {rec["rec_id"] for rec in records}
