# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_records on API v4 through the real edge and the fake v4 transport: the batch bodies.

``Zone`` answers the three calls the module makes (zone lookup, the records, batches) the way
the API does: a batch runs its deletes, patches and posts in that order and is applied whole or
not at all. Each test pins the calls and the bodies: how the plan is cut into batches (at the
zone's limit, at ``batch_size``, never inside a name), what a refused or a lost batch leads to.
"""

from __future__ import annotations

import itertools

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_records
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.test_v4_module_edge import (
    CREDENTIALS,
    RECORDS,
    WWW,
    v4_record,
    v4_zone,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import Reply
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import (
    error,
    failure,
    ok,
    page_info,
)

BATCH = f"POST {RECORDS}/batch"
READS = ["GET /zones", f"GET {RECORDS}"]
LOST = Reply(502, "<html><title>502 Bad Gateway</title></html>", {})
APPLIED_LOST = "applied, answer lost"


class Zone:
    """A v4 zone of ``plan`` behind FakeV4.serve.

    ``replies`` answers the next batches, in turn: None applies the batch, APPLIED_LOST applies it
    and loses the answer, a Reply answers without applying, a callable answers ``reply(zone)``.
    """

    def __init__(self, plan: str = "free", records=()) -> None:
        self.plan = plan
        self.records = {record["id"]: dict(record) for record in records}
        self.replies: list = []
        self._ids = (f"{number:032x}" for number in itertools.count(1))

    def __call__(self, call):
        if call.path == "/zones":
            return ok([v4_zone(plan={"legacy_id": self.plan})], page_info(1, 20, 1, 1))
        if call.method == "GET":
            records = list(self.records.values())
            return ok(records, page_info(1, 5000, len(records), 1))
        reply = self.replies.pop(0) if self.replies else None
        if callable(reply):
            return reply(self)
        if reply is not None and reply != APPLIED_LOST:
            return reply
        result = self.apply(call.json)
        return LOST if reply else ok(result)

    def apply(self, body: dict) -> dict:
        for item in body["deletes"]:
            del self.records[item["id"]]
        patched = []
        for item in body["patches"]:
            record = self.records[item["id"]]
            record.update(item)
            if record["proxied"]:
                record["ttl"] = 1
            patched.append(dict(record))
        posted = []
        for item in body["posts"]:
            record = v4_record(item["name"], item["type"], item["content"], "")
            record.update(item, id=next(self._ids))
            self.records[record["id"]] = record
            posted.append(dict(record))
        return {
            "deletes": body["deletes"],
            "patches": patched,
            "puts": [],
            "posts": posted,
        }


@pytest.fixture
def zone(fake_v4):
    served = Zone()
    fake_v4.serve(served)
    return served


def run(fake_v4, **args):
    return run_module(cf_dns_records, {**CREDENTIALS, "zone": "example.com", **args})


def txt(index: int, **extra) -> dict:
    return {"name": f"t{index}", "type": "TXT", "content": f"v{index}", **extra}


def batches(fake_v4) -> list[dict]:
    return [
        call.json for call in fake_v4.calls if f"{call.method} {call.path}" == BATCH
    ]


def test_no_change_reads_the_zone_and_writes_nothing(fake_v4, zone):
    zone.records = {"a" * 32: v4_record("t1.example.com", "TXT", "v1", "a" * 32)}

    result = run(fake_v4, records=[txt(1)])

    assert (result["changed"], result["unchanged"]) == (False, 1)
    assert fake_v4.lines == READS
    assert fake_v4.calls[1].params == {"page": "1", "per_page": "5000"}
    assert result["api_calls_planned"] == result.call_report["api_calls"] == 2


@pytest.mark.parametrize(
    "plan, batch_size, sizes",
    [
        ("free", None, [200, 1]),
        ("pro", None, [201]),
        ("enterprise", 3500, [201]),
        ("free", 50, [50, 50, 50, 50, 1]),
        ("pro", 100, [100, 100, 1]),
        ("free", 1000, [200, 1]),
    ],
)
def test_the_plan_is_cut_at_the_zones_limit_or_batch_size(
    fake_v4, zone, plan, batch_size, sizes
):
    zone.plan = plan
    options = {} if batch_size is None else {"batch_size": batch_size}

    result = run(fake_v4, records=[txt(index) for index in range(201)], **options)

    assert result["created"] == 201
    assert fake_v4.lines == READS + [BATCH] * len(sizes)
    assert [len(body["posts"]) for body in batches(fake_v4)] == sizes
    posted = [item["name"] for body in batches(fake_v4) for item in body["posts"]]
    assert posted == [f"t{index}.example.com" for index in range(201)]
    assert (
        result["api_calls_planned"] == result.call_report["api_calls"] == 2 + len(sizes)
    )


def test_a_name_is_never_split_across_batches(fake_v4, zone):
    zone.records = {
        "a" * 32: v4_record("x.example.com", "A", "203.0.113.1", "a" * 32),
    }
    records = [
        {"name": "x", "type": "A", "state": "absent"},
        {"name": "x", "type": "CNAME", "content": "app.example.com"},
        txt(1),
        {"name": "y", "type": "TXT", "content": "one"},
        {"name": "y", "type": "TXT", "content": "two"},
    ]

    run(fake_v4, records=records, batch_size=3)

    # x (2 changes) and t1 fit in 3; y's 2 changes would not fit beside them, so y starts the next.
    assert [
        sorted(
            item.get("name", item.get("id")) for kind in body.values() for item in kind
        )
        for body in batches(fake_v4)
    ] == [
        sorted(["a" * 32, "x.example.com", "t1.example.com"]),
        ["y.example.com", "y.example.com"],
    ]


def test_a_type_change_and_a_cname_swap_land_in_one_batch(fake_v4, zone):
    zone.records = {
        "a" * 32: v4_record("sub.example.com", "A", "203.0.113.20", "a" * 32),
        "b" * 32: v4_record("mx.example.com", "TXT", "old", "b" * 32),
    }

    result = run(
        fake_v4,
        records=[
            {"name": "sub", "type": "A", "state": "absent"},
            {"name": "sub", "type": "CNAME", "content": "app.example.com"},
            {"name": "mx", "type": "TXT", "state": "absent"},
            {"name": "mx", "type": "MX", "content": "mail.example.com", "priority": 10},
        ],
    )

    assert fake_v4.lines == READS + [BATCH]
    assert batches(fake_v4) == [
        {
            "deletes": [{"id": "a" * 32}, {"id": "b" * 32}],
            "patches": [],
            "posts": [
                {
                    "name": "sub.example.com",
                    "type": "CNAME",
                    "content": "app.example.com",
                    "ttl": 1,
                    "proxied": False,
                },
                {
                    "name": "mx.example.com",
                    "type": "MX",
                    "content": "mail.example.com",
                    "ttl": 1,
                    "priority": 10,
                },
            ],
        }
    ]
    assert [change["action"] for change in result["plan"]] == [
        "delete",
        "create",
        "delete",
        "create",
    ]
    assert {(r["name"], r["type"]) for r in zone.records.values()} == {
        ("sub.example.com", "CNAME"),
        ("mx.example.com", "MX"),
    }


def test_a_change_is_a_patch_of_what_differs_so_comment_and_tags_survive(fake_v4, zone):
    zone.records = {WWW["id"]: {**WWW, "ttl": 300}}

    result = run(
        fake_v4,
        records=[{"name": "www", "type": "A", "content": "203.0.113.5", "ttl": 600}],
    )

    assert batches(fake_v4) == [
        {"deletes": [], "patches": [{"id": "a" * 32, "ttl": 600}], "posts": []}
    ]
    (change,) = result["plan"]
    assert change["after"]["comment"] == "set in the dashboard"
    assert change["after"]["tags"] == ["owner:web"]


def test_turning_the_proxy_on_plans_the_automatic_ttl_so_the_next_run_is_unchanged(
    fake_v4, zone
):
    www = v4_record("www.example.com", "A", "203.0.113.5", "a" * 32, ttl=300)
    zone.records = {www["id"]: www}
    entry = {"name": "www", "type": "A", "content": "203.0.113.5", "proxied": True}

    first = run(fake_v4, records=[entry])
    again = run(fake_v4, records=[entry])

    assert batches(fake_v4) == [
        {
            "deletes": [],
            "patches": [{"id": "a" * 32, "ttl": 1, "proxied": True}],
            "posts": [],
        }
    ]
    assert first["plan"][0]["after"]["ttl"] == 1
    assert (again["changed"], again["unchanged"]) == (False, 1)


def test_a_refused_batch_names_the_change_the_api_blamed_and_stops_the_writes(
    fake_v4, zone
):
    zone.replies = [
        None,
        failure(
            400, error(9005, "Content for TXT record is invalid.", "/posts/1/content")
        ),
    ]

    result = run(fake_v4, records=[txt(index) for index in range(7)], batch_size=3)

    assert result["failed"] is True
    assert fake_v4.lines == READS + [BATCH, BATCH]
    assert [change["outcome"] for change in result["plan"]] == [
        "applied",
        "applied",
        "applied",
        "not_attempted",
        "failed",
        "not_attempted",
        "not_attempted",
    ]
    blamed = result["plan"][4]
    assert blamed["after"]["name"] == "t4.example.com"
    assert blamed["error"].startswith(
        "batch 2 of 3 was refused for this change, so none of its 3 changes was applied "
        "(batch 1 applied before it): POST /zones/"
    )
    assert "Content for TXT record is invalid. (9005, at /posts/1/content)" in (
        blamed["error"]
    )
    assert result["plan"][3]["error"] == (
        "not applied: batch 2 of 3, which held it, was refused for create t4.example.com TXT v4"
    )
    assert result["plan"][6]["error"] == (
        "not attempted: batch 2 of 3 was refused for create t4.example.com TXT v4, "
        "so no later batch was sent"
    )
    assert "create t4.example.com TXT v4: batch 2 of 3 was refused" in result["msg"]
    assert "fix what it names first" in result["msg"]
    assert (result["changed"], result["created"]) == (True, 3)
    assert sorted(r["name"] for r in zone.records.values()) == [
        f"t{index}.example.com" for index in range(3)
    ]


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not_applied"])
def test_a_lost_batch_is_read_back_and_never_sent_again_blindly(fake_v4, zone, applied):
    zone.replies = [APPLIED_LOST if applied else LOST]

    result = run(fake_v4, records=[txt(index) for index in range(4)], batch_size=2)

    # The second batch is still sent; the round reads the zone and sends only what is missing.
    expected = READS + [BATCH, BATCH, f"GET {RECORDS}"]
    if not applied:
        expected.append(BATCH)
    assert fake_v4.lines == expected
    if not applied:
        assert batches(fake_v4)[2] == batches(fake_v4)[0]
    assert (result["changed"], result["created"]) == (True, 4)
    assert {change["outcome"] for change in result["plan"]} == {"applied"}
    assert sorted(r["name"] for r in zone.records.values()) == [
        f"t{index}.example.com" for index in range(4)
    ]
    assert result.call_report["api_calls"] == result["api_calls_planned"] + (
        1 if applied else 2
    )


def test_a_batch_applied_in_the_last_round_whose_answer_was_lost_is_found_by_one_more_read(
    fake_v4, zone
):
    zone.replies = [LOST, LOST, LOST, LOST, APPLIED_LOST]

    result = run(fake_v4, records=[txt(0)])

    # Five rounds of writes, each but the first after a read, and one read after the last.
    assert fake_v4.lines == READS + [BATCH, f"GET {RECORDS}"] * 5
    assert (result["changed"], result["created"]) == (True, 1)
    assert [change["outcome"] for change in result["plan"]] == ["applied"]
    assert [r["name"] for r in zone.records.values()] == ["t0.example.com"]


def test_a_batch_lost_in_every_round_fails_saying_a_rerun_completes_it(fake_v4, zone):
    zone.replies = [LOST] * 5

    result = run(fake_v4, records=[txt(0)])

    assert fake_v4.lines == READS + [BATCH, f"GET {RECORDS}"] * 5
    assert result["failed"] is True
    assert (
        "running the task again reads the zone afresh and completes it" in result["msg"]
    )
    assert zone.records == {}


def test_a_batch_refused_because_the_zone_changed_is_planned_again(fake_v4, zone):
    theirs = v4_record("t0.example.com", "TXT", "v0", "f" * 32, comment="theirs")

    def another_writer_was_first(served: Zone):
        served.records[theirs["id"]] = dict(theirs)
        return failure(
            400, error(81058, "An identical record already exists.", "/posts/0")
        )

    zone.replies = [another_writer_was_first]

    result = run(fake_v4, records=[txt(0), txt(1)])

    assert fake_v4.lines == READS + [BATCH, f"GET {RECORDS}", BATCH]
    assert batches(fake_v4)[1]["posts"] == [
        {"name": "t1.example.com", "type": "TXT", "content": "v1", "ttl": 1}
    ]
    assert (result["changed"], result["created"]) == (True, 2)
    assert [change["outcome"] for change in result["plan"]] == ["applied", "applied"]


def test_check_mode_reads_only_and_plans_the_calls_of_the_real_run(fake_v4, zone):
    records = [txt(index) for index in range(450)]

    preview = run(fake_v4, records=records, _ansible_check_mode=True)
    assert fake_v4.lines == READS
    assert (preview["created"], preview["api_calls_planned"]) == (450, 5)
    assert {change["outcome"] for change in preview["plan"]} == {"planned"}

    real = run(fake_v4, records=records)
    assert real.call_report["api_calls"] == preview["api_calls_planned"]


@pytest.mark.parametrize(
    "batch_size, problem",
    [
        (0, "batch_size 0 is outside 1-3500"),
        (3501, "batch_size 3501 is outside 1-3500"),
    ],
)
def test_a_batch_size_out_of_range_fails_before_any_call(fake_v4, batch_size, problem):
    result = run(fake_v4, records=[txt(1)], batch_size=batch_size)

    assert result["failed"] is True
    assert problem in result["msg"]
    assert fake_v4.calls == []
