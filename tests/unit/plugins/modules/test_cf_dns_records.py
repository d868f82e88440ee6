# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_records through main(), with the exact v1 calls pinned (concurrency 1 keeps their order fixed)."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_records
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    page,
    rec_answer,
    v1_record,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    Reply,
    assert_no_secret,
    connection_dropped,
    error,
    form,
    success,
)

ZONE = "example.com"
DOCUMENTED_RETURN = yaml.safe_load(cf_dns_records.RETURN)
READ = form("rec_load_all", z=ZONE, o=0)

SEED = page(
    v1_record(9000, ZONE, "A", "203.0.113.10", service_mode=1),
    v1_record(9001, "sub.example.com", "A", "203.0.113.20"),
    v1_record(9002, "www.example.com", "CNAME", "example.com", service_mode=1),
    v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=10),
    v1_record(9005, ZONE, "TXT", "v=spf1 mx -all"),
    v1_record(9008, ZONE, "TXT", "google-site-verification=abc"),
)

# Every kind of change in one task: sub turns from an A record into a CNAME (the A record is
# deleted first), a proxied create, an edit in place, and a solo that deletes the other TXT.
CHANGES = [
    {"name": "sub", "type": "A", "state": "absent"},
    {"name": "sub", "type": "CNAME", "content": "app.example.com"},
    {"name": "app", "type": "A", "content": "203.0.113.50", "proxied": True},
    {"name": "@", "type": "MX", "content": "mail.example.com", "priority": 20},
    {"name": "@", "type": "TXT", "content": "v=spf1 mx -all", "solo": True},
]
CHANGE_FORMS = [
    form("rec_delete", z=ZONE, id=9001),
    form("rec_new", z=ZONE, type="CNAME", ttl=1, name="sub", content="app.example.com"),
    form("rec_new", z=ZONE, type="A", ttl=1, name="app", content="203.0.113.50"),
    form("rec_edit", id=100001, z=ZONE, type="A", ttl=1, name="app", content="203.0.113.50", service_mode=1),
    form("rec_edit", id=9003, z=ZONE, type="MX", ttl=3600, prio=20, name=ZONE, content="mail.example.com"),
    form("rec_delete", z=ZONE, id=9008),
]
CHANGE_ANSWERS = [
    success("rec_delete"),
    rec_answer(v1_record(100000, "sub.example.com", "CNAME", "app.example.com")),
    rec_answer(v1_record(100001, "app.example.com", "A", "203.0.113.50")),
    rec_answer(v1_record(100001, "app.example.com", "A", "203.0.113.50", service_mode=1)),
    rec_answer(v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=20)),
    success("rec_delete"),
]


def run(**args):
    base = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL, "zone": ZONE, "concurrency": 1}
    base.update(args)
    result = run_module(cf_dns_records, base)
    assert_no_secret(result)
    return result


def record(rec_id, name, rtype, content, ttl=1, proxied=False, priority=None):
    return {"id": rec_id, "name": name, "type": rtype, "content": content, "ttl": ttl, "proxied": proxied,
            "priority": priority}


def outcomes(result):
    return [(change["action"], change["outcome"]) for change in result["plan"]]


def test_no_change_reads_the_zone_once(fake_v1):
    fake_v1.add(SEED)
    result = run(records=[{"name": "@", "type": "A", "content": "203.0.113.10"},
                          {"name": "WWW.example.com.", "type": "CNAME", "content": "example.com"},
                          {"type": "MX", "content": "mail.example.com"}])
    assert fake_v1.forms == [READ]
    assert result == {"changed": False, "zone": ZONE, "created": 0, "updated": 0, "deleted": 0, "unchanged": 3,
                      "plan": []}
    assert result.call_report == {"api_calls": 1, "rate_limit_waits": {"count": 0, "seconds": 0.0}}


def test_every_kind_of_change_makes_exactly_its_writes_in_order(fake_v1):
    fake_v1.add(SEED, *CHANGE_ANSWERS)
    result = run(records=CHANGES)
    assert fake_v1.forms == [READ] + CHANGE_FORMS
    assert (result["changed"], result["created"], result["updated"], result["deleted"], result["unchanged"]) == \
        (True, 2, 1, 2, 1)
    assert result.call_report["api_calls"] == 7
    assert outcomes(result) == [("delete", "applied"), ("create", "applied"), ("create", "applied"),
                                ("update", "applied"), ("delete", "applied")]
    assert result["plan"][2] == {
        "action": "create", "before": None, "outcome": "applied", "error": None,
        "after": record("100001", "app.example.com", "A", "203.0.113.50", proxied=True)}
    assert result["plan"][3]["before"] == record("9003", ZONE, "MX", "mail.example.com", ttl=3600, priority=10)
    assert result["plan"][3]["after"] == record("9003", ZONE, "MX", "mail.example.com", ttl=3600, priority=20)


def test_check_mode_reads_only_and_predicts_the_real_run(fake_v1):
    fake_v1.add(SEED)
    predicted = run(records=CHANGES, _ansible_check_mode=True, _ansible_diff=True)
    assert fake_v1.forms == [READ]
    assert {change["outcome"] for change in predicted["plan"]} == {"planned"}

    fake_v1.add(SEED, *CHANGE_ANSWERS)
    real = run(records=CHANGES, _ansible_diff=True)
    for change in predicted["plan"]:
        change["outcome"] = "applied"
    for index in (1, 2):
        assert predicted["plan"][index]["after"]["id"] is None
        predicted["plan"][index]["after"]["id"] = real["plan"][index]["after"]["id"]
    assert real == predicted
    assert (predicted.call_report["api_calls"], real.call_report["api_calls"]) == (1, 7)


def test_diff_shows_the_touched_records_only(fake_v1):
    fake_v1.add(SEED)
    result = run(records=[{"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
                          {"name": "@", "type": "A", "content": "203.0.113.10"}],
                 _ansible_check_mode=True, _ansible_diff=True)
    assert result["diff"] == [
        {"before_header": "sub.example.com", "after_header": "sub.example.com",
         "before": "A 203.0.113.20 ttl=1 proxied=false\n", "after": "A 203.0.113.20 ttl=300 proxied=false\n"},
        {"prepared": "example.com: 0 created, 1 updated, 0 deleted; 1 unchanged (not shown)\n"},
    ]


def test_diff_of_every_kind_of_change_is_one_block_per_name(fake_v1):
    fake_v1.add(SEED)
    result = run(records=CHANGES, _ansible_check_mode=True, _ansible_diff=True)
    assert result["diff"] == [
        {"before_header": ZONE, "after_header": ZONE,
         "before": 'MX mail.example.com ttl=3600 priority=10\nTXT "google-site-verification=abc" ttl=1\n'
                   'TXT "v=spf1 mx -all" ttl=1\n',
         "after": 'MX mail.example.com ttl=3600 priority=20\nTXT "v=spf1 mx -all" ttl=1\n'},
        {"before_header": "app.example.com", "after_header": "app.example.com",
         "before": "", "after": "A 203.0.113.50 ttl=1 proxied=true\n"},
        {"before_header": "sub.example.com", "after_header": "sub.example.com",
         "before": "A 203.0.113.20 ttl=1 proxied=false\n", "after": "CNAME app.example.com ttl=1 proxied=false\n"},
        {"prepared": "example.com: 2 created, 1 updated, 2 deleted; 1 unchanged (not shown)\n"},
    ]


def test_prune_deletes_what_the_list_does_not_name(fake_v1):
    fake_v1.add(SEED, *[success("rec_delete")] * 4)
    result = run(prune=True, records=[{"name": "@", "type": "A", "content": "203.0.113.10"},
                                      {"name": "www", "type": "CNAME", "content": "example.com"}])
    assert fake_v1.forms == [READ] + [form("rec_delete", z=ZONE, id=record_id) for record_id in (9001, 9003, 9005, 9008)]
    assert (result["deleted"], result["unchanged"]) == (4, 2)


@pytest.mark.parametrize("check_mode", [False, True])
def test_more_deletes_than_max_deletes_is_refused_before_any_write(fake_v1, check_mode):
    fake_v1.add(SEED)
    result = run(prune=True, max_deletes=3, records=[{"name": "@", "type": "A", "content": "203.0.113.10"}],
                 _ansible_check_mode=check_mode)
    assert fake_v1.forms == [READ]
    assert result["failed"] is True
    assert result["changed"] is False
    assert result["msg"].startswith("the plan deletes 5 records, more than max_deletes (3) allows, so nothing was changed")
    assert [change["before"]["id"] for change in result["plan"]] == ["9001", "9002", "9003", "9005", "9008"]
    assert {change["outcome"] for change in result["plan"]} == {"not_attempted"}
    assert (result["deleted"], result.call_report["api_calls"]) == (0, 1)


def test_max_deletes_counts_solo_and_absent_deletes_too(fake_v1):
    fake_v1.add(SEED)
    result = run(max_deletes=0, records=[{"type": "TXT", "content": "v=spf1 mx -all", "solo": True}])
    assert result["failed"] is True
    assert "the plan deletes 1 record, more than max_deletes (0)" in result["msg"]


def test_max_deletes_may_be_met_exactly(fake_v1):
    fake_v1.add(SEED, success("rec_delete"))
    result = run(max_deletes=1, records=[{"type": "TXT", "content": "v=spf1 mx -all", "solo": True}])
    assert result["deleted"] == 1


def test_a_failed_write_fails_the_task_and_lists_every_outcome(fake_v1):
    fake_v1.add(SEED,
                success("rec_delete"),
                rec_answer(v1_record(100000, "sub.example.com", "CNAME", "app.example.com")),
                error("Invalid input for name: reserved by the provider", "E_INVLDINPUT", action="rec_new"),
                rec_answer(v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=20)))
    result = run(records=CHANGES)
    assert fake_v1.actions == ["rec_load_all", "rec_delete", "rec_new", "rec_new", "rec_edit"]
    assert result["failed"] is True
    assert result["changed"] is True
    assert outcomes(result) == [("delete", "applied"), ("create", "applied"), ("create", "failed"),
                                ("update", "applied"), ("delete", "not_attempted")]
    assert result["plan"][2]["error"] == \
        "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)"
    assert result["plan"][4]["before"]["id"] == "9008"
    assert result["plan"][4]["error"] == "not attempted: it waits for create app.example.com A 203.0.113.50, which " \
        "was not applied"
    assert (result["created"], result["updated"], result["deleted"]) == (1, 1, 1)
    assert result["msg"] == (
        "1 of 5 changes failed, 1 not attempted, 3 applied; the plan lists each with its outcome and last error, and "
        "running the task again does not cure an error about a record: fix what it names first. Errors: create "
        "app.example.com A 203.0.113.50: rec_new failed: Invalid input for name: reserved by the provider "
        "(E_INVLDINPUT); delete example.com TXT google-site-verification=abc: not attempted: it waits for create "
        "app.example.com A 203.0.113.50, which was not applied")


def test_a_failed_clearing_delete_stops_before_the_cname_is_created(fake_v1):
    fake_v1.add(SEED, error("Invalid input for id", "E_INVLDINPUT", action="rec_delete"))
    result = run(records=CHANGES[:2])
    assert fake_v1.actions == ["rec_load_all", "rec_delete"]
    assert outcomes(result) == [("delete", "failed"), ("create", "not_attempted")]
    assert result["changed"] is False


def test_an_authentication_error_starts_no_further_write(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(100000, "a.example.com", "A", "203.0.113.1")),
                error("Unknown token or email", "E_UNAUTH", action="rec_new"))
    result = run(records=[{"name": name, "type": "A", "content": f"203.0.113.{index}"}
                          for index, name in enumerate(["a", "b", "c", "d"], start=1)])
    assert fake_v1.actions == ["rec_load_all", "rec_new", "rec_new"]
    assert outcomes(result) == [("create", "applied"), ("create", "failed"), ("create", "not_attempted"),
                                ("create", "not_attempted")]


FIVE_503 = [Reply(503, "<title>503 Service Unavailable</title>")] * 5
EDIT_THEN_CREATE = [{"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
                    {"name": "new", "type": "A", "content": "203.0.113.99"}]
EDITED_SUB = v1_record(9001, "sub.example.com", "A", "203.0.113.20", ttl=300)
CREATED_NEW = v1_record(100000, "new.example.com", "A", "203.0.113.99")


def test_transport_errors_after_retries_start_no_further_write_and_a_new_round_completes(fake_v1, clock):
    fake_v1.add(SEED, *FIVE_503, SEED, rec_answer(EDITED_SUB), rec_answer(CREATED_NEW))
    result = run(records=EDIT_THEN_CREATE)
    # round 1: the edit fails after 5 attempts and the create is not started; round 2 reads and writes both
    assert fake_v1.actions == ["rec_load_all"] + ["rec_edit"] * 5 + ["rec_load_all", "rec_edit", "rec_new"]
    assert fake_v1.forms[7] == form("rec_edit", id=9001, z=ZONE, type="A", ttl=300, name="sub",
                                    content="203.0.113.20", service_mode=0)
    assert "failed" not in result
    assert outcomes(result) == [("update", "applied"), ("create", "applied")]
    assert result["plan"][1]["after"]["id"] == "100000"
    assert (result["created"], result["updated"], result["deleted"]) == (1, 1, 0)
    assert result.call_report["api_calls"] == 9
    assert len(clock.sleeps) == 4


def test_a_write_that_fails_in_every_round_fails_the_task(fake_v1, clock):
    fake_v1.add(SEED, *FIVE_503, SEED, *FIVE_503, SEED, *FIVE_503)
    result = run(records=EDIT_THEN_CREATE)
    assert fake_v1.actions == (["rec_load_all"] + ["rec_edit"] * 5) * 3
    assert result["failed"] is True
    assert result["changed"] is False
    assert outcomes(result) == [("update", "failed"), ("create", "not_attempted")]
    assert result["plan"][0]["error"].startswith("rec_edit failed after 5 attempts (attempt limit reached)")
    assert result["msg"].startswith("1 of 2 changes failed, 1 not attempted, 0 applied; ")
    assert result.call_report["api_calls"] == 18
    assert len(clock.sleeps) == 12


def test_a_write_that_keeps_failing_lists_applied_failed_and_not_attempted(fake_v1, clock):
    records = [{"name": "new", "type": "A", "content": "203.0.113.99"},
               {"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
               {"name": "@", "type": "TXT", "content": "v=spf1 mx -all", "solo": True}]
    with_new = page(*SEED["response"]["recs"]["objs"], CREATED_NEW)
    fake_v1.add(SEED, rec_answer(CREATED_NEW), *FIVE_503, with_new, *FIVE_503, with_new, *FIVE_503)
    result = run(records=records)
    # the create is applied in round 1; rounds 2 and 3 plan only the edit and the delete after it
    assert fake_v1.actions == (["rec_load_all", "rec_new"] + ["rec_edit"] * 5
                               + (["rec_load_all"] + ["rec_edit"] * 5) * 2)
    assert result["failed"] is True
    assert result["changed"] is True
    assert outcomes(result) == [("create", "applied"), ("update", "failed"), ("delete", "not_attempted")]
    assert result["plan"][2]["before"]["id"] == "9008"
    assert (result["created"], result["updated"], result["deleted"]) == (1, 0, 0)
    assert result["msg"].startswith(
        "1 of 3 changes failed, 1 not attempted, 1 applied; the plan lists each with its outcome and last error, and "
        "running the task again reads the zone afresh and completes it. Errors: update sub.example.com A "
        "203.0.113.20: rec_edit failed after 5 attempts")
    assert result["plan"][2]["error"].startswith("not attempted: update sub.example.com A 203.0.113.20 failed first: "
                                                 "rec_edit failed after 5 attempts")
    assert result.call_report["api_calls"] == 19


def test_an_error_about_one_record_starts_no_new_round(fake_v1):
    fake_v1.add(SEED, *FIVE_503[:1], error("Invalid input for ttl", "E_INVLDINPUT", action="rec_edit"),
                rec_answer(CREATED_NEW))
    result = run(records=EDIT_THEN_CREATE)
    assert fake_v1.actions == ["rec_load_all", "rec_edit", "rec_edit", "rec_new"]
    assert outcomes(result) == [("update", "failed"), ("create", "applied")]
    assert result["plan"][0]["error"] == "rec_edit failed: Invalid input for ttl (E_INVLDINPUT)"


def test_a_lost_rec_new_answer_adopts_the_record_instead_of_creating_it_twice(fake_v1):
    created = v1_record(100000, "app.example.com", "A", "203.0.113.50")
    fake_v1.add(SEED, connection_dropped(), page(*SEED["response"]["recs"]["objs"], created))
    result = run(records=[{"name": "app", "type": "A", "content": "203.0.113.50"}])
    assert fake_v1.actions == ["rec_load_all", "rec_new", "rec_load_all"]
    assert result["plan"][0]["after"]["id"] == "100000"
    assert result["created"] == 1


def test_validation_reports_every_problem_and_makes_no_call(fake_v1):
    result = run(concurrency=0, max_deletes=-1,
                 records=[{"name": "ok", "type": "A", "content": "203.0.113.1"},
                          {"name": "ok", "type": "A", "content": "203.0.113.1"},
                          {"name": "bad", "type": "AAAA", "content": "203.0.113.1", "proxied": True}])
    assert fake_v1.requests == []
    assert result["failed"] is True
    assert result["problems"] == [
        "concurrency 0 is outside 1-10",
        "max_deletes -1 is negative; use 0 to allow no delete",
        "records[2]: AAAA content '203.0.113.1' is not an IPv6 address (record bad.example.com)",
        "records[1]: describes the same record as records[0] (ok.example.com A 203.0.113.1); give each record once",
    ]


def test_bad_zone_makes_no_call(fake_v1):
    result = run(zone="not a zone", records=[])
    assert fake_v1.requests == []
    assert result["problems"] == ["zone 'not a zone' is not a valid DNS name"]


def test_zone_problems_stop_before_any_write(fake_v1):
    fake_v1.add(SEED)
    result = run(records=[{"name": "@", "type": "CNAME", "content": "elsewhere.example.net"},
                          {"name": "new", "type": "A", "content": "203.0.113.1"}])
    assert fake_v1.forms == [READ]
    assert result["problems"] == [
        "records[0]: a CNAME at example.com cannot exist beside the other records of that name (A, MX, TXT)"]


def test_unknown_zone(fake_v1):
    fake_v1.add(error("Invalid zone", action="rec_load_all"))
    result = run(zone="Example.NET.", records=[{"name": "x", "type": "A", "content": "203.0.113.1"}])
    assert fake_v1.forms == [form("rec_load_all", z="example.net", o=0)]
    assert result["failed"] is True
    assert result["zone"] == "example.net"


def test_zone_of_several_pages_is_read_in_full_before_planning(fake_v1):
    first = page(*[v1_record(index, f"h{index}.example.com", "A", "198.51.100.1") for index in range(180)],
                 has_more=True)
    fake_v1.add(first, page(v1_record(500, "last.example.com", "A", "198.51.100.2")))
    result = run(records=[{"name": "last", "type": "A", "content": "198.51.100.2"},
                          {"name": "h7", "type": "A", "content": "198.51.100.1"}])
    assert fake_v1.forms == [READ, form("rec_load_all", z=ZONE, o=180)]
    assert (result["changed"], result["unchanged"]) == (False, 2)


def test_the_result_has_the_documented_keys(fake_v1):
    fake_v1.add(SEED, *CHANGE_ANSWERS)
    result = run(records=CHANGES, _ansible_diff=True)
    assert set(result) | set(result.call_report) == set(DOCUMENTED_RETURN) | {"changed"}
    documented_change = DOCUMENTED_RETURN["plan"]["contains"]
    for change in result["plan"]:
        assert set(change) == set(documented_change)
        assert change["action"] in documented_change["action"]["choices"]
        assert change["outcome"] in documented_change["outcome"]["choices"]


def test_a_max_deletes_refusal_names_the_first_twenty_records_and_counts_the_rest(fake_v1):
    many = page(*[v1_record(index, f"h{index:02d}.example.com", "A", "198.51.100.1") for index in range(25)])
    fake_v1.add(many)
    result = run(prune=True, records=[])
    named = ", ".join(f"h{index:02d}.example.com A 198.51.100.1" for index in range(20))
    assert result["msg"] == (
        f"the plan deletes 25 records, more than max_deletes (10) allows, so nothing was changed: {named} and 5 "
        "more. Check the records list (with prune, a record missing from it is deleted), or set max_deletes to 25 "
        "or more if these deletes are wanted")
    assert fake_v1.forms == [READ]


def test_an_unknown_zone_gets_the_message_every_module_gives(fake_v1):
    fake_v1.add(error("Invalid zone", action="rec_load_all"))
    result = run(zone="example.net", records=[{"type": "A", "content": "203.0.113.1"}])
    assert result == {"failed": True, "msg": "Zone example.net was not found in the account", "zone": "example.net",
                      "api_action": "rec_load_all", "attempts": 1}


def test_record_types_are_taken_in_any_case(fake_v1):
    fake_v1.add(SEED)
    result = run(records=[{"name": "@", "type": "a", "content": "203.0.113.10"},
                          {"name": "www", "type": "Cname", "content": "example.com"}])
    assert (result["changed"], result["unchanged"]) == (False, 2)


def test_a_cname_to_an_ip_address_gives_a_warning(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(100000, "odd.example.com", "CNAME", "192.0.2.1")))
    result = run(records=[{"name": "odd", "type": "CNAME", "content": "192.0.2.1"}])
    assert result["created"] == 1
    assert result["warnings"] == [
        "records[0]: the CNAME odd.example.com points at 192.0.2.1, which is an IP address, not a host name: "
        "resolvers look it up as a name and find nothing; use an A or AAAA record for an address"]


def test_a_long_value_is_shortened_in_the_failure_message(fake_v1):
    long_text = "z" * 1500
    fake_v1.add(SEED, error(f"Invalid input for content: {long_text} is refused", "E_INVLDINPUT", action="rec_new"))
    result = run(records=[{"name": "t", "type": "TXT", "content": long_text}])
    assert result["failed"] is True
    assert long_text not in result["msg"]
    assert f"create t.example.com TXT {'z' * 60!r}... (1500 characters): rec_new failed: Invalid input" in result["msg"]
    assert len(result["msg"]) < 700


def test_a_change_not_attempted_first_reports_the_error_of_the_last_round_that_tried_it(fake_v1, clock):
    # Round 1: the edit fails, so the delete after it is not attempted. Rounds 2 and 3 apply the
    # edit and then fail the delete: its outcome is the last round's, with that round's error.
    records = [EDIT_THEN_CREATE[0], {"name": "@", "type": "TXT", "content": "google-site-verification=abc",
                                     "state": "absent"}]
    edited = page(*[obj if obj["rec_id"] != "9001" else EDITED_SUB for obj in SEED["response"]["recs"]["objs"]])
    fake_v1.add(SEED, *FIVE_503, SEED, rec_answer(EDITED_SUB), *FIVE_503, edited, *FIVE_503)
    result = run(records=records)
    assert fake_v1.actions == (["rec_load_all"] + ["rec_edit"] * 5 + ["rec_load_all", "rec_edit"]
                               + ["rec_delete"] * 5 + ["rec_load_all"] + ["rec_delete"] * 5)
    assert outcomes(result) == [("update", "applied"), ("delete", "failed")]
    assert result["msg"].startswith("1 of 2 changes failed, 0 not attempted, 1 applied; ")
    assert result["msg"].endswith("Errors: delete example.com TXT google-site-verification=abc: rec_delete failed "
                                  "after 5 attempts (attempt limit reached); last error: HTTP 503 Service "
                                  "Unavailable: 503 Service Unavailable")
