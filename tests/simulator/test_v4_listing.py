# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""v4 lists (notes 1.2, 1.3): the DNS record filters, order, paging and the per_page cap; zone lists."""

from __future__ import annotations

import pytest

from conftest import ZONE, ZONE_V4, v4_seed

RECORDS = f"/zones/{ZONE_V4}/dns_records"
SEED = [
    {
        "id": "1",
        "name": "www",
        "type": "A",
        "content": "198.51.100.1",
        "ttl": 300,
        "service_mode": 1,
        "comment": "Web front",
        "tags": ["team:web", "env:prod"],
    },
    {
        "id": "2",
        "name": "api",
        "type": "A",
        "content": "198.51.100.2",
        "ttl": 600,
        "comment": "API server",
        "tags": ["team:api", "env:prod"],
    },
    {
        "id": "3",
        "name": "api",
        "type": "AAAA",
        "content": "2001:db8::2",
        "ttl": 120,
        "tags": ["team:api"],
    },
    {
        "id": "4",
        "name": "@",
        "type": "MX",
        "content": "mx.example.net",
        "prio": 10,
        "ttl": 3600,
    },
    {
        "id": "5",
        "name": "docs",
        "type": "CNAME",
        "content": "pages.example.net",
        "ttl": 1,
        "service_mode": 1,
    },
    {
        "id": "6",
        "name": "@",
        "type": "TXT",
        "content": "v=spf1 include:example.net -all",
    },
]


@pytest.fixture
def listed(sim):
    sim.reset(v4_seed(SEED, plan="pro"))

    def names(**params):
        return [
            (record["type"], record["name"].replace("." + ZONE, ""))
            for record in sim.v4_ok("GET", RECORDS, params={"order": "name", **params})
        ]

    return names


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"name": "api.example.com"}, [("A", "api"), ("AAAA", "api")]),
        ({"name": "API.Example.COM"}, [("A", "api"), ("AAAA", "api")]),
        ({"name.exact": "www.example.com"}, [("A", "www")]),
        ({"name.contains": "pi"}, [("A", "api"), ("AAAA", "api")]),
        ({"name.startswith": "do"}, [("CNAME", "docs")]),
        ({"name.endswith": "s.example.com"}, [("CNAME", "docs")]),
        ({"name": "contains:api"}, []),
        ({"name": "api.example.com,www.example.com"}, []),
        ({"type": "AAAA"}, [("AAAA", "api")]),
        ({"content": "198.51.100.1"}, [("A", "www")]),
        ({"content.exact": "MX.example.NET"}, [("MX", "example.com")]),
        ({"content.contains": "include:"}, [("TXT", "example.com")]),
        ({"content.startswith": "2001:"}, [("AAAA", "api")]),
        ({"content.endswith": ".2"}, [("A", "api")]),
        ({"proxied": "true"}, [("CNAME", "docs"), ("A", "www")]),
        ({"proxied": "false", "type": "A"}, [("A", "api")]),
        ({"comment": "web front"}, [("A", "www")]),
        ({"comment.exact": "API SERVER"}, [("A", "api")]),
        ({"comment.contains": "serv"}, [("A", "api")]),
        ({"comment.startswith": "web"}, [("A", "www")]),
        ({"comment.endswith": "front"}, [("A", "www")]),
        ({"comment.present": ""}, [("A", "api"), ("A", "www")]),
        (
            {"comment.absent": ""},
            [
                ("AAAA", "api"),
                ("CNAME", "docs"),
                ("MX", "example.com"),
                ("TXT", "example.com"),
            ],
        ),
        ({"tag": "team:api"}, [("A", "api"), ("AAAA", "api")]),
        ({"tag": "env"}, [("A", "api"), ("A", "www")]),
        ({"tag.exact": "TEAM:WEB"}, [("A", "www")]),
        ({"tag.present": "env"}, [("A", "api"), ("A", "www")]),
        (
            {"tag.absent": "team"},
            [("CNAME", "docs"), ("MX", "example.com"), ("TXT", "example.com")],
        ),
        ({"tag.contains": "team:p"}, [("A", "api"), ("AAAA", "api")]),
        ({"tag.startswith": "team:w"}, [("A", "www")]),
        ({"tag.endswith": "env:od"}, [("A", "api"), ("A", "www")]),
        (
            {"search": "EXAMPLE.NET"},
            [("CNAME", "docs"), ("MX", "example.com"), ("TXT", "example.com")],
        ),
        ({"search": "server"}, [("A", "api")]),
        ({"search": "team:web"}, [("A", "www")]),
    ],
)
def test_filters(listed, params, expected):
    assert listed(**params) == expected


def test_filters_join_by_match(sim, listed):
    assert listed(type="A", proxied="true") == [("A", "www")]
    assert listed(type="MX", proxied="true", match="any") == [
        ("CNAME", "docs"),
        ("MX", "example.com"),
        ("A", "www"),
    ]
    pairs = [
        ("match", "any"),
        ("name", f"www.{ZONE}"),
        ("name", f"docs.{ZONE}"),
        ("order", "name"),
    ]
    records = sim.v4_ok("GET", RECORDS, params=pairs)
    assert [record["name"] for record in records] == [
        f"docs.{ZONE}",
        f"www.{ZONE}",
    ], "repeated filters with match=any"
    assert (
        sim.v4_ok("GET", RECORDS, params=pairs[1:]) == []
    ), "two names cannot both match"


def test_tag_filters_join_by_tag_match(listed):
    assert listed(**{"tag.exact": "team:web", "tag.present": "env"}) == [("A", "www")]
    assert listed(
        **{"tag.exact": "team:web", "tag.absent": "env", "tag_match": "any"}
    ) == [
        ("AAAA", "api"),
        ("CNAME", "docs"),
        ("MX", "example.com"),
        ("TXT", "example.com"),
        ("A", "www"),
    ]
    assert listed(
        **{"tag.present": "team", "type": "A", "tag_match": "any", "match": "all"}
    ) == [("A", "api"), ("A", "www")]


def test_search_applies_whatever_match_says(listed):
    assert listed(search="api", type="AAAA", match="any") == [("AAAA", "api")]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "SPF"},
        {"type": "contains:A"},
        {"proxied": "yes"},
        {"match": "some"},
        {"tag_match": "none"},
        {"order": "id"},
        {"direction": "up"},
        {"name.like": "x"},
        {"page": "0"},
        {"page": "x"},
        {"per_page": "0"},
        {"per_page": "5000001"},
        {"per_page": "2.5"},
    ],
)
def test_bad_list_parameters(sim, params):
    sim.v4_error("GET", RECORDS, 400, 1004, params=params)


@pytest.mark.parametrize(
    "order, direction, expected",
    [
        ("type", "asc", ["A", "A", "AAAA", "CNAME", "MX", "TXT"]),
        ("ttl", "desc", [3600, 600, 300, 120, 1, 1]),
        (
            "content",
            "asc",
            [
                "198.51.100.1",
                "198.51.100.2",
                "2001:db8::2",
                "mx.example.net",
                "pages.example.net",
                "v=spf1 include:example.net -all",
            ],
        ),
        ("proxied", "desc", [True, True, False, False, False, False]),
    ],
)
def test_order_and_direction(sim, order, direction, expected):
    sim.reset(v4_seed(SEED, plan="pro"))
    records = sim.v4_ok("GET", RECORDS, params={"order": order, "direction": direction})
    field = {"type": "type", "ttl": "ttl", "content": "content", "proxied": "proxied"}[
        order
    ]
    assert [record[field] for record in records] == expected


def test_default_order_is_type_then_name(sim):
    sim.reset(v4_seed(SEED, plan="pro"))
    records = sim.v4_ok("GET", RECORDS)
    assert [(record["type"], record["name"]) for record in records][:2] == [
        ("A", f"api.{ZONE}"),
        ("A", f"www.{ZONE}"),
    ]


# --- paging ------------------------------------------------------------------------------------------------


def many(count):
    return v4_seed(
        [
            {
                "id": str(index + 1),
                "name": f"h{index:04d}",
                "type": "A",
                "content": f"10.0.{index // 250}.{index % 250 + 1}",
            }
            for index in range(count)
        ]
    )


def test_pages_and_result_info(sim):
    sim.reset(many(250))
    seen = []
    for page in (1, 2, 3):
        body = sim.v4(
            "GET", RECORDS, params={"page": page, "per_page": 100, "order": "name"}
        ).json()
        assert body["result_info"] == {
            "page": page,
            "per_page": 100,
            "count": min(100, 250 - (page - 1) * 100),
            "total_count": 250,
            "total_pages": 3,
        }
        seen += [record["name"] for record in body["result"]]
    assert seen == [f"h{index:04d}.{ZONE}" for index in range(250)]
    past = sim.v4("GET", RECORDS, params={"page": 4, "per_page": 100}).json()
    assert past["success"] is True and past["result"] == []
    assert past["result_info"] == {
        "page": 4,
        "per_page": 100,
        "count": 0,
        "total_count": 250,
        "total_pages": 3,
    }


def test_default_page_size_is_100(sim):
    sim.reset(many(150))
    body = sim.v4("GET", RECORDS).json()
    assert len(body["result"]) == 100 and body["result_info"]["per_page"] == 100


def test_an_empty_list(sim):
    sim.reset(v4_seed())
    body = sim.v4("GET", RECORDS).json()
    assert body["result"] == [] and body["result_info"]["total_pages"] == 0


def test_per_page_is_honoured_up_to_the_schema_maximum(sim):
    sim.reset(many(1200))
    body = sim.v4("GET", RECORDS, params={"per_page": 5000000}).json()
    assert len(body["result"]) == 1200 and body["result_info"]["total_pages"] == 1


def test_per_page_cap_knob(sim):
    sim.reset(many(250))
    assert sim.faults(v4_per_page_cap=100)["v4_per_page_cap"] == 100
    body = sim.v4("GET", RECORDS, params={"per_page": 500}).json()
    assert len(body["result"]) == 100
    assert body["result_info"] == {
        "page": 1,
        "per_page": 100,
        "count": 100,
        "total_count": 250,
        "total_pages": 3,
    }
    assert (
        len(sim.v4_ok("GET", RECORDS, params={"per_page": 20})) == 20
    ), "smaller pages stay as asked"
    sim.reset()
    assert sim.control("GET", "/_sim/faults")["v4_per_page_cap"] is None


def test_per_page_cap_flag(start_sim):
    server = start_sim("--v4-per-page-cap", "3")
    assert server.control("GET", "/_sim/faults")["v4_per_page_cap"] == 3
    body = server.v4("GET", RECORDS, params={"per_page": 100}).json()
    assert body["result_info"]["per_page"] == 3 and len(body["result"]) == 3
    assert (
        body["result_info"]["total_pages"] == 3
    ), "the default seed's 8 records in pages of 3"


def test_the_list_follows_writes(sim):
    sim.reset(many(3))
    assert len(sim.v4_ok("GET", RECORDS)) == 3
    sim.v4_ok(
        "POST", RECORDS, json={"type": "A", "name": "h9999", "content": "10.9.9.9"}
    )
    assert [
        record["name"] for record in sim.v4_ok("GET", RECORDS, params={"order": "name"})
    ][-1] == f"h9999.{ZONE}"


# --- zones ---------------------------------------------------------------------------------------------------


def zones_seed(count):
    return v4_seed(
        zones=[
            {
                "name": f"z{index:02d}.test",
                "id": 900 + index,
                "records": [],
                "plan": "pro" if index % 2 else "free",
            }
            for index in range(count)
        ]
    )


def test_zone_pages(sim):
    sim.reset(zones_seed(23))
    body = sim.v4("GET", "/zones").json()
    assert len(body["result"]) == 20 and body["result_info"] == {
        "page": 1,
        "per_page": 20,
        "count": 20,
        "total_count": 23,
        "total_pages": 2,
    }
    body = sim.v4("GET", "/zones", params={"per_page": 50}).json()
    assert len(body["result"]) == 23
    assert sim.v4("GET", "/zones", params={"page": 9}).json()["result"] == []
    for per_page in (4, 51):
        sim.v4_error("GET", "/zones", 400, 1004, params={"per_page": per_page})


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"name": "z05.test"}, ["z05.test"]),
        ({"name": "equal:z05.test"}, ["z05.test"]),
        (
            {"name": "not_equal:z00.test", "per_page": 50},
            [f"z{index:02d}.test" for index in range(1, 12)],
        ),
        ({"name": "starts_with:Z1"}, ["z10.test", "z11.test"]),
        ({"name": "starts_with_case_sensitive:Z1"}, []),
        ({"name": "ends_with:1.test"}, ["z01.test", "z11.test"]),
        (
            {"name": "contains:0"},
            [f"z0{index}.test" for index in range(10)] + ["z10.test"],
        ),
        ({"name": "contains_case_sensitive:Z"}, []),
        (
            {"account.name": "contains:sample"},
            [f"z{index:02d}.test" for index in range(12)],
        ),
        ({"account.name": "nobody"}, []),
        ({"status": "pending"}, []),
        ({"type": "full", "name": "z03.test"}, ["z03.test"]),
        ([("type", "partial"), ("type", "full"), ("name", "z03.test")], ["z03.test"]),
        ({"type": "secondary"}, []),
        ({"name": "z01.test", "status": "pending", "match": "any"}, ["z01.test"]),
        (
            {"order": "plan.id", "per_page": 5},
            ["z00.test", "z02.test", "z04.test", "z06.test", "z08.test"],
        ),
        (
            {"order": "plan.id", "direction": "desc", "per_page": 5},
            ["z01.test", "z03.test", "z05.test", "z07.test", "z09.test"],
        ),
    ],
)
def test_zone_filters(sim, params, expected):
    sim.reset(zones_seed(12))
    assert [
        zone["name"] for zone in sim.v4_ok("GET", "/zones", params=params)
    ] == expected


@pytest.mark.parametrize(
    "params",
    [
        {"status": "gone"},
        {"order": "id"},
        {"match": "one"},
        {"direction": "sideways"},
        {"type": "primary"},
    ],
)
def test_bad_zone_parameters(sim, params):
    sim.v4_error("GET", "/zones", 400, 1004, params=params)
