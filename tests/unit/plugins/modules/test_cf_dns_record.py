# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_record
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
    assert_no_secret,
    error,
    form,
    success,
)

ZONE = "example.com"
READ = form("rec_load_all", z=ZONE, o=0)

SEED = page(
    v1_record(9000, ZONE, "A", "203.0.113.10", service_mode=1),
    v1_record(9001, "sub.example.com", "A", "203.0.113.20"),
    v1_record(9002, "www.example.com", "CNAME", "example.com", service_mode=1),
    v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=10),
    v1_record(9005, ZONE, "TXT", "v=spf1 mx -all"),
    v1_record(9008, ZONE, "TXT", "google-site-verification=abc"),
    v1_record(9007, "_sip._tcp.example.com", "SRV", "5 5060 sip.example.com", prio=10),
)


def run(**args):
    base = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL, "zone": ZONE}
    base.update(args)
    result = run_module(cf_dns_record, base)
    assert_no_secret(result)
    return result


def record(rec_id, name, rtype, content, ttl=1, proxied=False, priority=None):
    return {"id": rec_id, "name": name, "type": rtype, "content": content, "ttl": ttl, "proxied": proxied,
            "priority": priority}


def test_create(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")))
    result = run(name="app", type="A", content="203.0.113.50")
    assert fake_v1.forms == [READ, form("rec_new", z=ZONE, type="A", ttl=1, name="app", content="203.0.113.50")]
    assert result == {"changed": True, "record": record("100000", "app.example.com", "A", "203.0.113.50")}


def test_proxied_create_is_rec_new_then_rec_edit(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")),
                rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50", ttl=300, service_mode=1)))
    result = run(name="app", type="A", content="203.0.113.50", proxied=True, ttl=300)
    assert fake_v1.forms == [
        READ,
        form("rec_new", z=ZONE, type="A", ttl=300, name="app", content="203.0.113.50"),
        form("rec_edit", id=100000, z=ZONE, type="A", ttl=300, name="app", content="203.0.113.50", service_mode=1),
    ]
    assert result["record"] == record("100000", "app.example.com", "A", "203.0.113.50", ttl=300, proxied=True)


@pytest.mark.parametrize("name", ["sub", "SUB", "sub.example.com", "Sub.Example.Com.", "sub.example.com."])
def test_no_change_reads_only(fake_v1, name):
    fake_v1.add(SEED)
    result = run(name=name, type="A", content="203.0.113.20")
    assert fake_v1.forms == [READ]
    assert result == {"changed": False, "record": record("9001", "sub.example.com", "A", "203.0.113.20")}


def test_edit_in_place_keeps_the_id_and_the_proxied_state(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9000, ZONE, "A", "203.0.113.10", ttl=600, service_mode=1)))
    result = run(name="@", type="A", content="203.0.113.10", ttl=600)
    assert fake_v1.forms == [READ, form("rec_edit", id=9000, z=ZONE, type="A", ttl=600, name=ZONE,
                                        content="203.0.113.10", service_mode=1)]
    assert result == {"changed": True, "record": record("9000", ZONE, "A", "203.0.113.10", ttl=600, proxied=True)}


def test_unproxy_keeps_the_ttl(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9002, "www.example.com", "CNAME", "example.com")))
    result = run(name="www", type="CNAME", content="example.com.", proxied=False)
    assert fake_v1.forms[1] == form("rec_edit", id=9002, z=ZONE, type="CNAME", ttl=1, name="www",
                                    content="example.com", service_mode=0)
    assert result["record"]["proxied"] is False


def test_cname_content_change_is_in_place(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9002, "www.example.com", "CNAME", "app.example.net", service_mode=1)))
    result = run(name="www", type="CNAME", content="App.Example.NET")
    assert fake_v1.forms[1] == form("rec_edit", id=9002, z=ZONE, type="CNAME", ttl=1, name="www",
                                    content="app.example.net", service_mode=1)
    assert result["record"]["id"] == "9002"


def test_mx_priority_change_keeps_the_ttl(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=20)))
    result = run(type="MX", content="mail.example.com", priority=20)
    assert fake_v1.forms[1] == form("rec_edit", id=9003, z=ZONE, type="MX", ttl=3600, prio=20, name=ZONE,
                                    content="mail.example.com")
    assert result["record"] == record("9003", ZONE, "MX", "mail.example.com", ttl=3600, priority=20)


def test_mx_without_priority_keeps_the_existing_one(fake_v1):
    fake_v1.add(SEED)
    assert run(type="MX", content="mail.example.com")["changed"] is False


def test_srv_create_sends_the_fields(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(100000, "_sip._udp.example.com", "SRV", "5 5060 sip.example.com",
                                           prio=10)))
    result = run(type="SRV", service="sip", proto="udp", priority=10, weight=5, port=5060, target="sip.example.com")
    assert fake_v1.forms[1] == form("rec_new", z=ZONE, type="SRV", ttl=1, prio=10, service="_sip",
                                    protocol="_udp", srvname="@", weight=5, port=5060, target="sip.example.com")
    assert result["record"] == dict(record("100000", "_sip._udp.example.com", "SRV", "5 5060 sip.example.com",
                                           priority=10),
                                    service="_sip", proto="_udp", weight=5, port=5060, target="sip.example.com")


def test_srv_priority_change_is_in_place(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9007, "_sip._tcp.example.com", "SRV", "5 5060 sip.example.com", prio=5)))
    result = run(name="_sip._tcp.example.com", type="SRV", content="5 5060 sip.example.com", priority=5)
    assert fake_v1.forms[1] == form("rec_edit", id=9007, z=ZONE, type="SRV", ttl=1, prio=5, service="_sip",
                                    protocol="_tcp", srvname="@", weight=5, port=5060, target="sip.example.com")
    assert result["record"]["priority"] == 5


def test_solo_edits_one_in_place_and_deletes_the_others(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9005, ZONE, "TXT", "hello")), success("rec_delete"))
    result = run(type="TXT", content="hello", solo=True)
    assert fake_v1.forms == [READ, form("rec_edit", id=9005, z=ZONE, type="TXT", ttl=1, name=ZONE, content="hello"),
                             form("rec_delete", z=ZONE, id=9008)]
    assert result == {"changed": True, "record": record("9005", ZONE, "TXT", "hello")}


def test_absent_deletes_the_matching_record_only(fake_v1):
    fake_v1.add(SEED, success("rec_delete"))
    result = run(type="TXT", content="v=spf1 mx -all", state="absent")
    assert fake_v1.forms == [READ, form("rec_delete", z=ZONE, id=9005)]
    assert result == {"changed": True, "record": {}}


def test_absent_when_already_gone_reads_only(fake_v1):
    fake_v1.add(SEED)
    assert run(name="gone", type="A", content="203.0.113.1", state="absent") == {"changed": False, "record": {}}
    assert fake_v1.forms == [READ]


def test_absent_without_content_removes_every_record_of_name_and_type(fake_v1):
    fake_v1.add(SEED, success("rec_delete"), success("rec_delete"))
    assert run(type="TXT", state="absent")["changed"] is True
    assert fake_v1.forms[1:] == [form("rec_delete", z=ZONE, id=9005), form("rec_delete", z=ZONE, id=9008)]


CHECK_MODE_CASES = [
    ({"name": "app", "type": "A", "content": "203.0.113.50", "proxied": True},
     [rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")),
      rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50", service_mode=1))]),
    ({"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300},
     [rec_answer(v1_record(9001, "sub.example.com", "A", "203.0.113.20", ttl=300))]),
    ({"type": "TXT", "content": "hello", "solo": True},
     [rec_answer(v1_record(9005, ZONE, "TXT", "hello")), success("rec_delete")]),
    ({"type": "TXT", "state": "absent"}, [success("rec_delete"), success("rec_delete")]),
]


@pytest.mark.parametrize("args, answers", CHECK_MODE_CASES)
def test_check_mode_makes_no_write_and_predicts_the_real_run(fake_v1, args, answers):
    fake_v1.add(SEED)
    predicted = run(_ansible_check_mode=True, _ansible_diff=True, **args)
    assert fake_v1.actions == ["rec_load_all"]

    fake_v1.add(SEED, *answers)
    real = run(_ansible_diff=True, **args)
    assert len(fake_v1.actions) == 2 + len(answers)
    if args.get("proxied"):
        # The one thing check mode cannot know, the id the API gives a new record, is not in the diff.
        assert predicted["record"]["id"] is None
        predicted["record"]["id"] = real["record"]["id"]
    assert real == predicted
    assert real["changed"] is True


def test_diff_shows_the_record_before_and_after(fake_v1):
    fake_v1.add(SEED)
    result = run(name="sub", type="A", content="203.0.113.20", ttl=300, _ansible_check_mode=True,
                 _ansible_diff=True)
    assert result["diff"] == [{"before_header": "sub.example.com", "after_header": "sub.example.com",
                               "before": "A 203.0.113.20 ttl=1 proxied=false\n",
                               "after": "A 203.0.113.20 ttl=300 proxied=false\n"}]


def test_diff_of_a_create_in_check_mode(fake_v1):
    fake_v1.add(SEED)
    result = run(name="new", type="AAAA", content="2001:DB8::0:5", _ansible_check_mode=True, _ansible_diff=True)
    assert result["record"] == record(None, "new.example.com", "AAAA", "2001:db8::5")
    assert result["diff"] == [{"before_header": "new.example.com", "after_header": "new.example.com",
                               "before": "", "after": "AAAA 2001:db8::5 ttl=1 proxied=false\n"}]


def test_solo_diff_shows_the_record_it_keeps(fake_v1):
    fake_v1.add(SEED)
    result = run(type="TXT", content="v=spf1 mx -all", solo=True, _ansible_check_mode=True, _ansible_diff=True)
    assert result["diff"] == [{"before_header": ZONE, "after_header": ZONE,
                               "before": 'TXT "google-site-verification=abc" ttl=1\nTXT "v=spf1 mx -all" ttl=1\n',
                               "after": 'TXT "v=spf1 mx -all" ttl=1\n'}]


def test_no_change_has_an_empty_diff(fake_v1):
    fake_v1.add(SEED)
    result = run(name="sub", type="A", content="203.0.113.20", _ansible_diff=True)
    assert result["changed"] is False
    assert result["diff"] == []


def test_validation_reports_every_problem_and_makes_no_call(fake_v1):
    result = run(name="www.example.org.", type="A", content="2001:db8::1", ttl=30, proxied=True, priority=3)
    assert fake_v1.requests == []
    assert result["failed"] is True
    assert result["problems"] == [
        "name 'www.example.org.' is outside the zone example.com",
        "A content '2001:db8::1' is not an IPv4 address",
        "ttl 30 is outside the allowed values: 1 (automatic) or 120-86400",
        "priority only applies to MX and SRV records, not to A",
    ]
    assert result["msg"] == "; ".join(result["problems"])


@pytest.mark.parametrize("args, problem", [
    ({"type": "AAAA", "content": "203.0.113.1"},
     "AAAA content '203.0.113.1' is not an IPv6 address (record example.com)"),
    ({"type": "MX", "content": "mail.example.com", "proxied": True},
     "proxied: true is only possible for A, AAAA, CNAME records, not for MX"),
    ({"type": "SRV", "priority": 1, "weight": 1, "port": 1, "target": "x.example.com"},
     "an SRV record needs service and proto (or a name starting with _service._proto)"),
    ({"type": "SRV", "service": "_sip", "proto": "_tcp", "priority": 1},
     "an SRV record needs weight, port and target (or content 'weight port target')"),
    ({"type": "A", "name": "sub", "content": "203.0.113.9", "ttl": 90000},
     "ttl 90000 is outside the allowed values: 1 (automatic) or 120-86400"),
    ({"type": "A", "zone": "bad zone", "content": "203.0.113.9"}, "zone 'bad zone' is not a valid DNS name"),
])
def test_each_validation_error_makes_no_call(fake_v1, args, problem):
    result = run(**args)
    assert fake_v1.requests == []
    assert result["failed"] is True
    assert problem in result["problems"]


@pytest.mark.parametrize("args, problem", [
    ({"name": "www", "type": "TXT", "content": "x"},
     "www.example.com has a CNAME record, so no TXT record can exist beside it"),
    ({"name": "@", "type": "CNAME", "content": "elsewhere.example.net"},
     "a CNAME at example.com cannot exist beside the other records of that name (A, MX, TXT)"),
    ({"type": "MX", "content": "backup.example.net"},
     "priority is required to create the MX record example.com backup.example.net"),
])
def test_problems_found_in_the_zone_stop_before_any_write(fake_v1, args, problem):
    fake_v1.add(SEED)
    result = run(**args)
    assert fake_v1.forms == [READ]
    assert result["failed"] is True
    assert result["problems"] == [problem]


def test_api_error_on_a_write_fails_cleanly(fake_v1):
    fake_v1.add(SEED, error("Invalid input for name: reserved by the provider", "E_INVLDINPUT", action="rec_new"))
    result = run(name="app", type="A", content="203.0.113.50")
    assert result["failed"] is True
    assert result["msg"] == "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)"
    assert result["api_action"] == "rec_new"


def test_a_record_another_writer_created_meanwhile_is_adopted(fake_v1):
    fake_v1.add(SEED, error("Invalid input for content: record already exists", "E_INVLDINPUT", action="rec_new"),
                page(*SEED["response"]["recs"]["objs"], v1_record(100009, "app.example.com", "A", "203.0.113.50")))
    result = run(name="app", type="A", content="203.0.113.50")
    assert (result["changed"], result["record"]["id"]) == (True, "100009")
    assert fake_v1.actions == ["rec_load_all", "rec_new", "rec_load_all"]


def test_unknown_zone(fake_v1):
    fake_v1.add(error("Invalid zone", action="rec_load_all"))
    result = run(zone="Example.NET.", name="x", type="A", content="203.0.113.1")
    assert fake_v1.forms == [form("rec_load_all", z="example.net", o=0)]
    assert result["failed"] is True
    assert result["zone"] == "example.net"


def test_record_types_are_taken_in_any_case(fake_v1):
    fake_v1.add(SEED)
    result = run(name="sub", type="a", content="203.0.113.20")
    assert result == {"changed": False, "record": record("9001", "sub.example.com", "A", "203.0.113.20")}


def test_an_unknown_type_is_refused_before_any_call(fake_v1):
    result = run(name="sub", type="bogus", content="x")
    assert result["msg"] == "type 'bogus' is not one of A, AAAA, CNAME, MX, TXT, SPF, NS, SRV, LOC"
    assert fake_v1.requests == []


def test_a_cname_to_an_ip_address_gives_a_warning(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(9002, "www.example.com", "CNAME", "192.0.2.1", service_mode=1)))
    result = run(name="www", type="CNAME", content="192.0.2.1")
    assert result["changed"] is True
    assert result["warnings"] == [
        "the CNAME www.example.com points at 192.0.2.1, which is an IP address, not a host name: resolvers look it "
        "up as a name and find nothing; use an A or AAAA record for an address"]


def test_the_apex_wildcard_is_sent_by_its_full_name(fake_v1):
    fake_v1.add(SEED, rec_answer(v1_record(100000, "*.example.com", "A", "203.0.113.42")))
    result = run(name="*", type="A", content="203.0.113.42")
    assert result["record"]["name"] == "*.example.com"
    assert fake_v1.forms[1] == form("rec_new", z=ZONE, type="A", ttl=1, name="*.example.com", content="203.0.113.42")


@pytest.mark.parametrize("args, problem", [
    ({"name": "t", "type": "TXT", "content": {"text": "hello"}},
     "content must be text, but it is a mapping (\"{'text': 'hello'}\") (record t.example.com)"),
    ({"name": "www", "type": "A", "content": "203.0.113.5", "ttl": True}, "ttl 'True' is not a whole number"),
    ({"name": "v6", "type": "AAAA", "content": "fe80::1%eth0"}, "has a zone index (%eth0)"),
    ({"name": "s\u200bub", "type": "A", "content": "203.0.113.5"}, "would change in conversion to a DNS name"),
])
def test_values_ansible_would_convert_or_strip_are_refused_before_any_call(fake_v1, args, problem):
    result = run(**args)
    assert result["failed"] is True
    assert problem in result["msg"]
    assert fake_v1.requests == []
