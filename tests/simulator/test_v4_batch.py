# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""POST dns_records/batch (notes 1.3): one transaction, deletes, patches, puts, posts in that
order; the first error refuses it whole and names the item; 200 records on Free, 3,500 paid.
"""

from __future__ import annotations

import pytest

from conftest import ZONE, ZONE_V4, record_v4_id, v1_records, v4_seed

RECORDS = f"/zones/{ZONE_V4}/dns_records"
BATCH = RECORDS + "/batch"
SUB, WWW, MAIL = record_v4_id("9001"), record_v4_id("9002"), record_v4_id("9004")


def test_the_four_lists_run_in_order(sim):
    """A post may take the name a delete frees, and a put may follow a patch of the same record."""
    result = sim.v4_ok(
        "POST",
        BATCH,
        json={
            "posts": [{"type": "A", "name": "www", "content": "198.51.100.80"}],
            "puts": [
                {
                    "id": SUB,
                    "type": "A",
                    "name": "sub",
                    "content": "198.51.100.20",
                    "comment": "put",
                }
            ],
            "patches": [{"id": SUB, "ttl": 600, "comment": "patched"}],
            "deletes": [{"id": WWW}],
        },
    )
    assert [record["id"] for record in result["deletes"]] == [WWW]
    assert [(record["ttl"], record["comment"]) for record in result["patches"]] == [
        (600, "patched")
    ]
    assert [
        (record["ttl"], record["comment"], record["content"])
        for record in result["puts"]
    ] == [(1, "put", "198.51.100.20")]
    assert [(record["type"], record["name"]) for record in result["posts"]] == [
        ("A", f"www.{ZONE}")
    ]
    assert sim.v4_ok("GET", RECORDS, params={"name": f"www.{ZONE}"})[0]["type"] == "A"
    assert sim.stats()["v4_calls"] == {
        "POST /zones/{zone_id}/dns_records/batch": 1,
        "GET /zones/{zone_id}/dns_records": 1,
    }


def test_each_list_runs_in_the_order_given(sim):
    result = sim.v4_ok(
        "POST",
        BATCH,
        json={
            "posts": [
                {"type": "TXT", "name": f"seq{index}", "content": str(index)}
                for index in range(5)
            ]
        },
    )
    assert [record["content"] for record in result["posts"]] == [
        "0",
        "1",
        "2",
        "3",
        "4",
    ]
    assert result["deletes"] == result["patches"] == result["puts"] == []


@pytest.mark.parametrize(
    "body, pointer, code",
    [
        ({"deletes": [{"id": SUB}, {"id": "0" * 32}]}, "/deletes/1/id", 81044),
        (
            {"deletes": [{"id": SUB}], "patches": [{"id": SUB, "comment": "gone"}]},
            "/patches/0/id",
            81044,
        ),
        (
            {"patches": [{"id": SUB, "content": "not an address"}]},
            "/patches/0/content",
            9005,
        ),
        (
            {
                "puts": [
                    {"id": WWW, "type": "A", "name": "www", "content": "198.51.100.1"}
                ]
            },
            "/puts/0/type",
            1004,
        ),
        (
            {
                "posts": [
                    {"type": "TXT", "name": "ok", "content": "fine"},
                    {"type": "A", "name": "www", "content": "1.2.3.4"},
                ]
            },
            "/posts/1",
            81053,
        ),
        (
            {
                "posts": [
                    {"type": "TXT", "name": "twice", "content": "x"},
                    {"type": "TXT", "name": "twice", "content": "x"},
                ]
            },
            "/posts/1",
            81058,
        ),
        (
            {
                "deletes": [{"id": MAIL}],
                "posts": [{"type": "TXT", "name": "x", "content": "y", "ttl": 5}],
            },
            "/posts/0/ttl",
            1004,
        ),
    ],
)
def test_the_first_error_refuses_the_whole_batch(sim, body, pointer, code):
    before_v4 = sim.v4_ok("GET", RECORDS, params={"per_page": 1000})
    before_v1 = v1_records(sim)
    before_state = sim.state()
    error = sim.v4_error("POST", BATCH, 404 if code == 81044 else 400, code, json=body)
    assert error["source"] == {"pointer": pointer}, error
    assert sim.v4_ok("GET", RECORDS, params={"per_page": 1000}) == before_v4
    assert v1_records(sim) == before_v1, "nothing applied, the v1 order kept"
    assert sim.state() == before_state, "not even a record id was used up"


def test_a_refused_batch_leaves_later_writes_alone(sim):
    sim.v4_error(
        "POST",
        BATCH,
        400,
        81053,
        json={
            "deletes": [{"id": SUB}],
            "posts": [
                {"type": "TXT", "name": "a", "content": "a"},
                {"type": "CNAME", "name": "mail", "content": "example.net"},
            ],
        },
    )
    made = sim.v4_ok(
        "POST",
        RECORDS,
        json={"type": "TXT", "name": "after", "content": "refused batch"},
    )
    assert sim.v4_ok("GET", f"{RECORDS}/{SUB}")["name"] == f"sub.{ZONE}"
    assert made["name"] == f"after.{ZONE}"


@pytest.mark.parametrize(
    "body",
    [
        {"posts": {"type": "TXT"}},
        {"deletes": ["id"]},
        {"patches": "all"},
        ["posts"],
    ],
)
def test_malformed_batches(sim, body):
    sim.v4_error("POST", BATCH, 400, 1004, json=body)


def posts(count):
    return [
        {"type": "TXT", "name": f"b{index}", "content": "x"} for index in range(count)
    ]


@pytest.mark.parametrize(
    "plan, limit",
    [("free", 200), ("pro", 3500), ("business", 3500), ("enterprise", 3500)],
)
def test_plan_limits(sim, plan, limit):
    sim.reset(
        v4_seed(
            [
                {
                    "id": str(index + 1),
                    "name": f"d{index}",
                    "type": "TXT",
                    "content": "d",
                }
                for index in range(2)
            ],
            plan=plan,
        )
    )
    deletes = [{"id": record_v4_id(str(index + 1))} for index in range(2)]
    error = sim.v4_error(
        "POST", BATCH, 400, 1004, json={"deletes": deletes, "posts": posts(limit - 1)}
    )
    assert str(limit) in error["message"] and str(limit + 1) in error["message"]
    result = sim.v4_ok(
        "POST", BATCH, json={"deletes": deletes, "posts": posts(limit - 2)}
    )
    assert len(result["posts"]) == limit - 2 and len(result["deletes"]) == 2
    assert len(sim.v4_ok("GET", RECORDS, params={"per_page": 5000})) == limit - 2


def test_a_batch_is_one_write_for_v1_too(sim):
    sim.v4_ok("POST", BATCH, json={"posts": posts(3), "deletes": [{"id": SUB}]})
    names = {record["name"] for record in v1_records(sim)}
    assert {
        f"b0.{ZONE}",
        f"b1.{ZONE}",
        f"b2.{ZONE}",
    } <= names and f"sub.{ZONE}" not in names
