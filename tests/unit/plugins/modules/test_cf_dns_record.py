# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_record through main() against the in-memory FakeAPI: what it plans, applies and returns.

The v1 forms these writes become are pinned in tests/unit/plugins/module_utils/_v1/test_v1_api_records.py.
"""

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_name,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_record
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


def load(name: str) -> tuple:
    """The one read a task makes: the records of its name (all types)."""
    return ("load_records", ZONE, normalize_name(name, ZONE), None)


BY_ID = {seeded.id: seeded for seeded in SEED}


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone(ZONE, records=SEED)
    return fake_api


def run(**args):
    result = run_module(cf_dns_record, {**CREDENTIALS, "zone": ZONE, **args})
    assert_no_secret(result)
    return result


def edit(rec_id, **changes) -> Operation:
    return Operation(
        "edit", BY_ID[rec_id], dataclasses.replace(BY_ID[rec_id], **changes)
    )


def delete(rec_id) -> Operation:
    return Operation("delete", BY_ID[rec_id], None)


def test_create(fake):
    result = run(name="app", type="A", content="203.0.113.50")
    assert fake.log == [
        load("app"),
        (
            "apply",
            ZONE,
            Operation(
                "create",
                None,
                Record("app.example.com", "A", "203.0.113.50", ttl=1, proxied=False),
            ),
        ),
    ]
    assert result == {
        "changed": True,
        "record": record("100000", "app.example.com", "A", "203.0.113.50"),
    }
    assert result.call_report == {
        "api_calls": 2,
        "rate_limit_waits": {"count": 0, "seconds": 0.0},
    }
    assert fake.closed is True


def test_a_proxied_create_is_one_create_with_the_proxy_and_the_ttl(fake):
    result = run(name="app", type="A", content="203.0.113.50", proxied=True, ttl=300)
    assert fake.writes == [
        (
            "apply",
            ZONE,
            Operation(
                "create",
                None,
                Record("app.example.com", "A", "203.0.113.50", ttl=300, proxied=True),
            ),
        )
    ]
    assert result["record"] == record(
        "100000", "app.example.com", "A", "203.0.113.50", ttl=300, proxied=True
    )


@pytest.mark.parametrize(
    "name", ["sub", "SUB", "sub.example.com", "Sub.Example.Com.", "sub.example.com."]
)
def test_no_change_reads_only(fake, name):
    result = run(name=name, type="A", content="203.0.113.20")
    assert fake.log == [load(name)]
    assert result == {
        "changed": False,
        "record": record("9001", "sub.example.com", "A", "203.0.113.20"),
    }


def test_edit_in_place_keeps_the_id_and_the_proxied_state(fake):
    result = run(name="@", type="A", content="203.0.113.10", ttl=600)
    assert fake.log == [load("@"), ("apply", ZONE, edit("9000", ttl=600))]
    assert result == {
        "changed": True,
        "record": record("9000", ZONE, "A", "203.0.113.10", ttl=600, proxied=True),
    }


def test_unproxy_keeps_the_ttl(fake):
    result = run(name="www", type="CNAME", content="example.com.", proxied=False)
    assert fake.writes == [("apply", ZONE, edit("9002", proxied=False))]
    assert result["record"]["proxied"] is False
    assert result["record"]["ttl"] == 1


def test_cname_content_change_is_in_place(fake):
    result = run(name="www", type="CNAME", content="App.Example.NET")
    assert fake.writes == [("apply", ZONE, edit("9002", content="app.example.net"))]
    assert result["record"]["id"] == "9002"
    assert result["record"]["proxied"] is True


def test_mx_priority_change_keeps_the_ttl(fake):
    result = run(type="MX", content="mail.example.com", priority=20)
    assert fake.writes == [("apply", ZONE, edit("9003", priority=20))]
    assert result["record"] == record(
        "9003", ZONE, "MX", "mail.example.com", ttl=3600, priority=20
    )


def test_mx_without_priority_keeps_the_existing_one(fake):
    assert run(type="MX", content="mail.example.com")["changed"] is False
    assert fake.log == [load("@")]


def test_srv_create_from_the_fields(fake):
    result = run(
        type="SRV",
        service="sip",
        proto="udp",
        priority=10,
        weight=5,
        port=5060,
        target="sip.example.com",
    )
    assert fake.writes == [
        (
            "apply",
            ZONE,
            Operation(
                "create",
                None,
                Record(
                    "_sip._udp.example.com",
                    "SRV",
                    "5 5060 sip.example.com",
                    ttl=1,
                    proxied=False,
                    priority=10,
                ),
            ),
        )
    ]
    assert result["record"] == dict(
        record(
            "100000",
            "_sip._udp.example.com",
            "SRV",
            "5 5060 sip.example.com",
            priority=10,
        ),
        service="_sip",
        proto="_udp",
        weight=5,
        port=5060,
        target="sip.example.com",
    )


def test_srv_priority_change_is_in_place(fake):
    result = run(
        name="_sip._tcp.example.com",
        type="SRV",
        content="5 5060 sip.example.com",
        priority=5,
    )
    assert fake.writes == [("apply", ZONE, edit("9007", priority=5))]
    assert result["record"]["priority"] == 5
    assert result["record"]["id"] == "9007"


def test_solo_edits_one_in_place_and_deletes_the_others(fake):
    result = run(type="TXT", content="hello", solo=True)
    assert fake.log == [
        load("@"),
        ("apply", ZONE, edit("9005", content="hello")),
        ("apply", ZONE, delete("9008")),
    ]
    assert result == {"changed": True, "record": record("9005", ZONE, "TXT", "hello")}
    assert [found.id for found in fake.records(ZONE) if found.type == "TXT"] == ["9005"]


def test_absent_deletes_the_matching_record_only(fake):
    result = run(type="TXT", content="v=spf1 mx -all", state="absent")
    assert fake.log == [load("@"), ("apply", ZONE, delete("9005"))]
    assert result == {"changed": True, "record": {}}
    assert "9008" in {found.id for found in fake.records(ZONE)}


def test_absent_when_already_gone_reads_only(fake):
    assert run(name="gone", type="A", content="203.0.113.1", state="absent") == {
        "changed": False,
        "record": {},
    }
    assert fake.log == [load("gone")]


def test_absent_without_content_removes_every_record_of_name_and_type(fake):
    assert run(type="TXT", state="absent")["changed"] is True
    assert fake.writes == [
        ("apply", ZONE, delete("9005")),
        ("apply", ZONE, delete("9008")),
    ]


CHECK_MODE_CASES = [
    ({"name": "app", "type": "A", "content": "203.0.113.50", "proxied": True}, 1),
    ({"name": "sub", "type": "A", "content": "203.0.113.20", "ttl": 300}, 1),
    ({"type": "TXT", "content": "hello", "solo": True}, 2),
    ({"type": "TXT", "state": "absent"}, 2),
]


@pytest.mark.parametrize("args, writes", CHECK_MODE_CASES)
def test_check_mode_makes_no_write_and_predicts_the_real_run(fake, args, writes):
    predicted = run(_ansible_check_mode=True, _ansible_diff=True, **args)
    assert fake.log == [load(args.get("name", "@"))]
    assert fake.records(ZONE) == list(SEED)

    real = run(_ansible_diff=True, **args)
    assert len(fake.writes) == writes
    if args.get("proxied"):
        # The one thing check mode cannot know, the id the API gives a new record, is not in the diff.
        assert predicted["record"]["id"] is None
        predicted["record"]["id"] = real["record"]["id"]
    assert real == predicted
    assert real["changed"] is True


def test_a_second_run_changes_nothing(fake):
    first = run(name="app", type="A", content="203.0.113.50", proxied=True, ttl=300)
    second = run(name="app", type="A", content="203.0.113.50", proxied=True, ttl=300)
    assert (first["changed"], second) == (
        True,
        {"changed": False, "record": first["record"]},
    )
    assert len(fake.writes) == 1


def test_diff_shows_the_record_before_and_after(fake):
    result = run(
        name="sub",
        type="A",
        content="203.0.113.20",
        ttl=300,
        _ansible_check_mode=True,
        _ansible_diff=True,
    )
    assert result["diff"] == [
        {
            "before_header": "sub.example.com",
            "after_header": "sub.example.com",
            "before": "A 203.0.113.20 ttl=1 proxied=false\n",
            "after": "A 203.0.113.20 ttl=300 proxied=false\n",
        }
    ]


def test_diff_of_a_create_in_check_mode(fake):
    result = run(
        name="new",
        type="AAAA",
        content="2001:DB8::0:5",
        _ansible_check_mode=True,
        _ansible_diff=True,
    )
    assert result["record"] == record(None, "new.example.com", "AAAA", "2001:db8::5")
    assert result["diff"] == [
        {
            "before_header": "new.example.com",
            "after_header": "new.example.com",
            "before": "",
            "after": "AAAA 2001:db8::5 ttl=1 proxied=false\n",
        }
    ]
    assert fake.writes == []


def test_solo_diff_shows_the_record_it_keeps(fake):
    result = run(
        type="TXT",
        content="v=spf1 mx -all",
        solo=True,
        _ansible_check_mode=True,
        _ansible_diff=True,
    )
    assert result["diff"] == [
        {
            "before_header": ZONE,
            "after_header": ZONE,
            "before": 'TXT "google-site-verification=abc" ttl=1\nTXT "v=spf1 mx -all" ttl=1\n',
            "after": 'TXT "v=spf1 mx -all" ttl=1\n',
        }
    ]


def test_no_change_has_an_empty_diff(fake):
    result = run(name="sub", type="A", content="203.0.113.20", _ansible_diff=True)
    assert result["changed"] is False
    assert result["diff"] == []


def test_validation_reports_every_problem_and_makes_no_call(fake):
    result = run(
        name="www.example.org.",
        type="A",
        content="2001:db8::1",
        ttl=30,
        proxied=True,
        priority=3,
    )
    assert fake.log == []
    assert result["failed"] is True
    assert result["problems"] == [
        "name 'www.example.org.' is outside the zone example.com",
        "A content '2001:db8::1' is not an IPv4 address",
        "ttl 30 is outside the allowed values: 1 (automatic) or 120-86400",
        "priority only applies to MX and SRV records, not to A",
    ]
    assert result["msg"] == "; ".join(result["problems"])
    assert result.call_report["api_calls"] == 0


@pytest.mark.parametrize(
    "args, problem",
    [
        (
            {"type": "AAAA", "content": "203.0.113.1"},
            "AAAA content '203.0.113.1' is not an IPv6 address (record example.com)",
        ),
        (
            {"type": "MX", "content": "mail.example.com", "proxied": True},
            "proxied: true is only possible for A, AAAA, CNAME records, not for MX",
        ),
        (
            {
                "type": "SRV",
                "priority": 1,
                "weight": 1,
                "port": 1,
                "target": "x.example.com",
            },
            "an SRV record needs service and proto (or a name starting with _service._proto)",
        ),
        (
            {"type": "SRV", "service": "_sip", "proto": "_tcp", "priority": 1},
            "an SRV record needs weight, port and target (or content 'weight port target')",
        ),
        (
            {"type": "A", "name": "sub", "content": "203.0.113.9", "ttl": 90000},
            "ttl 90000 is outside the allowed values: 1 (automatic) or 120-86400",
        ),
        (
            {"type": "A", "zone": "bad zone", "content": "203.0.113.9"},
            "zone 'bad zone' is not a valid DNS name",
        ),
    ],
)
def test_each_validation_error_makes_no_call(fake, args, problem):
    result = run(**args)
    assert fake.log == []
    assert result["failed"] is True
    assert problem in result["problems"]


def test_the_ttl_range_is_the_backends(fake):
    fake.capabilities = capabilities(ttl_min=60)
    assert (
        run(
            name="sub",
            type="A",
            content="203.0.113.20",
            ttl=90,
            _ansible_check_mode=True,
        )["changed"]
        is True
    )
    result = run(name="sub", type="A", content="203.0.113.20", ttl=30)
    assert result["problems"] == [
        "ttl 30 is outside the allowed values: 1 (automatic) or 60-86400"
    ]
    assert fake.log == [load("sub")]


def test_the_record_types_are_the_backends(fake):
    fake.capabilities = capabilities(
        record_types=("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "LOC")
    )
    result = run(name="spf", type="SPF", content="v=spf1 -all")
    assert (
        result["msg"]
        == "type 'SPF' is not one of A, AAAA, CNAME, MX, TXT, NS, SRV, LOC"
    )
    assert fake.log == []


def test_the_proxiable_types_are_the_backends(fake):
    fake.capabilities = capabilities(proxiable_types=("A", "AAAA"))
    result = run(name="alias", type="CNAME", content="example.net", proxied=True)
    assert result["problems"] == [
        "proxied: true is only possible for A, AAAA records, not for CNAME"
    ]
    assert fake.log == []


@pytest.mark.parametrize(
    "args, problem",
    [
        (
            {"name": "www", "type": "TXT", "content": "x"},
            "www.example.com has a CNAME record, so no TXT record can exist beside it",
        ),
        (
            {"name": "@", "type": "CNAME", "content": "elsewhere.example.net"},
            "a CNAME at example.com cannot exist beside the other records of that name (A, MX, TXT)",
        ),
        (
            {"type": "MX", "content": "backup.example.net"},
            "priority is required to create the MX record example.com backup.example.net",
        ),
    ],
)
def test_problems_found_in_the_zone_stop_before_any_write(fake, args, problem):
    result = run(**args)
    assert fake.log == [load(args.get("name", "@"))]
    assert result["failed"] is True
    assert result["problems"] == [problem]


def test_an_error_of_a_write_fails_cleanly_with_its_details(fake):
    fake.fail(
        "write",
        InputError(
            "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)",
            action="rec_new",
            err_code="E_INVLDINPUT",
            attempts=1,
        ),
    )
    result = run(name="app", type="A", content="203.0.113.50")
    assert result == {
        "failed": True,
        "msg": "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)",
        "api_action": "rec_new",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
    }
    assert result.call_report["api_calls"] == 2
    assert "app.example.com" not in {found.name for found in fake.records(ZONE)}


def test_a_record_another_writer_created_meanwhile_is_adopted(fake):
    made = Record(
        "app.example.com", "A", "203.0.113.50", ttl=1, proxied=False, id="100009"
    )
    fake.meanwhile(lambda api: api.zones[ZONE].records.update({made.id: made}))
    result = run(name="app", type="A", content="203.0.113.50")
    assert (result["changed"], result["record"]["id"]) == (True, "100009")
    assert [
        found.id for found in fake.records(ZONE) if found.name == "app.example.com"
    ] == ["100009"]


def test_unknown_zone(fake):
    result = run(zone="Example.NET.", name="x", type="A", content="203.0.113.1")
    assert fake.log == [("load_records", "example.net", "x.example.net", None)]
    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }


def test_record_types_are_taken_in_any_case(fake):
    result = run(name="sub", type="a", content="203.0.113.20")
    assert result == {
        "changed": False,
        "record": record("9001", "sub.example.com", "A", "203.0.113.20"),
    }


def test_an_unknown_type_is_refused_before_any_call(fake):
    result = run(name="sub", type="bogus", content="x")
    assert (
        result["msg"]
        == "type 'bogus' is not one of A, AAAA, CNAME, MX, TXT, SPF, NS, SRV, LOC"
    )
    assert fake.log == []


def test_a_cname_to_an_ip_address_gives_a_warning(fake):
    result = run(name="www", type="CNAME", content="192.0.2.1")
    assert result["changed"] is True
    assert result["warnings"] == [
        "the CNAME www.example.com points at 192.0.2.1, which is an IP address, not a host name: resolvers look it "
        "up as a name and find nothing; use an A or AAAA record for an address"
    ]


def test_the_apex_wildcard_is_written_by_its_full_name(fake):
    result = run(name="*", type="A", content="203.0.113.42")
    assert result["record"]["name"] == "*.example.com"
    assert fake.writes[0][2].after.name == "*.example.com"


@pytest.mark.parametrize(
    "args, problem",
    [
        (
            {"name": "t", "type": "TXT", "content": {"text": "hello"}},
            "content must be text, but it is a mapping (\"{'text': 'hello'}\") (record t.example.com)",
        ),
        (
            {"name": "www", "type": "A", "content": "203.0.113.5", "ttl": True},
            "ttl 'True' is not a whole number",
        ),
        (
            {"name": "v6", "type": "AAAA", "content": "fe80::1%eth0"},
            "has a zone index (%eth0)",
        ),
        (
            {"name": "s\u200bub", "type": "A", "content": "203.0.113.5"},
            "would change in conversion to a DNS name",
        ),
    ],
)
def test_values_ansible_would_convert_or_strip_are_refused_before_any_call(
    fake, args, problem
):
    result = run(**args)
    assert result["failed"] is True
    assert problem in result["msg"]
    assert fake.log == []


def test_a_solo_record_replaces_the_cname_of_its_name_after_deleting_it(fake):
    result = run(name="www", type="A", content="203.0.113.60", solo=True)

    created = Record(
        "www.example.com", "A", "203.0.113.60", ttl=1, proxied=False, id=None
    )
    assert fake.writes == [
        ("apply", ZONE, delete("9002")),
        ("apply", ZONE, Operation("create", None, created)),
    ]
    assert result["changed"] is True
    assert [
        (found.type, found.content)
        for found in fake.records(ZONE)
        if found.name == "www.example.com"
    ] == [("A", "203.0.113.60")]


def test_a_solo_cname_replaces_every_other_record_of_its_name(fake):
    result = run(name="@", type="CNAME", content="elsewhere.example.net", solo=True)

    deleted = [
        operation.existing.id
        for dummy, dummy2, operation in fake.writes
        if operation.kind == "delete"
    ]
    assert sorted(deleted) == ["9000", "9003", "9005", "9008"]
    assert fake.writes[-1][2].kind == "create"
    assert result["record"]["content"] == "elsewhere.example.net"
