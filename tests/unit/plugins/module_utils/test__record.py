# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import dataclasses
import re

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_name,
    normalize_zone,
    relative_name,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Plan,
    Record,
    conflict_problems,
    matches_filter,
    merge,
    new_record,
    plan_record,
    read_record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_content import (
    normalize_content,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import (
    CAPABILITIES as V1,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.api import (
    V4API as V4_API,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.records import (
    V4_COMMENT_MAX_LENGTH,
    V4_RECORD_ATTRIBUTES,
    V4_RECORD_TYPES,
    V4_TYPE_ADVICE,
)

ZONE = "example.com"


def a_record(
    name="sub.example.com",
    content="203.0.113.20",
    ttl=1,
    proxied=False,
    record_id="9001",
):
    return Record(
        name=name, type="A", content=content, ttl=ttl, proxied=proxied, id=record_id
    )


def desired(**params):
    params.setdefault("type", "A")
    return read_record(ZONE, params, V1)


def problems_of(params, state="present"):
    with pytest.raises(ValidationError) as caught:
        read_record(ZONE, params, V1, state)
    return caught.value.problems


@pytest.mark.parametrize(
    "name",
    [
        "sub",
        "SUB",
        "sub.example.com",
        "Sub.Example.COM",
        "sub.example.com.",
        "SUB.EXAMPLE.COM.",
        " sub ",
    ],
)
def test_every_name_form_gives_the_same_full_name(name):
    assert normalize_name(name, ZONE) == "sub.example.com"


@pytest.mark.parametrize("name", ["@", "example.com", "example.com.", "Example.Com."])
def test_apex_forms(name):
    assert normalize_name(name, ZONE) == ZONE


@pytest.mark.parametrize(
    "name, full",
    [
        ("a.b", "a.b.example.com"),
        ("*", "*.example.com"),
        ("*.dev", "*.dev.example.com"),
        ("_dmarc", "_dmarc.example.com"),
        ("b\u00fccher", "xn--bcher-kva.example.com"),
        ("www.example.org", "www.example.org.example.com"),
    ],
)
def test_relative_names(name, full):
    assert normalize_name(name, ZONE) == full


@pytest.mark.parametrize(
    "name, message",
    [
        ("www.example.org.", "outside the zone example.com"),
        ("notexample.com.", "outside the zone"),
        ("", "must not be empty"),
        (".", "must not be empty"),
        ("a..b", "not a valid DNS name"),
        ("bad name", "not a valid DNS name"),
        ("-start", "not a valid DNS name"),
        ("x" * 64, "not a valid DNS name"),
        (
            ".".join(["a" * 63] * 3 + ["b" * 50]),
            "is longer than 253 characters",
        ),  # 254 with the zone
    ],
)
def test_bad_names(name, message):
    with pytest.raises(InputProblem, match=message):
        normalize_name(name, ZONE)


def test_a_full_name_of_253_characters_is_the_longest_allowed():
    label = "a" * 63
    longest = (
        ".".join([label, label, label, "b" * (253 - 3 * 64 - len(ZONE) - 1)])
        + "."
        + ZONE
    )
    assert len(longest) == 253
    assert normalize_name(longest, ZONE) == longest
    with pytest.raises(InputProblem, match=r"is longer than 253 characters"):
        normalize_name("c" + longest, ZONE)


def test_a_long_name_is_shortened_in_its_message():
    with pytest.raises(InputProblem) as problem:
        normalize_name("x" * 300, ZONE)
    assert (
        str(problem.value)
        == f"name {'x' * 60!r}... (300 characters) is longer than 253 characters"
    )


def test_zone_and_relative_names():
    assert normalize_zone("Example.COM.") == "example.com"
    assert relative_name("sub.example.com", ZONE) == "sub"
    assert relative_name("a.b.example.com", ZONE) == "a.b"
    assert relative_name(ZONE, ZONE) == ZONE


@pytest.mark.parametrize(
    "rtype, content, normal",
    [
        ("A", " 203.0.113.5 ", "203.0.113.5"),
        ("AAAA", "2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("AAAA", "2001:0db8::0001", "2001:db8::1"),
        ("CNAME", "Target.Example.NET.", "target.example.net"),
        ("MX", "MAIL.example.com.", "mail.example.com"),
        ("NS", "ns1.Example.org", "ns1.example.org"),
        ("TXT", "  v=spf1 MX -all ", "  v=spf1 MX -all "),
        ("SPF", "v=spf1 -all", "v=spf1 -all"),
        (
            "LOC",
            "51 30 12.748 N  0 7 39.611 W 0.00m",
            "51 30 12.748 N 0 7 39.611 W 0m 1m 10000m 10m",
        ),
        ("SRV", "5 5060 SIP.example.com.", "5 5060 sip.example.com"),
    ],
)
def test_content_normalisation(rtype, content, normal):
    assert normalize_content(rtype, content) == normal


@pytest.mark.parametrize(
    "rtype, content, message",
    [
        ("A", "2001:db8::1", "not an IPv4 address"),
        ("A", "203.0.113.300", "not an IPv4 address"),
        ("AAAA", "203.0.113.5", "not an IPv6 address"),
        ("CNAME", "not a host", "not a valid DNS name"),
        ("LOC", "somewhere", "RFC 1876"),
        ("SRV", "5 5060", "weight port target"),
        ("SRV", "5 99999 sip.example.com", "SRV port 99999 is outside 0-65535"),
    ],
)
def test_bad_content(rtype, content, message):
    with pytest.raises(InputProblem, match=message):
        normalize_content(rtype, content)


@pytest.mark.parametrize("rtype", ["TXT", "SPF"])
def test_text_of_the_longest_length_passes_and_one_more_character_does_not(rtype):
    assert normalize_content(rtype, "x" * 2048) == "x" * 2048
    with pytest.raises(InputProblem) as problem:
        normalize_content(rtype, "x" * 2049)
    assert str(problem.value) == (
        f"{rtype} content {'x' * 60!r}... (2049 characters) is longer than the 2048 "
        "characters the API takes"
    )


def test_text_with_a_control_character_is_refused_but_tab_is_fine():
    assert normalize_content("TXT", "a\tb") == "a\tb"
    with pytest.raises(
        InputProblem, match=r"holds the control character '\\n'; only tab is allowed"
    ):
        normalize_content("TXT", "line one\nline two")


def test_read_record_normalises_and_keeps_omitted_attributes_unset():
    record = read_record(
        ZONE, {"name": "WWW", "type": "aaaa", "content": "2001:DB8::0:1"}, V1
    )
    assert record == Record(name="www.example.com", type="AAAA", content="2001:db8::1")
    assert (record.ttl, record.proxied, record.priority) == (None, None, None)


def test_read_record_defaults_to_the_apex():
    assert desired(content="203.0.113.1").name == ZONE


def test_read_record_reports_every_problem_at_once():
    problems = problems_of(
        {
            "name": "outside.example.org.",
            "type": "A",
            "content": "not-an-ip",
            "ttl": 60,
            "priority": 10,
            "service": "_sip",
        }
    )
    assert problems == [
        "name 'outside.example.org.' is outside the zone example.com",
        "the SRV options service do not apply to A records",
        "A content 'not-an-ip' is not an IPv4 address",
        "ttl 60 is outside the allowed values: 1 (automatic) or 120-86400",
        "priority only applies to MX and SRV records, not to A",
    ]


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"type": "MX", "content": "mail.example.com", "proxied": True},
            "proxied: true is only possible for A, AAAA, CNAME records, not for MX",
        ),
        ({"type": "TXT", "content": "x", "proxied": True}, "not for TXT"),
        (
            {"type": "A", "content": "10.1.2.3", "proxied": True},
            "CloudFlare only proxies public addresses",
        ),
        (
            {"type": "A", "content": "127.0.0.1", "proxied": True},
            "CloudFlare only proxies public addresses",
        ),
        (
            {"type": "AAAA", "content": "fd00::1", "proxied": True},
            "CloudFlare only proxies public addresses",
        ),
        ({"type": "A", "content": "203.0.113.1", "ttl": 86401}, "ttl 86401 is outside"),
        ({"type": "A", "content": "203.0.113.1", "ttl": 0}, "ttl 0 is outside"),
        ({"type": "A"}, "content is required for A records"),
        ({"type": "TXT", "content": ""}, "content is required for TXT records"),
        ({"type": "PTR", "content": "x"}, "type 'PTR' is not one of"),
        (
            {"type": "MX", "content": "mail.example.com", "priority": 70000},
            "priority 70000 is outside 0-65535",
        ),
    ],
)
def test_single_validation_problems(params, message):
    problems = problems_of(params)
    assert len(problems) == 1
    assert message in problems[0]


def test_proxied_false_is_fine_on_any_type():
    assert (
        desired(type="MX", content="mail.example.com", proxied=False).proxied is False
    )


@pytest.mark.parametrize("ttl", [1, 120, 86400, "300"])
def test_valid_ttls(ttl):
    assert desired(content="203.0.113.1", ttl=ttl).ttl == int(ttl)


SRV_NAME = "_sip._tcp.example.com"


@pytest.mark.parametrize(
    "params",
    [
        {
            "name": "@",
            "service": "_sip",
            "proto": "_tcp",
            "weight": 5,
            "port": 5060,
            "target": "sip.example.com",
        },
        {
            "name": "example.com.",
            "service": "sip",
            "proto": "TCP",
            "weight": "5",
            "port": "5060",
            "target": "SIP.example.com.",
        },
        {"name": "_sip._tcp", "weight": 5, "port": 5060, "target": "sip.example.com"},
        {"name": "_sip._tcp.example.com", "content": "5 5060 sip.example.com"},
        {
            "name": "_sip._tcp.example.com.",
            "service": "_sip",
            "proto": "_tcp",
            "content": "5 5060 sip.example.com",
            "weight": 5,
            "port": 5060,
            "target": "sip.example.com",
        },
    ],
)
def test_srv_forms(params):
    record = desired(type="SRV", priority=10, **params)
    assert (record.name, record.content, record.priority) == (
        SRV_NAME,
        "5 5060 sip.example.com",
        10,
    )
    assert record.srv_fields() == {
        "service": "_sip",
        "proto": "_tcp",
        "weight": 5,
        "port": 5060,
        "target": "sip.example.com",
    }


def test_srv_under_a_label():
    record = desired(
        type="SRV",
        name="Voice",
        service="_sip",
        proto="_udp",
        weight=0,
        port=5060,
        target="sip",
    )
    assert record.name == "_sip._udp.voice.example.com"
    assert record.content == "0 5060 sip"


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"name": "@", "weight": 5, "port": 5060, "target": "sip.example.com"},
            "needs service and proto",
        ),
        (
            {"name": "@", "service": "_sip", "proto": "_tcp"},
            "needs weight, port and target",
        ),
        (
            {"name": "@", "service": "_sip", "proto": "_tcp", "weight": 5},
            "all of weight, port and target",
        ),
        (
            {
                "name": "@",
                "service": "_sip",
                "proto": "_sctp",
                "content": "5 5060 sip.example.com",
            },
            "proto '_sctp' is not one of _tcp, _udp, _tls",
        ),
        (
            {
                "name": "@",
                "service": "sip service",
                "proto": "_tcp",
                "content": "5 5060 sip.example.com",
            },
            "not a service label",
        ),
        (
            {
                "name": "_xmpp._tcp",
                "service": "_sip",
                "proto": "_tcp",
                "content": "5 5060 sip.example.com",
            },
            "already names the service _xmpp._tcp",
        ),
        (
            {
                "name": "_sip._tcp",
                "content": "5 5060 sip.example.com",
                "weight": 6,
                "port": 5060,
                "target": "sip.example.com",
            },
            "disagrees with weight, port and target (6 5060 sip.example.com)",
        ),
    ],
)
def test_srv_problems(params, message):
    problems = problems_of(dict(type="SRV", **params))
    assert any(message in problem for problem in problems), problems


def test_srv_absent_needs_only_the_name():
    record = read_record(
        ZONE,
        {"type": "SRV", "name": "@", "service": "_sip", "proto": "_tcp"},
        V1,
        state="absent",
    )
    assert (record.name, record.content) == (SRV_NAME, None)


def test_absent_without_content_is_valid():
    record = read_record(ZONE, {"type": "TXT", "name": "x"}, V1, state="absent")
    assert record.content is None


def test_to_dict_shapes():
    assert a_record().to_dict() == {
        "id": "9001",
        "name": "sub.example.com",
        "type": "A",
        "content": "203.0.113.20",
        "ttl": 1,
        "proxied": False,
        "priority": None,
        "comment": None,
        "tags": None,
        "settings": None,
    }
    srv = Record(
        name=SRV_NAME,
        type="SRV",
        content="5 5060 sip.example.com",
        ttl=1,
        proxied=False,
        priority=10,
        id="9007",
    )
    assert srv.to_dict() == {
        "id": "9007",
        "name": SRV_NAME,
        "type": "SRV",
        "content": "5 5060 sip.example.com",
        "ttl": 1,
        "proxied": False,
        "priority": 10,
        "comment": None,
        "tags": None,
        "settings": None,
        "service": "_sip",
        "proto": "_tcp",
        "weight": 5,
        "port": 5060,
        "target": "sip.example.com",
    }


def test_identity():
    assert a_record().key == ("sub.example.com", "A", "203.0.113.20")
    cname = Record(name="www.example.com", type="CNAME", content="example.com")
    assert cname.key == ("www.example.com", "CNAME")


def test_merge_keeps_what_the_task_omits():
    current = a_record(ttl=300, proxied=True)
    assert merge(current, desired(name="sub", content="203.0.113.20")) == current
    assert merge(
        current, desired(name="sub", content="203.0.113.20", ttl=600)
    ) == a_record(ttl=600, proxied=True)


# --- planning -------------------------------------------------------------------------------------

ZONE_RECORDS = [
    Record(name=ZONE, type="A", content="203.0.113.10", ttl=1, proxied=True, id="9000"),
    a_record(),
    Record(
        name="www.example.com",
        type="CNAME",
        content="example.com",
        ttl=1,
        proxied=True,
        id="9002",
    ),
    Record(
        name=ZONE,
        type="MX",
        content="mail.example.com",
        ttl=3600,
        proxied=False,
        priority=10,
        id="9003",
    ),
    Record(
        name=ZONE, type="TXT", content="v=spf1 mx -all", ttl=1, proxied=False, id="9005"
    ),
    Record(
        name=ZONE,
        type="TXT",
        content="google-site-verification=abc",
        ttl=1,
        proxied=False,
        id="9008",
    ),
]


def kinds(plan):
    return [(op.kind, (op.before or op.after).id) for op in plan.operations]


def test_plan_no_change():
    plan = plan_record(ZONE_RECORDS, desired(name="sub", content="203.0.113.20"))
    assert plan == Plan(
        operations=(), record=ZONE_RECORDS[1], unchanged=(ZONE_RECORDS[1],)
    )
    assert not plan.changed


def test_plan_create_fills_defaults():
    plan = plan_record(ZONE_RECORDS, desired(name="new", content="203.0.113.99"))
    assert kinds(plan) == [("create", None)]
    assert plan.record == Record(
        name="new.example.com", type="A", content="203.0.113.99", ttl=1, proxied=False
    )


def test_plan_new_content_without_solo_is_a_second_record():
    plan = plan_record(ZONE_RECORDS, desired(name="sub", content="203.0.113.21"))
    assert kinds(plan) == [("create", None)]


def test_plan_edit_in_place_keeps_the_id_and_omitted_attributes():
    plan = plan_record(
        ZONE_RECORDS, desired(name=ZONE, content="203.0.113.10", ttl=300)
    )
    assert kinds(plan) == [("edit", "9000")]
    assert plan.record == Record(
        name=ZONE, type="A", content="203.0.113.10", ttl=300, proxied=True, id="9000"
    )


def test_plan_mx_priority_change_is_in_place():
    plan = plan_record(
        ZONE_RECORDS, desired(type="MX", content="mail.example.com", priority=20)
    )
    assert kinds(plan) == [("edit", "9003")]
    assert (plan.record.priority, plan.record.ttl) == (20, 3600)


def test_plan_cname_is_identified_by_name_and_type():
    plan = plan_record(
        ZONE_RECORDS, desired(type="CNAME", name="www", content="other.example.net")
    )
    assert kinds(plan) == [("edit", "9002")]
    assert plan.record.content == "other.example.net"
    assert plan.record.proxied is True


def test_plan_solo_edits_one_in_place_and_deletes_the_rest():
    plan = plan_record(ZONE_RECORDS, desired(type="TXT", content="hello"), solo=True)
    assert kinds(plan) == [("edit", "9005"), ("delete", "9008")]
    assert plan.record.id == "9005"
    assert plan.record.content == "hello"


def test_plan_refuses_to_move_a_proxied_record_to_an_address_that_cannot_be_proxied():
    with pytest.raises(ValidationError) as error:
        plan_record(ZONE_RECORDS, desired(type="A", content="10.0.0.5"), solo=True)
    assert error.value.problems == [
        "example.com A is proxied, and CloudFlare cannot proxy 10.0.0.5 (not a public address): set proxied: false "
        "to move the record there"
    ]


def test_plan_moves_a_proxied_record_to_a_private_address_with_proxied_false():
    plan = plan_record(
        ZONE_RECORDS, desired(type="A", content="10.0.0.5", proxied=False), solo=True
    )
    assert kinds(plan) == [("edit", "9000")]
    assert plan.record.proxied is False


def test_plan_solo_keeps_the_record_with_the_content():
    plan = plan_record(
        ZONE_RECORDS,
        desired(type="TXT", content="google-site-verification=abc"),
        solo=True,
    )
    assert kinds(plan) == [("delete", "9005")]
    assert plan.record.id == "9008"


def test_plan_solo_creates_when_the_group_is_empty():
    plan = plan_record(
        ZONE_RECORDS, desired(type="TXT", name="fresh", content="x"), solo=True
    )
    assert kinds(plan) == [("create", None)]


def test_plan_absent():
    assert kinds(
        plan_record(
            ZONE_RECORDS, desired(type="TXT", content="v=spf1 mx -all"), "absent"
        )
    ) == [("delete", "9005")]
    assert (
        kinds(plan_record(ZONE_RECORDS, desired(type="TXT", content="nope"), "absent"))
        == []
    )
    record = read_record(ZONE, {"type": "TXT"}, V1, state="absent")
    assert kinds(plan_record(ZONE_RECORDS, record, "absent")) == [
        ("delete", "9005"),
        ("delete", "9008"),
    ]
    assert kinds(
        plan_record(
            ZONE_RECORDS, desired(type="TXT", content="nope"), "absent", solo=True
        )
    ) == [("delete", "9005"), ("delete", "9008")]
    assert (
        plan_record(ZONE_RECORDS, desired(type="TXT", content="nope"), "absent").record
        is None
    )


def test_plan_absent_cname_with_other_content_is_left_alone():
    assert (
        kinds(
            plan_record(
                ZONE_RECORDS,
                desired(type="CNAME", name="www", content="elsewhere.net"),
                "absent",
            )
        )
        == []
    )


def test_plan_create_mx_without_priority_is_a_problem():
    with pytest.raises(ValidationError) as error:
        plan_record(ZONE_RECORDS, desired(type="MX", content="backup.example.com"))
    assert error.value.problems == [
        "priority is required to create the MX record example.com backup.example.com"
    ]


@pytest.mark.parametrize(
    "params, problem",
    [
        (
            {"type": "CNAME", "name": "@", "content": "x.example.net"},
            "a CNAME at example.com cannot exist beside the other records of that name (A, MX, TXT)",
        ),
        (
            {"type": "A", "name": "www", "content": "203.0.113.1"},
            "www.example.com has a CNAME record, so no A record can exist beside it",
        ),
        (
            {"type": "TXT", "name": "www", "content": "x"},
            "www.example.com has a CNAME record, so no TXT record can exist beside it",
        ),
    ],
)
def test_cname_conflicts(params, problem):
    with pytest.raises(ValidationError) as error:
        plan_record(ZONE_RECORDS, desired(**params))
    assert error.value.problems == [problem]
    assert conflict_problems(ZONE_RECORDS, desired(**params)) == [problem]


def test_cname_conflict_and_missing_priority_are_reported_together():
    records = ZONE_RECORDS + [
        Record(
            name="alias.example.com",
            type="CNAME",
            content="x.net",
            ttl=1,
            proxied=False,
            id="1",
        )
    ]
    with pytest.raises(ValidationError) as error:
        plan_record(
            records, desired(type="MX", name="alias", content="mail.example.com")
        )
    assert len(error.value.problems) == 2


def test_solo_keeps_the_matching_record_as_unchanged_while_it_deletes_the_others():
    plan = plan_record(
        ZONE_RECORDS, desired(type="TXT", content=ZONE_RECORDS[4].content), solo=True
    )
    assert [operation.kind for operation in plan.operations] == ["delete"]
    assert plan.operations[0].before == ZONE_RECORDS[5]
    assert plan.unchanged == (ZONE_RECORDS[4],)


def test_an_edited_record_is_not_unchanged():
    plan = plan_record(ZONE_RECORDS, desired(type="TXT", content="hello"), solo=True)
    assert [operation.kind for operation in plan.operations] == ["edit", "delete"]
    assert plan.unchanged == ()


def test_a_record_found_as_asked_is_unchanged():
    plan = plan_record(ZONE_RECORDS, desired(name="sub", content="203.0.113.20"))
    assert plan.operations == ()
    assert plan.unchanged == (ZONE_RECORDS[1],)


def test_filters():
    record = Record(
        name="v6.example.com",
        type="AAAA",
        content="2001:db8::1",
        ttl=1,
        proxied=False,
        id="1",
    )
    assert matches_filter(record)
    assert matches_filter(
        record, name="v6.example.com", rtype="aaaa", content="2001:DB8:0::1"
    )
    assert not matches_filter(record, rtype="A")
    assert not matches_filter(record, name="v4.example.com")
    assert not matches_filter(record, content="2001:db8::2")
    assert not matches_filter(record, content="not an address")


@pytest.mark.parametrize(
    "params, problem",
    [
        (
            {"name": "v6", "type": "AAAA", "content": "fe80::1%eth0"},
            "AAAA content 'fe80::1%eth0' has a zone index (%eth0), which only means something on one host: give the "
            "address alone (record v6.example.com)",
        ),
        (
            {"name": "@", "type": "MX", "content": "192.0.2.25", "priority": 10},
            "MX content '192.0.2.25' is an IP address, but it must name a host: give the host's name, and an A or AAAA "
            "record for its address (record example.com)",
        ),
        (
            {"name": "sub", "type": "NS", "content": "2001:db8::53"},
            "NS content '2001:db8::53' is an IP address, but it must name a host: give the host's name, and an A or AAAA "
            "record for its address (record sub.example.com)",
        ),
        (
            {
                "name": "office",
                "type": "LOC",
                "content": "99 30 12.748 N 0 7 39.611 W 0.00m",
            },
            "LOC content '99 30 12.748 N 0 7 39.611 W 0.00m' is out of range: latitude goes up to 90 degrees "
            "(record office.example.com)",
        ),
        (
            {
                "name": "office",
                "type": "LOC",
                "content": "51 75 12.748 N 0 7 39.611 W 0.00m",
            },
            "LOC content '51 75 12.748 N 0 7 39.611 W 0.00m' is out of range: latitude minutes and seconds go from 0 to 59 "
            "(record office.example.com)",
        ),
        (
            {"name": "office", "type": "LOC", "content": "90 1 N 181 E 50000000m"},
            "LOC content '90 1 N 181 E 50000000m' is out of range: latitude goes up to 90 degrees; longitude goes up to 180 "
            "degrees; altitude 50000000 m is outside -100000 m to 42849672.95 m (record office.example.com)",
        ),
        (
            {"name": "loop", "type": "CNAME", "content": "Loop.Example.COM."},
            "the CNAME loop.example.com points at itself, which no resolver can ever answer",
        ),
        (
            {"name": "t", "type": "TXT", "content": {"a": 1}},
            "content must be text, but it is a mapping (\"{'a': 1}\") (record t.example.com)",
        ),
        (
            {"name": "t", "type": "TXT", "content": ["a", "b"]},
            "content must be text, but it is a list (\"['a', 'b']\") (record t.example.com)",
        ),
        (
            {"name": "t", "type": "TXT", "content": True},
            "content must be text, but it is a boolean ('True') "
            "(record t.example.com)",
        ),
        (
            {"name": "www", "type": "A", "content": "203.0.113.5", "ttl": True},
            "ttl 'True' is not a whole number",
        ),
        (
            {"name": "www", "type": "A", "content": "203.0.113.5", "ttl": 300.5},
            "ttl '300.5' is not a whole number",
        ),
        (
            {"type": "MX", "content": "mail.example.com", "priority": False},
            "priority 'False' is not a whole number",
        ),
    ],
)
def test_values_that_are_not_what_the_type_means_are_refused_naming_the_record(
    params, problem
):
    assert problems_of(params) == [problem]


@pytest.mark.parametrize(
    "params, expected",
    [
        (
            {
                "name": "office",
                "type": "LOC",
                "content": "90 0 0 S 180 0 0 E -100000m 90000000m",
            },
            "90 0 0 S 180 0 0 E -100000m 90000000m 10000m 10m",
        ),
        ({"name": "t", "type": "TXT", "content": 12345}, "12345"),
    ],
)
def test_the_edges_of_the_ranges_and_numbers_as_text_pass(params, expected):
    assert read_record(ZONE, params, V1).content == expected


@pytest.mark.parametrize("ttl", [300, "300", 300.0])
def test_a_ttl_in_any_whole_form_passes(ttl):
    assert desired(content="203.0.113.5", ttl=ttl).ttl == 300


@pytest.mark.parametrize(
    "name, full",
    [
        ("straße", "xn--strae-oqa.example.com"),
        ("Bücher", "xn--bcher-kva.example.com"),
        ("MÜNCHEN.example.com.", "xn--mnchen-3ya.example.com"),
        ("_dmarc.bücher", "_dmarc.xn--bcher-kva.example.com"),
    ],
)
def test_names_are_converted_with_idna_2008(name, full):
    assert normalize_name(name, ZONE) == full


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "s\u200bub",
            "would change in conversion to a DNS name ('s\\u200bub' becomes 'sub')",
        ),
        ("\uff57\uff57\uff57", "would change in conversion to a DNS name"),
        ("b\u00fccher\U0001f4a5", "is not a valid internationalised DNS name"),
    ],
)
def test_a_name_the_conversion_would_change_is_refused(name, message):
    with pytest.raises(InputProblem, match=re.escape(message)):
        normalize_name(name, ZONE)


@pytest.mark.parametrize(
    "kind, before, after",
    [
        ("create", a_record(), a_record()),
        ("create", None, None),
        ("edit", None, a_record()),
        ("edit", a_record(), None),
        ("delete", a_record(), a_record()),
        ("delete", None, None),
    ],
)
def test_an_operation_has_the_records_its_kind_needs(kind, before, after):
    with pytest.raises(ValueError, match=f"a {kind} operation needs"):
        Operation(kind, before, after)


def test_an_operation_names_its_records():
    old, new = a_record(), a_record(content="203.0.113.21")

    assert Operation("edit", old, new).existing == old
    assert Operation("edit", old, new).written == new
    assert Operation("edit", old, new).subject == old
    assert Operation("create", None, new).subject == new
    with pytest.raises(ValueError, match="a delete operation writes no record"):
        dummy = Operation("delete", old, None).written
    with pytest.raises(
        ValueError, match="a create operation changes no existing record"
    ):
        dummy = Operation("create", None, new).existing


# --- comment, tags, settings and the structured types (API v4) ---------------------------------

V4_CAPS = dataclasses.replace(
    V1,
    api="v4",
    record_types=V4_RECORD_TYPES,
    ttl_min=60,
    record_attributes=V4_RECORD_ATTRIBUTES,
    comment_max_length=V4_COMMENT_MAX_LENGTH,
    type_advice=V4_TYPE_ADVICE,
)


@pytest.mark.parametrize(
    "option, value",
    [("comment", "x"), ("tags", ["a:b"]), ("settings", {"ipv4_only": True})],
)
def test_v1_refuses_the_v4_attributes_before_any_call(option, value):
    with pytest.raises(ValidationError) as caught:
        read_record(
            "example.com", {"type": "A", "content": "203.0.113.5", option: value}, V1
        )
    assert caught.value.problems == [
        f"{option} is not supported by API v1: its records have no {option}"
    ]


@pytest.mark.parametrize(
    "option, value",
    [
        ("comment", ""),
        ("tags", []),
        ("settings", {}),
        ("settings", {"ipv4_only": False, "ipv6_only": False}),
    ],
)
def test_v1_takes_an_empty_v4_attribute_as_none(option, value):
    """A record cf_dns_record_info returned on v4 can be given to a task on v1."""
    record = read_record(
        "example.com", {"type": "A", "content": "203.0.113.5", option: value}, V1
    )
    assert getattr(record, option) is None


def test_v1_refuses_the_v4_types():
    with pytest.raises(ValidationError) as caught:
        read_record("example.com", {"type": "CAA", "content": "0 issue x"}, V1)
    assert caught.value.problems[0].startswith("type 'CAA' is not one of A, AAAA")


def test_tags_are_a_set_whose_names_ignore_case():
    one = read_record(
        "example.com",
        {"type": "A", "content": "203.0.113.5", "tags": ["Team:Web", "env:prod"]},
        V4_CAPS,
    )
    two = read_record(
        "example.com",
        {
            "type": "A",
            "content": "203.0.113.5",
            "tags": ["env:prod", "team:Web", "TEAM:Web"],
        },
        V4_CAPS,
    )
    assert one == two
    assert one.tags == frozenset({"team:Web", "env:prod"})
    assert one.to_dict()["tags"] == ["env:prod", "team:Web"]


@pytest.mark.parametrize(
    "params, problem",
    [
        ({"comment": "two\nlines"}, "comment 'two\\nlines' must be one line"),
        (
            {"comment": "x" * 501},
            "comment is 501 characters long; API v4 takes at most 500 (on some plans fewer)",
        ),
        (
            {"tags": ["no-colon"]},
            "tag 'no-colon' is not name:value with a name of letters, digits, - and _",
        ),
        (
            {"tags": ["bad name:v"]},
            "tag 'bad name:v' is not name:value with a name of letters, digits, - and _",
        ),
        (
            {"settings": {"flatten_cname": True}},
            "settings flatten_cname do not apply to A records, which have ipv4_only and ipv6_only",
        ),
        (
            {"settings": {"ipv4_only": "yes"}},
            "settings ipv4_only must be true or false",
        ),
        (
            {"settings": {"ipv4_only": True, "ipv6_only": True}},
            "settings ipv4_only and ipv6_only cannot both be true",
        ),
        ({"tag": "issue"}, "the CAA options tag do not apply to A records"),
        (
            {"target": "x.example.com"},
            "the HTTPS/SRV/SVCB/URI options target do not apply to A records",
        ),
        (
            {"priority": 1},
            "priority only applies to HTTPS, MX, SRV, SVCB and URI records, not to A",
        ),
    ],
)
def test_attributes_and_fields_are_checked(params, problem):
    with pytest.raises(ValidationError) as caught:
        read_record(
            "example.com", {"type": "A", "content": "203.0.113.5", **params}, V4_CAPS
        )
    assert caught.value.problems == [problem]


def test_a_comment_of_100_to_500_characters_is_left_to_the_plan():
    record = read_record(
        "example.com",
        {"type": "A", "content": "203.0.113.5", "comment": "x" * 500},
        V4_CAPS,
    )
    assert record.comment == "x" * 500


def test_settings_off_are_the_default_and_flatten_cname_is_for_cnames():
    cname = read_record(
        "example.com",
        {
            "name": "www",
            "type": "CNAME",
            "content": "example.net",
            "settings": {"flatten_cname": True, "ipv4_only": False},
        },
        V4_CAPS,
    )
    assert cname.settings == frozenset({"flatten_cname"})
    assert cname.to_dict()["settings"] == {
        "ipv4_only": False,
        "ipv6_only": False,
        "flatten_cname": True,
    }
    off = read_record(
        "example.com",
        {"name": "www", "type": "CNAME", "content": "example.net", "settings": {}},
        V4_CAPS,
    )
    assert off.settings == frozenset()


def test_omitted_comment_tags_and_settings_keep_the_current_ones_in_a_merge():
    current = Record(
        name="www.example.com",
        type="A",
        content="203.0.113.5",
        ttl=1,
        proxied=False,
        comment="set elsewhere",
        tags=frozenset({"owner:dns"}),
        settings=frozenset({"ipv4_only"}),
        id="r1",
    )
    desired = read_record(
        "example.com", {"name": "www", "type": "A", "content": "203.0.113.5"}, V4_CAPS
    )
    assert merge(current, desired) == current
    cleared = read_record(
        "example.com",
        {
            "name": "www",
            "type": "A",
            "content": "203.0.113.5",
            "comment": "",
            "tags": [],
            "settings": {},
        },
        V4_CAPS,
    )
    assert merge(current, cleared) == dataclasses.replace(
        current, comment="", tags=frozenset(), settings=frozenset()
    )


def test_a_v1_record_fed_back_into_a_v1_task_is_untouched():
    record = a_record()
    params = {key: value for key, value in record.to_dict().items() if key != "id"}
    assert merge(record, read_record("example.com", params, V1)) == record


@pytest.mark.parametrize(
    "fields, content",
    [
        (
            {"type": "CAA", "flags": 0, "tag": "issue", "caa_value": "letsencrypt.org"},
            '0 issue "letsencrypt.org"',
        ),
        (
            {
                "type": "CERT",
                "cert_type": 1,
                "key_tag": 0,
                "algorithm": 8,
                "certificate": "YWJj",
            },
            "1 0 8 YWJj",
        ),
        (
            {
                "type": "DNSKEY",
                "flags": "257",
                "protocol": 3,
                "algorithm": 13,
                "public_key": "YWJj",
            },
            "257 3 13 YWJj",
        ),
        (
            {
                "type": "DS",
                "key_tag": 2371,
                "algorithm": 13,
                "digest_type": 1,
                "digest": "AB" * 20,
            },
            "2371 13 1 " + "ab" * 20,
        ),
        (
            {
                "type": "HTTPS",
                "priority": 1,
                "target": "Svc.Example.net.",
                "svc_params": "alpn=h2",
            },
            "1 svc.example.net alpn=h2",
        ),
        (
            {"type": "SVCB", "priority": 0, "target": "pool.example.net"},
            "0 pool.example.net",
        ),
        (
            {
                "type": "NAPTR",
                "order": 1,
                "preference": 2,
                "flags": "S",
                "service": "SIP+D2U",
                "replacement": "_sip._udp.example.com",
            },
            '1 2 "S" "SIP+D2U" "" _sip._udp.example.com',
        ),
        (
            {
                "type": "SMIMEA",
                "usage": 3,
                "selector": 0,
                "matching_type": 1,
                "certificate": "ABCD",
            },
            "3 0 1 abcd",
        ),
        (
            {
                "type": "TLSA",
                "usage": 3,
                "selector": 1,
                "matching_type": 1,
                "certificate": "abcd",
            },
            "3 1 1 abcd",
        ),
        (
            {
                "type": "SSHFP",
                "algorithm": 4,
                "fingerprint_type": 2,
                "fingerprint": "ab" * 32,
            },
            "4 2 " + "ab" * 32,
        ),
        (
            {
                "type": "URI",
                "priority": 10,
                "weight": 1,
                "target": "https://example.com/",
            },
            '1 "https://example.com/"',
        ),
    ],
    ids=lambda value: value.get("type") if isinstance(value, dict) else "",
)
def test_each_structured_type_from_its_fields_equals_it_from_its_content(
    fields, content
):
    from_fields = read_record("example.com", {"name": "x", **fields}, V4_CAPS)
    from_content = read_record(
        "example.com",
        {
            "name": "x",
            "type": fields["type"],
            "content": content,
            "priority": fields.get("priority") if fields["type"] == "URI" else None,
        },
        V4_CAPS,
    )
    assert from_fields == from_content
    assert from_fields.content == content
    both = read_record(
        "example.com", {"name": "x", "content": content, **fields}, V4_CAPS
    )
    assert both == from_fields
    returned = from_fields.to_dict()
    assert (
        read_record(
            "example.com",
            {key: value for key, value in returned.items() if key != "id"},
            V4_CAPS,
        )
        == from_fields
    )


def test_fields_must_be_complete_and_agree_with_the_content():
    with pytest.raises(ValidationError) as caught:
        read_record(
            "example.com",
            {"name": "x", "type": "CAA", "flags": 0, "content": '0 issue "a.example"'},
            V4_CAPS,
        )
    assert caught.value.problems == [
        "a CAA record needs all of flags, tag, caa_value, or content; tag, caa_value are missing"
    ]
    with pytest.raises(ValidationError) as caught:
        read_record(
            "example.com",
            {
                "name": "x",
                "type": "CAA",
                "flags": 0,
                "tag": "issue",
                "caa_value": "b.example",
                "content": '0 issue "a.example"',
            },
            V4_CAPS,
        )
    assert caught.value.problems == [
        'content \'0 issue "a.example"\' disagrees with the CAA fields (0 issue "b.example")'
    ]
    with pytest.raises(ValidationError) as caught:
        read_record("example.com", {"name": "x", "type": "TLSA"}, V4_CAPS)
    assert caught.value.problems == [
        "a TLSA record needs usage, selector, matching_type, certificate (or content 'usage selector matching_type certificate')"
    ]


def test_a_uri_record_needs_a_priority_to_be_created():
    desired = read_record(
        "example.com",
        {"name": "x", "type": "URI", "content": '1 "https://example.com/"'},
        V4_CAPS,
    )
    assert new_record(desired)[1] == [
        'priority is required to create the URI record x.example.com 1 "https://example.com/"'
    ]


# --- a proxied record's TTL on a backend that keeps it automatic (API v4) -------------------------

PROXIED_TTL_PROBLEM = (
    "app.example.com is proxied, and the TTL of a proxied record is automatic on this API "
    "(CloudFlare keeps it at 1 whatever is sent): leave ttl out, or set proxied: false to give "
    "the record a TTL of 300"
)


def test_a_proxied_record_with_a_ttl_is_refused_where_proxied_ttls_are_automatic():
    params = {
        "name": "app",
        "type": "A",
        "content": "203.0.113.50",
        "proxied": True,
        "ttl": 300,
    }
    with pytest.raises(ValidationError) as caught:
        read_record("example.com", params, V4_API.capabilities)
    assert caught.value.problems == [PROXIED_TTL_PROBLEM]
    assert read_record("example.com", params, V1).ttl == 300


def test_a_ttl_for_a_record_that_stays_proxied_is_refused_and_one_left_out_is_kept():
    caps = V4_API.capabilities
    # A record proxied with a TTL of its own (set through v1) keeps it when the task leaves ttl out.
    current = [
        Record("app.example.com", "A", "203.0.113.50", ttl=120, proxied=True, id="1")
    ]
    moved = read_record(
        "example.com", {"name": "app", "type": "A", "content": "203.0.113.51"}, caps
    )
    plan = plan_record(current, moved, solo=True, caps=caps)
    assert [operation.kind for operation in plan.operations] == ["edit"]
    assert plan.record.ttl == 120

    retimed = read_record(
        "example.com",
        {"name": "app", "type": "A", "content": "203.0.113.50", "ttl": 300},
        caps,
    )
    with pytest.raises(ValidationError) as caught:
        plan_record(current, retimed, caps=caps)
    assert caught.value.problems == [PROXIED_TTL_PROBLEM]
    assert plan_record(current, retimed).record.ttl == 300


def test_a_record_created_on_a_backend_with_attributes_has_them_empty():
    """So check mode predicts the record the API will return."""
    desired = read_record(
        "example.com",
        {"name": "app", "type": "A", "content": "203.0.113.50", "comment": "web"},
        V4_API.capabilities,
    )
    created = plan_record([], desired, caps=V4_API.capabilities).record
    assert (created.comment, created.tags, created.settings) == (
        "web",
        frozenset(),
        frozenset(),
    )
    on_v1 = plan_record([], dataclasses.replace(desired, comment=None), caps=V1).record
    assert (on_v1.comment, on_v1.tags, on_v1.settings) == (None, None, None)


def test_a_record_that_starts_to_be_proxied_is_predicted_with_the_automatic_ttl():
    caps = V4_API.capabilities
    current = [
        Record("app.example.com", "A", "203.0.113.50", ttl=300, proxied=False, id="1")
    ]
    proxy = read_record(
        "example.com",
        {"name": "app", "type": "A", "content": "203.0.113.50", "proxied": True},
        caps,
    )
    assert plan_record(current, proxy, caps=caps).record.ttl == 1
    assert plan_record(current, proxy, caps=V1).record.ttl == 300
