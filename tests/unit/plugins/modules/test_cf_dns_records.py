# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_records through main() against the in-memory FakeAPI (concurrency 1 keeps the write order fixed).

The v1 forms of these plans are pinned in tests/unit/plugins/module_utils/_v1/test_v1_api_records.py.
"""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    WriteOptions,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
    InputError,
    OutcomeUnknownError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_records
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
    SEED,
    ZONE,
    record,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    assert_no_secret,
)

DOCUMENTED_RETURN = yaml.safe_load(cf_dns_records.RETURN)
LOAD = ("load_records", ZONE)
# The seed without its SRV record.
RECORDS = tuple(seeded for seeded in SEED if seeded.type != "SRV")
BY_ID = {seeded.id: seeded for seeded in RECORDS}

# Every kind of change in one task: sub turns from an A record into a CNAME (the A record is
# deleted first), a proxied create, an edit in place, and a solo that deletes the other TXT.
CHANGES = [
    {"name": "sub", "type": "A", "state": "absent"},
    {"name": "sub", "type": "CNAME", "content": "app.example.com"},
    {"name": "app", "type": "A", "content": "203.0.113.50", "proxied": True},
    {"name": "@", "type": "MX", "content": "mail.example.com", "priority": 20},
    {"name": "@", "type": "TXT", "content": "v=spf1 mx -all", "solo": True},
]
SUB_CNAME = Record("sub.example.com", "CNAME", "app.example.com", ttl=1, proxied=False)
APP = Record("app.example.com", "A", "203.0.113.50", ttl=1, proxied=True)
CHANGE_OPERATIONS = (
    Operation("delete", BY_ID["9001"], None),
    Operation("create", None, SUB_CNAME),
    Operation("create", None, APP),
    Operation("edit", BY_ID["9003"], dataclasses.replace(BY_ID["9003"], priority=20)),
    Operation("delete", BY_ID["9008"], None),
)

EDIT_THEN_CREATE = [
    {"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
    {"name": "new", "type": "A", "content": "203.0.113.99"},
]
RETRIES_SPENT = TransportError(
    "rec_edit failed after 5 attempts (attempt limit reached); last error: HTTP 503 "
    "Service Unavailable: 503 Service Unavailable",
    status=503,
    action="rec_edit",
    attempts=5,
)


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone(ZONE, records=RECORDS)
    return fake_api


def run(**args):
    result = run_module(
        cf_dns_records, {**CREDENTIALS, "zone": ZONE, "concurrency": 1, **args}
    )
    assert_no_secret(result)
    return result


def outcomes(result):
    return [(change["action"], change["outcome"]) for change in result["plan"]]


def is_edit_of(rec_id):
    return lambda operation: operation.kind == "edit" and operation.before.id == rec_id


def is_delete_of(rec_id):
    return (
        lambda operation: operation.kind == "delete" and operation.before.id == rec_id
    )


def is_create_of(name):
    return lambda operation: operation.kind == "create" and operation.after.name == name


def test_no_change_reads_the_zone_once(fake):
    result = run(
        records=[
            {"name": "@", "type": "A", "content": "203.0.113.10"},
            {"name": "WWW.example.com.", "type": "CNAME", "content": "example.com"},
            {"type": "MX", "content": "mail.example.com"},
        ]
    )
    assert fake.log == [LOAD]
    assert result == {
        "changed": False,
        "zone": ZONE,
        "created": 0,
        "updated": 0,
        "deleted": 0,
        "unchanged": 3,
        "plan": [],
        "api_calls_planned": 1,
    }
    assert result.call_report == {
        "api_calls": 1,
        "rate_limit_waits": {"count": 0, "seconds": 0.0},
    }


def test_every_kind_of_change_is_one_apply_changes_in_write_order(fake):
    result = run(records=CHANGES)
    assert fake.log == [
        LOAD,
        ("apply_changes", ZONE, CHANGE_OPERATIONS, WriteOptions(concurrency=1)),
    ]
    assert fake.attempted == list(CHANGE_OPERATIONS)
    assert (
        result["changed"],
        result["created"],
        result["updated"],
        result["deleted"],
        result["unchanged"],
    ) == (True, 2, 1, 2, 1)
    assert result.call_report["api_calls"] == 6
    assert outcomes(result) == [
        ("delete", "applied"),
        ("create", "applied"),
        ("create", "applied"),
        ("update", "applied"),
        ("delete", "applied"),
    ]
    assert result["plan"][2] == {
        "action": "create",
        "before": None,
        "outcome": "applied",
        "error": None,
        "after": record("100001", "app.example.com", "A", "203.0.113.50", proxied=True),
    }
    assert result["plan"][3]["before"] == record(
        "9003", ZONE, "MX", "mail.example.com", ttl=3600, priority=10
    )
    assert result["plan"][3]["after"] == record(
        "9003", ZONE, "MX", "mail.example.com", ttl=3600, priority=20
    )


def test_the_task_passes_its_concurrency_to_the_backend(fake):
    run(
        records=[{"name": "new", "type": "A", "content": "203.0.113.99"}], concurrency=7
    )
    assert fake.log[1][3] == WriteOptions(concurrency=7)


def test_batch_size_is_refused_on_a_backend_of_one_write_a_call(fake):
    result = run(
        records=[{"name": "new", "type": "A", "content": "203.0.113.99"}], batch_size=50
    )
    assert result["failed"] is True
    assert result["msg"] == (
        "batch_size is an API v4 option: API v1 writes one record a call "
        "(concurrency sets how many at once)"
    )
    assert fake.log == []


def test_the_task_passes_its_batch_size_to_a_batch_backend(fake):
    fake.capabilities = capabilities(batch_limit=200)
    result = run(
        records=[
            {"name": f"n{index}", "type": "TXT", "content": "x"} for index in range(5)
        ],
        batch_size=2,
    )
    assert fake.log[1][3] == WriteOptions(concurrency=1, batch_size=2)
    assert result["api_calls_planned"] == result.call_report["api_calls"] == 1 + 3


def test_a_second_run_changes_nothing(fake):
    run(records=CHANGES)
    again = run(records=CHANGES)
    assert (again["changed"], again["plan"], again["unchanged"]) == (False, [], 4)
    assert fake.methods == ["load_records", "apply_changes", "load_records"]


def test_check_mode_reads_only_and_predicts_the_real_run(fake):
    predicted = run(records=CHANGES, _ansible_check_mode=True, _ansible_diff=True)
    assert fake.log == [LOAD]
    assert {change["outcome"] for change in predicted["plan"]} == {"planned"}

    real = run(records=CHANGES, _ansible_diff=True)
    for change in predicted["plan"]:
        change["outcome"] = "applied"
    for index in (1, 2):
        assert predicted["plan"][index]["after"]["id"] is None
        predicted["plan"][index]["after"]["id"] = real["plan"][index]["after"]["id"]
    assert real == predicted
    assert (predicted.call_report["api_calls"], real.call_report["api_calls"]) == (1, 6)


def test_diff_shows_the_touched_records_only(fake):
    result = run(
        records=[
            {"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
            {"name": "@", "type": "A", "content": "203.0.113.10"},
        ],
        _ansible_check_mode=True,
        _ansible_diff=True,
    )
    assert result["diff"] == [
        {
            "before_header": "sub.example.com",
            "after_header": "sub.example.com",
            "before": "A 203.0.113.20 ttl=1 proxied=false\n",
            "after": "A 203.0.113.20 ttl=300 proxied=false\n",
        },
        {
            "prepared": "example.com: 0 created, 1 updated, 0 deleted; 1 unchanged (not shown)\n"
        },
    ]
    assert fake.writes == []


def test_diff_of_every_kind_of_change_is_one_block_per_name(fake):
    result = run(records=CHANGES, _ansible_check_mode=True, _ansible_diff=True)
    assert result["diff"] == [
        {
            "before_header": ZONE,
            "after_header": ZONE,
            "before": 'MX mail.example.com ttl=3600 priority=10\nTXT "google-site-verification=abc" ttl=1\n'
            'TXT "v=spf1 mx -all" ttl=1\n',
            "after": 'MX mail.example.com ttl=3600 priority=20\nTXT "v=spf1 mx -all" ttl=1\n',
        },
        {
            "before_header": "app.example.com",
            "after_header": "app.example.com",
            "before": "",
            "after": "A 203.0.113.50 ttl=1 proxied=true\n",
        },
        {
            "before_header": "sub.example.com",
            "after_header": "sub.example.com",
            "before": "A 203.0.113.20 ttl=1 proxied=false\n",
            "after": "CNAME app.example.com ttl=1 proxied=false\n",
        },
        {
            "prepared": "example.com: 2 created, 1 updated, 2 deleted; 1 unchanged (not shown)\n"
        },
    ]


def test_prune_deletes_what_the_list_does_not_name(fake):
    result = run(
        prune=True,
        records=[
            {"name": "@", "type": "A", "content": "203.0.113.10"},
            {"name": "www", "type": "CNAME", "content": "example.com"},
        ],
    )
    assert fake.attempted == [
        Operation("delete", BY_ID[rec_id], None)
        for rec_id in ("9001", "9003", "9005", "9008")
    ]
    assert (result["deleted"], result["unchanged"]) == (4, 2)
    assert [found.id for found in fake.records(ZONE)] == ["9000", "9002"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_more_deletes_than_max_deletes_is_refused_before_any_write(fake, check_mode):
    result = run(
        prune=True,
        max_deletes=3,
        records=[{"name": "@", "type": "A", "content": "203.0.113.10"}],
        _ansible_check_mode=check_mode,
    )
    assert fake.log == [LOAD]
    assert result["failed"] is True
    assert result["changed"] is False
    assert result["msg"].startswith(
        "the plan deletes 5 records, more than max_deletes (3) allows, so nothing was changed"
    )
    assert [change["before"]["id"] for change in result["plan"]] == [
        "9001",
        "9002",
        "9003",
        "9005",
        "9008",
    ]
    assert {change["outcome"] for change in result["plan"]} == {"not_attempted"}
    assert (result["deleted"], result.call_report["api_calls"]) == (0, 1)


def test_max_deletes_counts_solo_and_absent_deletes_too(fake):
    result = run(
        max_deletes=0,
        records=[{"type": "TXT", "content": "v=spf1 mx -all", "solo": True}],
    )
    assert result["failed"] is True
    assert "the plan deletes 1 record, more than max_deletes (0)" in result["msg"]
    assert fake.writes == []


def test_max_deletes_may_be_met_exactly(fake):
    result = run(
        max_deletes=1,
        records=[{"type": "TXT", "content": "v=spf1 mx -all", "solo": True}],
    )
    assert result["deleted"] == 1
    assert fake.attempted == [Operation("delete", BY_ID["9008"], None)]


def test_a_failed_write_fails_the_task_and_lists_every_outcome(fake):
    fake.fail(
        "write",
        InputError(
            "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)"
        ),
        when=is_create_of("app.example.com"),
    )
    result = run(records=CHANGES)
    assert fake.attempted == list(CHANGE_OPERATIONS[:4])
    assert fake.methods == ["load_records", "apply_changes"]
    assert result["failed"] is True
    assert result["changed"] is True
    assert outcomes(result) == [
        ("delete", "applied"),
        ("create", "applied"),
        ("create", "failed"),
        ("update", "applied"),
        ("delete", "not_attempted"),
    ]
    assert (
        result["plan"][2]["error"]
        == "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)"
    )
    assert result["plan"][4]["before"]["id"] == "9008"
    assert (
        result["plan"][4]["error"]
        == "not attempted: it waits for create app.example.com A 203.0.113.50, which "
        "was not applied"
    )
    assert (result["created"], result["updated"], result["deleted"]) == (1, 1, 1)
    assert result["msg"] == (
        "1 of 5 changes failed, 1 not attempted, 3 applied; the plan lists each with its outcome and last error, and "
        "running the task again does not cure an error about a record: fix what it names first. Errors: create "
        "app.example.com A 203.0.113.50: rec_new failed: Invalid input for name: reserved by the provider "
        "(E_INVLDINPUT); delete example.com TXT google-site-verification=abc: not attempted: it waits for create "
        "app.example.com A 203.0.113.50, which was not applied"
    )


def test_a_failed_clearing_delete_stops_before_the_cname_is_created(fake):
    fake.fail(
        "write",
        InputError("rec_delete failed: Invalid input for id (E_INVLDINPUT)"),
        when=is_delete_of("9001"),
    )
    result = run(records=CHANGES[:2])
    assert fake.attempted == [CHANGE_OPERATIONS[0]]
    assert outcomes(result) == [("delete", "failed"), ("create", "not_attempted")]
    assert result["changed"] is False
    assert fake.records(ZONE) == list(RECORDS)


def test_an_authentication_error_starts_no_further_write(fake):
    fake.fail(
        "write",
        AuthError("rec_new failed: Unknown token or email (E_UNAUTH)"),
        when=is_create_of("b.example.com"),
    )
    result = run(
        records=[
            {"name": name, "type": "A", "content": f"203.0.113.{index}"}
            for index, name in enumerate(["a", "b", "c", "d"], start=1)
        ]
    )
    assert [operation.after.name for operation in fake.attempted] == [
        "a.example.com",
        "b.example.com",
    ]
    assert outcomes(result) == [
        ("create", "applied"),
        ("create", "failed"),
        ("create", "not_attempted"),
        ("create", "not_attempted"),
    ]
    assert fake.methods == ["load_records", "apply_changes"]


def test_errors_a_new_round_may_cure_read_the_zone_again_and_complete(fake):
    fake.fail("write", RETRIES_SPENT, when=is_edit_of("9001"))
    result = run(records=EDIT_THEN_CREATE)
    # round 1: the edit fails and stops the create; round 2 reads again and writes both
    assert fake.methods == [
        "load_records",
        "apply_changes",
        "load_records",
        "apply_changes",
    ]
    assert [operation.kind for operation in fake.attempted] == [
        "edit",
        "edit",
        "create",
    ]
    assert "failed" not in result
    assert outcomes(result) == [("update", "applied"), ("create", "applied")]
    assert result["plan"][1]["after"]["id"] == "100000"
    assert (result["created"], result["updated"], result["deleted"]) == (1, 1, 0)
    assert result.call_report["api_calls"] == 5


def test_a_write_that_fails_in_every_round_fails_the_task(fake):
    fake.fail("write", RETRIES_SPENT, when=is_edit_of("9001"), times=None)
    result = run(records=EDIT_THEN_CREATE)
    assert fake.methods == ["load_records", "apply_changes"] * 3
    assert result["failed"] is True
    assert result["changed"] is False
    assert outcomes(result) == [("update", "failed"), ("create", "not_attempted")]
    assert result["plan"][0]["error"].startswith(
        "rec_edit failed after 5 attempts (attempt limit reached)"
    )
    assert result["msg"].startswith(
        "1 of 2 changes failed, 1 not attempted, 0 applied; "
    )
    assert result.call_report["api_calls"] == 6


def test_a_write_that_keeps_failing_lists_applied_failed_and_not_attempted(fake):
    records = [
        {"name": "new", "type": "A", "content": "203.0.113.99"},
        {"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
        {"name": "@", "type": "TXT", "content": "v=spf1 mx -all", "solo": True},
    ]
    fake.fail("write", RETRIES_SPENT, when=is_edit_of("9001"), times=None)
    result = run(records=records)
    # the create is applied in round 1; rounds 2 and 3 plan only the edit and the delete after it
    assert [operation.kind for operation in fake.attempted] == [
        "create",
        "edit",
        "edit",
        "edit",
    ]
    assert result["failed"] is True
    assert result["changed"] is True
    assert outcomes(result) == [
        ("create", "applied"),
        ("update", "failed"),
        ("delete", "not_attempted"),
    ]
    assert result["plan"][2]["before"]["id"] == "9008"
    assert (result["created"], result["updated"], result["deleted"]) == (1, 0, 0)
    assert result["msg"].startswith(
        "1 of 3 changes failed, 1 not attempted, 1 applied; the plan lists each with its outcome and last error, and "
        "running the task again reads the zone afresh and completes it. Errors: update sub.example.com A "
        "203.0.113.20: rec_edit failed after 5 attempts"
    )
    assert result["plan"][2]["error"].startswith(
        "not attempted: update sub.example.com A 203.0.113.20 failed first: "
        "rec_edit failed after 5 attempts"
    )


def test_an_error_about_one_record_starts_no_new_round(fake):
    fake.fail(
        "write",
        InputError("rec_edit failed: Invalid input for ttl (E_INVLDINPUT)"),
        when=is_edit_of("9001"),
    )
    result = run(records=EDIT_THEN_CREATE)
    assert fake.methods == ["load_records", "apply_changes"]
    assert outcomes(result) == [("update", "failed"), ("create", "applied")]
    assert (
        result["plan"][0]["error"]
        == "rec_edit failed: Invalid input for ttl (E_INVLDINPUT)"
    )


def test_a_create_whose_answer_was_lost_is_found_by_the_new_round_and_not_sent_twice(
    fake,
):
    fake.fail(
        "write",
        OutcomeUnknownError("rec_new: the connection dropped before the answer"),
        applied=True,
        when=is_create_of("app.example.com"),
    )
    result = run(records=[{"name": "app", "type": "A", "content": "203.0.113.50"}])
    assert fake.methods == ["load_records", "apply_changes", "load_records"]
    assert len(fake.attempted) == 1
    assert "failed" not in result
    assert result["plan"][0]["after"]["id"] == "100000"
    assert result["plan"][0]["outcome"] == "applied"
    assert result["created"] == 1
    assert [found.name for found in fake.records(ZONE)].count("app.example.com") == 1


def test_validation_reports_every_problem_and_makes_no_call(fake):
    result = run(
        concurrency=0,
        max_deletes=-1,
        records=[
            {"name": "ok", "type": "A", "content": "203.0.113.1"},
            {"name": "ok", "type": "A", "content": "203.0.113.1"},
            {"name": "bad", "type": "AAAA", "content": "203.0.113.1", "proxied": True},
        ],
    )
    assert fake.log == []
    assert result["failed"] is True
    assert result["problems"] == [
        "concurrency 0 is outside 1-10",
        "max_deletes -1 is negative; use 0 to allow no delete",
        "records[2]: AAAA content '203.0.113.1' is not an IPv6 address (record bad.example.com)",
        "records[1]: describes the same record as records[0] (ok.example.com A 203.0.113.1); give each record once",
    ]


def test_entries_are_checked_against_the_backends_limits(fake):
    fake.capabilities = capabilities(
        ttl_min=60, record_types=("A", "AAAA", "CNAME", "TXT")
    )
    result = run(
        records=[
            {"name": "a", "type": "A", "content": "203.0.113.1", "ttl": 30},
            {"name": "s", "type": "SPF", "content": "v=spf1 -all"},
        ]
    )
    assert result["problems"] == [
        "records[0]: ttl 30 is outside the allowed values: 1 (automatic) or 60-86400",
        "records[1]: type 'SPF' is not one of A, AAAA, CNAME, TXT",
    ]
    assert fake.log == []


def test_bad_zone_makes_no_call(fake):
    result = run(zone="not a zone", records=[])
    assert fake.log == []
    assert result["problems"] == ["zone 'not a zone' is not a valid DNS name"]


def test_zone_problems_stop_before_any_write(fake):
    result = run(
        records=[
            {"name": "@", "type": "CNAME", "content": "elsewhere.example.net"},
            {"name": "new", "type": "A", "content": "203.0.113.1"},
        ]
    )
    assert fake.log == [LOAD]
    assert result["problems"] == [
        "records[0]: a CNAME at example.com cannot exist beside the other records of that name (A, MX, TXT)"
    ]


def test_unknown_zone(fake):
    result = run(
        zone="Example.NET.",
        records=[{"name": "x", "type": "A", "content": "203.0.113.1"}],
    )
    assert fake.log == [("load_records", "example.net")]
    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }


def test_the_details_of_an_unknown_zone_error_reach_the_result(fake):
    fake.fail(
        "load_records",
        ZoneNotFoundError.in_account("example.net", action="rec_load_all", attempts=1),
    )
    result = run(zone="example.net", records=[{"type": "A", "content": "203.0.113.1"}])
    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
        "api_action": "rec_load_all",
        "attempts": 1,
    }


def test_a_large_zone_is_planned_against_every_record(fake_api):
    fake_api.add_zone(
        ZONE,
        records=[
            Record(f"h{index}.example.com", "A", "198.51.100.1", ttl=1, proxied=False)
            for index in range(180)
        ]
        + [Record("last.example.com", "A", "198.51.100.2", ttl=1, proxied=False)],
    )
    result = run(
        records=[
            {"name": "last", "type": "A", "content": "198.51.100.2"},
            {"name": "h7", "type": "A", "content": "198.51.100.1"},
        ]
    )
    assert fake_api.log == [LOAD]
    assert (result["changed"], result["unchanged"]) == (False, 2)


def test_the_result_has_the_documented_keys(fake):
    result = run(records=CHANGES, _ansible_diff=True)
    assert set(result) | set(result.call_report) == set(DOCUMENTED_RETURN) | {"changed"}
    documented_change = DOCUMENTED_RETURN["plan"]["contains"]
    for change in result["plan"]:
        assert set(change) == set(documented_change)
        assert change["action"] in documented_change["action"]["choices"]
        assert change["outcome"] in documented_change["outcome"]["choices"]


def test_a_max_deletes_refusal_names_the_first_twenty_records_and_counts_the_rest(
    fake_api,
):
    fake_api.add_zone(
        ZONE,
        records=[
            Record(
                f"h{index:02d}.example.com", "A", "198.51.100.1", ttl=1, proxied=False
            )
            for index in range(25)
        ],
    )
    result = run(prune=True, records=[])
    named = ", ".join(f"h{index:02d}.example.com A 198.51.100.1" for index in range(20))
    assert result["msg"] == (
        f"the plan deletes 25 records, more than max_deletes (10) allows, so nothing was changed: {named} and 5 "
        "more. Check the records list (with prune, a record missing from it is deleted), or set max_deletes to 25 "
        "or more if these deletes are wanted"
    )
    assert fake_api.log == [LOAD]


def test_record_types_are_taken_in_any_case(fake):
    result = run(
        records=[
            {"name": "@", "type": "a", "content": "203.0.113.10"},
            {"name": "www", "type": "Cname", "content": "example.com"},
        ]
    )
    assert (result["changed"], result["unchanged"]) == (False, 2)


def test_a_cname_to_an_ip_address_gives_a_warning(fake):
    result = run(records=[{"name": "odd", "type": "CNAME", "content": "192.0.2.1"}])
    assert result["created"] == 1
    assert result["warnings"] == [
        "records[0]: the CNAME odd.example.com points at 192.0.2.1, which is an IP address, not a host name: "
        "resolvers look it up as a name and find nothing; use an A or AAAA record for an address"
    ]


def test_a_long_value_is_shortened_in_the_failure_message(fake):
    long_text = "z" * 1500
    fake.fail(
        "write",
        InputError(
            f"rec_new failed: Invalid input for content: {long_text} is refused (E_INVLDINPUT)"
        ),
    )
    result = run(records=[{"name": "t", "type": "TXT", "content": long_text}])
    assert result["failed"] is True
    assert long_text not in result["msg"]
    assert (
        f"create t.example.com TXT {'z' * 60!r}... (1500 characters): rec_new failed: Invalid input"
        in result["msg"]
    )
    assert len(result["msg"]) < 700


def test_a_change_not_attempted_first_reports_the_error_of_the_last_round_that_tried_it(
    fake,
):
    # Round 1: the edit fails, so the delete after it is not attempted. Rounds 2 and 3 apply the
    # edit and then fail the delete: its outcome is the last round's, with that round's error.
    records = [
        EDIT_THEN_CREATE[0],
        {
            "name": "@",
            "type": "TXT",
            "content": "google-site-verification=abc",
            "state": "absent",
        },
    ]
    fake.fail("write", RETRIES_SPENT, when=is_edit_of("9001"))
    fake.fail(
        "write",
        TransportError(
            "rec_delete failed after 5 attempts (attempt limit reached); last error: HTTP "
            "503 Service Unavailable: 503 Service Unavailable",
            status=503,
        ),
        when=is_delete_of("9008"),
        times=None,
    )
    result = run(records=records)
    assert [operation.kind for operation in fake.attempted] == [
        "edit",
        "edit",
        "delete",
        "delete",
    ]
    assert fake.methods == ["load_records", "apply_changes"] * 3
    assert outcomes(result) == [("update", "applied"), ("delete", "failed")]
    assert result["msg"].startswith(
        "1 of 2 changes failed, 0 not attempted, 1 applied; "
    )
    assert result["msg"].endswith(
        "Errors: delete example.com TXT google-site-verification=abc: rec_delete failed "
        "after 5 attempts (attempt limit reached); last error: HTTP 503 Service "
        "Unavailable: 503 Service Unavailable"
    )


# --- a backend that writes in batches: the plan follows its write order --------------------------------


def test_the_plan_lists_the_changes_in_the_backends_write_order(fake):
    fake.capabilities = capabilities(batch_limit=200)
    result = run(records=CHANGES)
    assert [change["action"] for change in result["plan"]] == [
        "delete",
        "delete",
        "update",
        "create",
        "create",
    ]
    assert fake.log[1][0] == "apply_changes"
    assert result.call_report["api_calls"] == 2
    assert (result["created"], result["updated"], result["deleted"]) == (2, 1, 2)


def test_a_refused_batch_applies_nothing_and_the_task_fails(fake):
    fake.capabilities = capabilities(batch_limit=200)
    fake.fail(
        "write",
        InputError("fake: the API refused the content"),
        when=is_create_of("app.example.com"),
    )
    result = run(records=CHANGES)
    assert result["failed"] is True
    assert result["changed"] is False
    assert {change["outcome"] for change in result["plan"]} == {"failed"}
    assert fake.records(ZONE) == list(RECORDS)
