# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The pure whole-zone planner of cf_dns_records: entries, groups, prune, conflicts; and the v1 steps of its writes."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.dns_records import (
    change_result,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
    describe,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_plan import (
    Entry,
    plan_zone,
    read_entries,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import (
    CAPABILITIES as V1,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.writes import (
    STEP_CLEAR,
    STEP_DELETE,
    STEP_WRITE,
    write_steps,
)

ZONE = "example.com"


def rec(rec_id, name, rtype, content, ttl=1, proxied=False, priority=None):
    full = ZONE if name == "@" else f"{name}.{ZONE}"
    return Record(
        name=full,
        type=rtype,
        content=content,
        ttl=ttl,
        proxied=proxied,
        priority=priority,
        id=str(rec_id),
    )


ZONE_RECORDS = (
    rec(9000, "@", "A", "203.0.113.10", proxied=True),
    rec(9001, "sub", "A", "203.0.113.20"),
    rec(9002, "www", "CNAME", "example.com", proxied=True),
    rec(9003, "@", "MX", "mail.example.com", ttl=3600, priority=10),
    rec(9005, "@", "TXT", "v=spf1 mx -all"),
    rec(9008, "@", "TXT", "google-site-verification=abc"),
    rec(9010, "multi", "A", "198.51.100.1"),
    rec(9011, "multi", "A", "198.51.100.2"),
    rec(9012, "multi", "A", "198.51.100.3"),
)


def entries(*items):
    return read_entries(ZONE, list(items), V1)


def plan(*items, current=ZONE_RECORDS, prune=False):
    return plan_zone(current, entries(*items), prune)


def steps(zone_plan):
    """The operations of the plan with their v1 steps, in the order v1 carries them out."""
    return sorted(
        zip(write_steps(list(zone_plan.operations)), zone_plan.operations, strict=True),
        key=lambda pair: pair[0],
    )


def summary(zone_plan):
    """Each write as (v1 step, kind, id of the record before or None, content after or None), in v1 order."""
    return [
        (
            step,
            operation.kind,
            operation.before.id if operation.before else None,
            operation.after.content if operation.after else None,
        )
        for step, operation in steps(zone_plan)
    ]


def problems_of(*items, current=ZONE_RECORDS, prune=False):
    with pytest.raises(ValidationError) as caught:
        plan(*items, current=current, prune=prune)
    return caught.value.problems


def test_no_change_plans_nothing_and_counts_the_unchanged():
    zone_plan = plan(
        {"name": "@", "type": "A", "content": "203.0.113.10"},
        {"name": "Sub.Example.com.", "type": "A", "content": "203.0.113.20"},
        {"name": "www", "type": "CNAME", "content": "Example.COM."},
        {"type": "MX", "content": "mail.example.com"},
    )
    assert zone_plan.operations == ()
    assert zone_plan.unchanged == 4


def test_creates_and_edits_in_place_keep_what_is_omitted():
    zone_plan = plan(
        {"name": "new", "type": "A", "content": "203.0.113.50", "proxied": True},
        {"name": "@", "type": "A", "content": "203.0.113.10", "ttl": 300},
        {"name": "www", "type": "CNAME", "content": "app.example.net"},
        {"type": "MX", "content": "mail.example.com", "priority": 20},
    )
    kinds = [operation.kind for operation in zone_plan.operations]
    assert kinds == ["create", "edit", "edit", "edit"]
    create, apex, cname, mx = zone_plan.operations
    assert create.after == Record(
        name="new.example.com", type="A", content="203.0.113.50", ttl=1, proxied=True
    )
    assert apex.after == rec(9000, "@", "A", "203.0.113.10", ttl=300, proxied=True)
    assert cname.after == rec(9002, "www", "CNAME", "app.example.net", proxied=True)
    assert mx.after == rec(9003, "@", "MX", "mail.example.com", ttl=3600, priority=20)
    assert (
        zone_plan.count("create"),
        zone_plan.count("edit"),
        zone_plan.count("delete"),
    ) == (1, 3, 0)


def test_without_prune_only_listed_records_are_touched():
    zone_plan = plan({"name": "multi", "type": "A", "content": "198.51.100.9"})
    assert summary(zone_plan) == [(STEP_WRITE, "create", None, "198.51.100.9")]


def test_absent_with_content_deletes_that_record_only():
    zone_plan = plan(
        {"name": "multi", "type": "A", "content": "198.51.100.2", "state": "absent"},
        {"name": "gone", "type": "A", "content": "198.51.100.2", "state": "absent"},
    )
    assert summary(zone_plan) == [(STEP_DELETE, "delete", "9011", None)]


@pytest.mark.parametrize(
    "item",
    [
        {"name": "multi", "type": "A", "state": "absent"},
        {
            "name": "multi",
            "type": "A",
            "content": "198.51.100.7",
            "state": "absent",
            "solo": True,
        },
    ],
)
def test_absent_without_content_or_with_solo_deletes_the_whole_group(item):
    assert summary(plan(item)) == [
        (STEP_DELETE, "delete", record_id, None)
        for record_id in ("9010", "9011", "9012")
    ]


def test_absent_cname_with_other_content_is_left_alone():
    assert (
        plan(
            {
                "name": "www",
                "type": "CNAME",
                "content": "elsewhere.example.net",
                "state": "absent",
            }
        ).operations
        == ()
    )


def test_solo_keeps_the_match_and_deletes_the_rest_after_the_writes():
    zone_plan = plan(
        {"name": "multi", "type": "A", "content": "198.51.100.2", "solo": True}
    )
    assert summary(zone_plan) == [
        (STEP_DELETE, "delete", "9010", None),
        (STEP_DELETE, "delete", "9012", None),
    ]
    assert zone_plan.unchanged == 1


def test_solo_changes_an_unmatched_record_in_place():
    zone_plan = plan({"type": "TXT", "content": "v=spf1 -all", "solo": True})
    assert summary(zone_plan) == [
        (STEP_WRITE, "edit", "9005", "v=spf1 -all"),
        (STEP_DELETE, "delete", "9008", None),
    ]


def test_solo_on_one_entry_owns_the_group_for_every_entry_of_it():
    zone_plan = plan(
        {"name": "multi", "type": "A", "content": "198.51.100.3"},
        {"name": "multi", "type": "A", "content": "198.51.100.8", "solo": True},
        {"name": "multi", "type": "A", "content": "198.51.100.9"},
    )
    assert summary(zone_plan) == [
        (STEP_WRITE, "edit", "9010", "198.51.100.8"),
        (STEP_WRITE, "edit", "9011", "198.51.100.9"),
    ]
    assert zone_plan.unchanged == 1


def test_solo_with_more_entries_than_records_creates_the_rest():
    zone_plan = plan(
        {"type": "TXT", "content": "one", "solo": True},
        {"type": "TXT", "content": "two"},
        {"type": "TXT", "content": "three"},
    )
    assert summary(zone_plan) == [
        (STEP_WRITE, "edit", "9005", "one"),
        (STEP_WRITE, "edit", "9008", "two"),
        (STEP_WRITE, "create", None, "three"),
    ]


def test_solo_does_not_touch_other_types_of_the_name():
    zone_plan = plan(
        {"name": "@", "type": "A", "content": "203.0.113.11", "solo": True}
    )
    assert summary(zone_plan) == [(STEP_WRITE, "edit", "9000", "203.0.113.11")]


def test_prune_deletes_every_group_the_list_does_not_name_and_edits_in_place():
    zone_plan = plan(
        {"name": "@", "type": "A", "content": "203.0.113.99"},
        {"name": "www", "type": "CNAME", "content": "example.com"},
        {"name": "multi", "type": "A", "content": "198.51.100.2"},
        prune=True,
    )
    assert summary(zone_plan) == [
        (STEP_WRITE, "edit", "9000", "203.0.113.99"),
        (STEP_DELETE, "delete", "9010", None),
        (STEP_DELETE, "delete", "9012", None),
        (STEP_DELETE, "delete", "9001", None),
        (STEP_DELETE, "delete", "9003", None),
        (STEP_DELETE, "delete", "9005", None),
        (STEP_DELETE, "delete", "9008", None),
    ]
    assert zone_plan.unchanged == 2


def test_prune_with_an_empty_list_deletes_the_whole_zone():
    zone_plan = plan(prune=True)
    assert [operation.before.id for operation in zone_plan.operations] == [
        record.id for record in ZONE_RECORDS
    ]
    assert {step for step, dummy in steps(zone_plan)} == {STEP_DELETE}


def test_prune_keeps_absent_entries_working():
    zone_plan = plan(
        {"name": "sub", "type": "A", "content": "203.0.113.20", "state": "absent"},
        *[
            {"name": record.name, "type": record.type, "content": record.content}
            for record in ZONE_RECORDS
            if record.id != "9001"
        ],
        prune=True,
    )
    assert summary(zone_plan) == [(STEP_DELETE, "delete", "9001", None)]


def test_a_to_cname_deletes_first():
    zone_plan = plan(
        {"name": "sub", "type": "A", "state": "absent"},
        {"name": "sub", "type": "CNAME", "content": "app.example.com"},
        {"name": "later", "type": "A", "content": "203.0.113.9"},
    )
    assert summary(zone_plan) == [
        (STEP_CLEAR, "delete", "9001", None),
        (STEP_WRITE, "create", None, "app.example.com"),
        (STEP_WRITE, "create", None, "203.0.113.9"),
    ]


def test_cname_to_records_deletes_the_cname_first():
    zone_plan = plan(
        {"name": "www", "type": "CNAME", "state": "absent"},
        {"name": "www", "type": "A", "content": "203.0.113.10"},
        {"name": "www", "type": "AAAA", "content": "2001:db8::10"},
    )
    assert summary(zone_plan)[0] == (STEP_CLEAR, "delete", "9002", None)
    assert [step for step, dummy in steps(zone_plan)[1:]] == [STEP_WRITE, STEP_WRITE]


def test_prune_replaces_records_by_a_cname_in_the_right_order():
    zone_plan = plan(
        *[
            {"name": record.name, "type": record.type, "content": record.content}
            for record in ZONE_RECORDS
            if record.name != "multi.example.com"
        ],
        {"name": "multi", "type": "CNAME", "content": "example.com"},
        prune=True,
    )
    assert summary(zone_plan) == [
        (STEP_CLEAR, "delete", record_id, None)
        for record_id in ("9010", "9011", "9012")
    ] + [(STEP_WRITE, "create", None, "example.com")]


def test_cname_beside_records_that_stay_is_refused():
    assert problems_of(
        {"name": "@", "type": "CNAME", "content": "elsewhere.example.net"}
    ) == [
        "records[0]: a CNAME at example.com cannot exist beside the other records of that name (A, MX, TXT)"
    ]


def test_record_beside_a_cname_that_stays_is_refused():
    assert problems_of({"name": "www", "type": "TXT", "content": "x"}) == [
        "records[0]: www.example.com has a CNAME record, so no TXT record can exist beside it"
    ]


def test_cname_and_record_of_one_name_in_the_list_are_refused():
    problems = problems_of(
        {"name": "new", "type": "CNAME", "content": "example.com"},
        {"name": "new", "type": "A", "content": "203.0.113.5"},
    )
    assert problems == [
        "records[0]: a CNAME at new.example.com cannot exist beside the other records of that name (A)",
        "records[1]: new.example.com has a CNAME record, so no A record can exist beside it",
    ]


def test_mx_create_without_priority_is_refused_after_the_read():
    assert problems_of(
        {"type": "MX", "content": "backup.example.net"},
        {"type": "TXT", "content": "fine"},
    ) == [
        "records[0]: priority is required to create the MX record example.com backup.example.net"
    ]


def test_moving_a_proxied_record_to_a_private_address_is_refused_after_the_read():
    assert problems_of(
        {"name": "@", "type": "A", "content": "10.0.0.5", "solo": True},
        {"name": "new", "type": "A", "content": "203.0.113.99"},
    ) == [
        "records[0]: example.com A is proxied, and CloudFlare cannot proxy 10.0.0.5 (not a public address): "
        "set proxied: false to move the record there"
    ]


def test_prune_refuses_moving_a_proxied_record_to_a_private_address_too():
    problems = problems_of(
        {"name": "@", "type": "A", "content": "192.168.1.1"}, prune=True
    )
    assert problems[0].startswith(
        "records[0]: example.com A is proxied, and CloudFlare cannot proxy 192.168.1.1"
    )


def test_records_found_as_asked_are_kept_for_the_diff():
    zone_plan = plan(
        {"name": "@", "type": "TXT", "content": "v=spf1 mx -all", "solo": True},
        {"name": "sub", "type": "A", "content": "203.0.113.20"},
    )
    assert [record.id for record in zone_plan.kept] == ["9005", "9001"]
    assert zone_plan.unchanged == 2


def test_zone_problems_are_all_reported():
    problems = problems_of(
        {"type": "MX", "content": "backup.example.net"},
        {"name": "www", "type": "A", "content": "203.0.113.5"},
    )
    assert len(problems) == 2


def test_read_entries_reports_every_problem_with_its_place():
    with pytest.raises(ValidationError) as caught:
        entries(
            {"name": "ok", "type": "A", "content": "203.0.113.1"},
            {"name": "bad", "type": "A", "content": "2001:db8::1", "ttl": 30},
            {"name": "www.example.org.", "type": "TXT", "content": "x"},
        )
    assert caught.value.problems == [
        "records[1]: A content '2001:db8::1' is not an IPv4 address (record bad.example.com)",
        "records[1]: ttl 30 is outside the allowed values: 1 (automatic) or 120-86400",
        "records[2]: name 'www.example.org.' is outside the zone example.com",
    ]


@pytest.mark.parametrize(
    "items, problem",
    [
        (
            [
                {"name": "a", "type": "A", "content": "203.0.113.1"},
                {
                    "name": "A.example.com.",
                    "type": "A",
                    "content": "203.0.113.1",
                    "ttl": 300,
                },
            ],
            "records[1]: describes the same record as records[0] (a.example.com A 203.0.113.1); give each record once",
        ),
        (
            [
                {"name": "c", "type": "CNAME", "content": "x.example.net"},
                {"name": "c", "type": "CNAME", "content": "y.example.net"},
            ],
            "records[1]: describes the same record as records[0] (c.example.com CNAME); give each record once",
        ),
        (
            [
                {"name": "a", "type": "A", "content": "203.0.113.1"},
                {"name": "a", "type": "A", "content": "203.0.113.1", "state": "absent"},
            ],
            "records[1]: describes the same record as records[0] (a.example.com A 203.0.113.1); give each record once",
        ),
        (
            [
                {"name": "a", "type": "A", "state": "absent"},
                {"name": "a", "type": "A", "content": "203.0.113.2"},
            ],
            "records[1]: records[0] removes every A record of a.example.com, so it cannot also ask for "
            "a.example.com A 203.0.113.2",
        ),
        (
            [
                {"name": "a", "type": "A", "state": "absent"},
                {"name": "a", "type": "A", "state": "absent"},
            ],
            "records[1]: describes the same record as records[0] (a.example.com A); give each record once",
        ),
    ],
)
def test_duplicates_are_a_validation_error(items, problem):
    with pytest.raises(ValidationError) as caught:
        entries(*items)
    assert caught.value.problems == [problem]


def test_records_of_one_name_and_type_with_other_contents_are_fine():
    parsed = entries(
        {"name": "a", "type": "A", "content": "203.0.113.1"},
        {"name": "a", "type": "A", "content": "203.0.113.2", "solo": True},
        {"name": "a", "type": "A", "content": "203.0.113.3", "state": "absent"},
    )
    assert [(entry.index, entry.state, entry.solo) for entry in parsed] == [
        (0, "present", False),
        (1, "present", True),
        (2, "absent", False),
    ]


def test_entry_removes_all():
    record = Record(name="a.example.com", type="A", content=None)
    assert Entry(0, record, "absent").removes_all is True
    assert Entry(0, record, "present").removes_all is False
    with_content = Record(name="a.example.com", type="A", content="203.0.113.1")
    assert Entry(0, with_content, "absent").removes_all is False
    assert Entry(0, with_content, "absent", solo=True).removes_all is True


def test_large_groups_plan_every_record():
    current = [rec(index, "@", "TXT", f"text {index}") for index in range(3000)]
    items = [{"type": "TXT", "content": f"text {index}"} for index in range(1000, 4000)]
    zone_plan = plan(*items, current=current, prune=True)
    assert zone_plan.unchanged == 2000
    assert zone_plan.count("edit") == 1000
    assert zone_plan.count("create") == 0
    assert zone_plan.count("delete") == 0
    assert [operation.before.id for operation in zone_plan.operations[:2]] == ["0", "1"]


def test_change_result_and_describe():
    edit = Operation(
        "edit",
        rec(9001, "sub", "A", "203.0.113.20"),
        rec(9001, "sub", "A", "203.0.113.20", ttl=300),
    )
    assert change_result(edit, "failed", "boom") == {
        "action": "update",
        "before": edit.before.to_dict(),
        "after": edit.after.to_dict(),
        "outcome": "failed",
        "error": "boom",
    }
    create = Operation(
        "create",
        None,
        Record(
            name="n.example.com",
            type="CNAME",
            content="x.example.net",
            ttl=1,
            proxied=False,
        ),
    )
    assert change_result(create, "planned")["before"] is None
    assert describe(edit.before) == "sub.example.com A 203.0.113.20"
    assert describe(create.after) == "n.example.com CNAME"
