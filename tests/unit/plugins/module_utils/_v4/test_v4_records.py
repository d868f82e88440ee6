# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    Capabilities,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    TransportError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Record,
    merge,
    new_record,
    read_record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.records import (
    V4_COMMENT_MAX_LENGTH,
    V4_PROXIABLE_TYPES,
    V4_RECORD_ATTRIBUTES,
    V4_RECORD_TYPES,
    V4_TTL_MAX,
    V4_TTL_MIN,
    V4_TYPE_ADVICE,
    patch_body,
    record_body,
    record_from_v4,
)

CAPS = Capabilities(
    api="v4",
    record_types=V4_RECORD_TYPES,
    proxiable_types=V4_PROXIABLE_TYPES,
    ttl_min=V4_TTL_MIN,
    ttl_max=V4_TTL_MAX,
    reads_ip_access=True,
    batch_limit=200,
    features=frozenset(),
    record_attributes=V4_RECORD_ATTRIBUTES,
    comment_max_length=V4_COMMENT_MAX_LENGTH,
    type_advice=V4_TYPE_ADVICE,
)
RID = "372e67954025e0ba6aaa6d586b9e0b59"


def v4_object(**fields) -> dict:
    """A dns_record object as the simulator's v4 face returns it."""
    obj = {
        "id": RID,
        "name": "www.example.com",
        "type": "A",
        "content": "203.0.113.5",
        "proxiable": True,
        "proxied": False,
        "ttl": 1,
        "settings": {},
        "meta": {},
        "comment": None,
        "tags": [],
        "created_on": "2026-01-01T00:00:00.000000Z",
        "modified_on": "2026-01-01T00:00:00.000000Z",
    }
    obj.update(fields)
    return obj


def created(**params) -> Record:
    record, problems = new_record(read_record("example.com", params, CAPS))
    assert problems == []
    assert record is not None
    return record


def test_v4_types_have_no_spf_and_spf_is_refused_with_the_advice_to_write_txt():
    assert "SPF" not in V4_RECORD_TYPES
    assert len(V4_RECORD_TYPES) == 21
    with pytest.raises(ValidationError) as caught:
        read_record("example.com", {"type": "spf", "content": "v=spf1 -all"}, CAPS)
    assert caught.value.problems == [
        "type 'spf' is not supported by API v4: SPF records are gone from API v4; write the "
        "record as TXT, with the same content"
    ]


def test_a_record_object_without_attributes_has_empty_ones():
    record = record_from_v4(v4_object(name="WWW.Example.com."))
    assert record == Record(
        name="www.example.com",
        type="A",
        content="203.0.113.5",
        ttl=1,
        proxied=False,
        comment="",
        tags=frozenset(),
        settings=frozenset(),
        id=RID,
    )
    assert record.to_dict()["settings"] == {"ipv4_only": False, "ipv6_only": False}


def test_comment_tags_and_settings_are_read():
    record = record_from_v4(
        v4_object(
            comment="web front",
            tags=["Team:Web", "env:prod"],
            settings={"ipv4_only": True, "ipv6_only": False},
        )
    )
    assert record.comment == "web front"
    assert record.tags == frozenset({"team:Web", "env:prod"})
    assert record.settings == frozenset({"ipv4_only"})


def test_an_object_without_id_is_a_transport_error():
    with pytest.raises(TransportError):
        record_from_v4(v4_object(id=None))


@pytest.mark.parametrize(
    "obj, content, priority",
    [
        (
            {
                "type": "SRV",
                "name": "_sip._tcp.example.com",
                "content": "10 5 5060 sip.example.com",
                "data": {
                    "priority": 10,
                    "weight": 5,
                    "port": 5060,
                    "target": "sip.example.com",
                },
            },
            "5 5060 sip.example.com",
            10,
        ),
        (
            {"type": "MX", "content": "Mail.Example.com", "priority": 20},
            "mail.example.com",
            20,
        ),
        (
            {
                "type": "URI",
                "content": '1 "sip:info@example.com"',
                "priority": 10,
                "data": {"weight": 1, "target": "sip:info@example.com"},
            },
            '1 "sip:info@example.com"',
            10,
        ),
        (
            {
                "type": "CAA",
                "content": '0 issue "letsencrypt.org"',
                "data": {"flags": 0, "tag": "issue", "value": "letsencrypt.org"},
            },
            '0 issue "letsencrypt.org"',
            None,
        ),
        (
            {
                "type": "SSHFP",
                "content": "4 2 " + "ab" * 32,
                "data": {"algorithm": 4, "type": 2, "fingerprint": "AB" * 32},
            },
            "4 2 " + "ab" * 32,
            None,
        ),
        (
            {
                "type": "LOC",
                "content": "51 30 12.748 N 0 7 39.611 W 0m 1m 10000m 10m",
                "data": {
                    "lat_degrees": 51,
                    "lat_minutes": 30,
                    "lat_seconds": 12.748,
                    "lat_direction": "N",
                    "long_degrees": 0,
                    "long_minutes": 7,
                    "long_seconds": 39.611,
                    "long_direction": "W",
                    "altitude": 0,
                    "size": 1,
                    "precision_horz": 10000,
                    "precision_vert": 10,
                },
            },
            "51 30 12.748 N 0 7 39.611 W 0m 1m 10000m 10m",
            None,
        ),
        ({"type": "TXT", "content": '"v=spf1 -all"'}, "v=spf1 -all", None),
        ({"type": "TXT", "content": "odd \x01 text"}, "odd \x01 text", None),
    ],
    ids=["SRV", "MX", "URI", "CAA", "SSHFP", "LOC", "TXT-quoted", "TXT-unreadable"],
)
def test_content_and_priority_come_from_data_where_the_type_has_it(
    obj, content, priority
):
    record = record_from_v4(v4_object(**obj))
    assert record.content == content
    assert record.priority == priority


def test_a_create_body_of_an_address_carries_proxied_and_the_attributes_given():
    record = created(
        name="www",
        type="A",
        content="203.0.113.5",
        proxied=True,
        comment="front",
        tags=["Team:web", "env:prod", "team:web"],
        settings={"ipv6_only": True},
    )
    assert record_body(record) == {
        "name": "www.example.com",
        "type": "A",
        "ttl": 1,
        "proxied": True,
        "content": "203.0.113.5",
        "comment": "front",
        "tags": ["env:prod", "team:web"],
        "settings": {"ipv4_only": False, "ipv6_only": True},
    }


def test_a_create_body_leaves_out_empty_attributes():
    """No comment, no tags and every setting off is what a new record has anyway."""
    record = created(
        name="www",
        type="A",
        content="203.0.113.5",
        comment="",
        tags=[],
        settings={"ipv6_only": False},
    )
    assert set(record_body(record)) == {"name", "type", "ttl", "proxied", "content"}


def test_a_create_body_leaves_out_what_the_task_does_not_give():
    assert record_body(created(name="t", type="TXT", content='"hello"', ttl=300)) == {
        "name": "t.example.com",
        "type": "TXT",
        "ttl": 300,
        "content": "hello",
    }


@pytest.mark.parametrize(
    "params, body",
    [
        (
            {"name": "@", "type": "MX", "content": "mx.example.net.", "priority": 10},
            {"content": "mx.example.net", "priority": 10},
        ),
        (
            {
                "name": "voice",
                "type": "SRV",
                "service": "sip",
                "proto": "tcp",
                "priority": 1,
                "weight": 2,
                "port": 5060,
                "target": "sip.example.net",
            },
            {
                "data": {
                    "priority": 1,
                    "weight": 2,
                    "port": 5060,
                    "target": "sip.example.net",
                }
            },
        ),
        (
            {
                "name": "office",
                "type": "LOC",
                "content": "51 30 12.748 N 0 7 39.611 W 2.5m",
            },
            {
                "data": {
                    "lat_degrees": 51,
                    "lat_minutes": 30,
                    "lat_seconds": 12.748,
                    "lat_direction": "N",
                    "long_degrees": 0,
                    "long_minutes": 7,
                    "long_seconds": 39.611,
                    "long_direction": "W",
                    "altitude": 2.5,
                    "size": 1,
                    "precision_horz": 10000,
                    "precision_vert": 10,
                }
            },
        ),
        (
            {"name": "@", "type": "CAA", "content": "0 issue letsencrypt.org"},
            {"data": {"flags": 0, "tag": "issue", "value": "letsencrypt.org"}},
        ),
        (
            {
                "name": "c",
                "type": "CERT",
                "cert_type": 1,
                "key_tag": 0,
                "algorithm": 8,
                "certificate": "YW Jj",
            },
            {"data": {"type": 1, "key_tag": 0, "algorithm": 8, "certificate": "YWJj"}},
        ),
        (
            {
                "name": "@",
                "type": "DNSKEY",
                "flags": 257,
                "algorithm": 13,
                "public_key": "YWJj",
            },
            {
                "data": {
                    "flags": 257,
                    "protocol": 3,
                    "algorithm": 13,
                    "public_key": "YWJj",
                }
            },
        ),
        (
            {"name": "s", "type": "DS", "content": "2371 13 2 " + "AB" * 32},
            {
                "data": {
                    "key_tag": 2371,
                    "algorithm": 13,
                    "digest_type": 2,
                    "digest": "ab" * 32,
                }
            },
        ),
        (
            {
                "name": "svc",
                "type": "HTTPS",
                "priority": 1,
                "target": ".",
                "svc_params": "alpn=h2",
            },
            {"data": {"priority": 1, "target": ".", "value": "alpn=h2"}},
        ),
        (
            {"name": "svc", "type": "SVCB", "content": "0 pool.example.net"},
            {"data": {"priority": 0, "target": "pool.example.net", "value": ""}},
        ),
        (
            {
                "name": "enum",
                "type": "NAPTR",
                "order": 100,
                "preference": 10,
                "flags": "U",
                "service": "E2U+sip",
                "regex": "!^.*$!sip:info@example.com!",
                "replacement": ".",
            },
            {
                "data": {
                    "order": 100,
                    "preference": 10,
                    "flags": "U",
                    "service": "E2U+sip",
                    "regex": "!^.*$!sip:info@example.com!",
                    "replacement": ".",
                }
            },
        ),
        (
            {
                "name": "m",
                "type": "SMIMEA",
                "usage": 3,
                "selector": 1,
                "matching_type": 1,
                "certificate": "ABCD",
            },
            {
                "data": {
                    "usage": 3,
                    "selector": 1,
                    "matching_type": 1,
                    "certificate": "abcd",
                }
            },
        ),
        (
            {"name": "_443._tcp", "type": "TLSA", "content": "3 1 1 abcd"},
            {
                "data": {
                    "usage": 3,
                    "selector": 1,
                    "matching_type": 1,
                    "certificate": "abcd",
                }
            },
        ),
        (
            {
                "name": "h",
                "type": "SSHFP",
                "algorithm": 4,
                "fingerprint_type": 1,
                "fingerprint": "ab" * 20,
            },
            {"data": {"algorithm": 4, "type": 1, "fingerprint": "ab" * 20}},
        ),
        (
            {
                "name": "_sip._udp",
                "type": "URI",
                "priority": 10,
                "weight": 1,
                "target": "sip:a@example.com",
            },
            {"data": {"weight": 1, "target": "sip:a@example.com"}, "priority": 10},
        ),
        (
            {"name": "4.3.2.1.in-addr", "type": "PTR", "content": "Host.Example.com."},
            {"content": "host.example.com"},
        ),
        (
            {"name": "pgp", "type": "OPENPGPKEY", "content": "YW Jj"},
            {"content": "YWJj"},
        ),
    ],
    ids=lambda value: (
        value.get("type", "") if isinstance(value, dict) and "type" in value else ""
    ),
)
def test_create_bodies_send_data_for_the_structured_types(params, body):
    record = created(**params)
    sent = record_body(record)
    assert {
        key: sent[key] for key in sent if key not in ("name", "type", "ttl")
    } == body
    # What the API answers with reads back as the record created.
    answer = v4_object(
        name=record.name,
        type=record.type,
        content=record.content,
        proxied=False,
        priority=sent.get("priority"),
        data=sent.get("data"),
    )
    assert dataclasses.replace(record_from_v4(answer), id=None) == dataclasses.replace(
        record, comment="", tags=frozenset(), settings=frozenset()
    )


CURRENT = record_from_v4(
    v4_object(comment="set elsewhere", tags=["owner:dns"], ttl=300)
)


@pytest.mark.parametrize(
    "changes, body",
    [
        ({}, {}),
        ({"ttl": 1}, {"ttl": 1}),
        ({"proxied": True}, {"proxied": True}),
        ({"content": "203.0.113.6"}, {"content": "203.0.113.6"}),
        ({"comment": ""}, {"comment": ""}),
        ({"tags": frozenset({"owner:web"})}, {"tags": ["owner:web"]}),
        (
            {"settings": frozenset({"ipv6_only"})},
            {"settings": {"ipv4_only": False, "ipv6_only": True}},
        ),
    ],
)
def test_a_patch_sends_only_what_differs(changes, body):
    assert patch_body(CURRENT, dataclasses.replace(CURRENT, **changes)) == body


def test_a_patch_of_an_srv_priority_sends_its_whole_data():
    srv = record_from_v4(
        v4_object(
            type="SRV",
            name="_sip._tcp.example.com",
            content="10 5 5060 sip.example.com",
            data={
                "priority": 10,
                "weight": 5,
                "port": 5060,
                "target": "sip.example.com",
            },
        )
    )
    assert patch_body(srv, dataclasses.replace(srv, priority=20)) == {
        "data": {"priority": 20, "weight": 5, "port": 5060, "target": "sip.example.com"}
    }


def test_a_patch_of_an_mx_priority_is_top_level():
    mx = record_from_v4(v4_object(type="MX", content="mx.example.com", priority=10))
    assert patch_body(mx, dataclasses.replace(mx, priority=5)) == {"priority": 5}


def test_a_task_leaving_the_attributes_out_patches_nothing():
    desired = read_record(
        "example.com",
        {"name": "www", "type": "A", "content": "203.0.113.5", "ttl": 300},
        CAPS,
    )

    assert patch_body(CURRENT, merge(CURRENT, desired)) == {}


def test_a_patch_cannot_change_the_type():
    with pytest.raises(ValueError):
        patch_body(CURRENT, dataclasses.replace(CURRENT, type="AAAA"))
