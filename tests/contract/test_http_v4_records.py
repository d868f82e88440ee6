# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every record type and attribute of API v4 through the v4 adapter and the simulator, over loopback HTTP.

Each case is a task's record options, spelled the way a user might (case, trailing dots,
quotes, IPv6 forms). A record the task creates reads back as planned, the same task again plans
no change, the record cf_dns_record_info returns fed back into a task plans no change, and a
task that gives only a comment and tags changes those and nothing else.
"""

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Record,
    plan_record,
    read_record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.api import V4API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    V4Client,
)
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import SEED_TOKEN

ZONE = "example.com"

CASES = [
    {
        "name": "a",
        "type": "A",
        "content": "203.0.113.9",
        "proxied": True,
        "comment": "web",
        "tags": ["Team:A", "env:prod"],
        "settings": {"ipv4_only": True},
    },
    {"name": "aaaa", "type": "AAAA", "content": "2001:DB8:0::1", "ttl": 300},
    {
        "name": "c",
        "type": "CNAME",
        "content": "Target.Example.NET.",
        "settings": {"flatten_cname": True},
    },
    {"name": "@", "type": "MX", "content": "mx.example.net", "priority": 10},
    {"name": "t", "type": "TXT", "content": '"v=spf1 -all"'},
    {
        "name": "long",
        "type": "TXT",
        "content": "x" * 300,
    },
    {"name": "ns", "type": "NS", "content": "ns1.example.net."},
    {
        "name": "voice",
        "type": "SRV",
        "service": "sip",
        "proto": "tcp",
        "priority": 1,
        "weight": 2,
        "port": 5060,
        "target": "sip.example.net.",
    },
    {"name": "office", "type": "LOC", "content": "51 30 12.748 N 0 7 39.611 W 0.00m"},
    {
        "name": "@",
        "type": "CAA",
        "flags": 0,
        "tag": "ISSUE",
        "caa_value": "letsencrypt.org",
    },
    {"name": "@", "type": "CAA", "content": '0 iodef "mailto:a\\"b@example.com"'},
    {
        "name": "_443._tcp",
        "type": "TLSA",
        "usage": 3,
        "selector": 1,
        "matching_type": 1,
        "certificate": "ABCDEF0123",
    },
    {"name": "smime", "type": "SMIMEA", "content": "3 1 1 AB CD"},
    {
        "name": "host",
        "type": "SSHFP",
        "algorithm": 4,
        "fingerprint_type": 2,
        "fingerprint": "AB6F0000000000000000000000000000000000000000000000000000000000FF",
    },
    {
        "name": "sub",
        "type": "DS",
        "key_tag": 2371,
        "algorithm": 13,
        "digest_type": 2,
        "digest": "1F987CC6583E92DF0890718C42A4A6A5D5D2A8B5F3B2C1B4A3A2A1A0A9A8A7A6",
    },
    {
        "name": "@",
        "type": "DNSKEY",
        "flags": 257,
        "algorithm": 13,
        "public_key": "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxIL",
    },
    {
        "name": "svc",
        "type": "HTTPS",
        "priority": 1,
        "target": ".",
        "svc_params": "alpn=h3,h2 port=443",
    },
    {"name": "_8443._foo.api", "type": "SVCB", "content": "0 Pool.Example.NET."},
    {
        "name": "_sip._udp",
        "type": "URI",
        "priority": 10,
        "weight": 1,
        "target": "sip:info@example.com",
    },
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
        "name": "cert",
        "type": "CERT",
        "cert_type": 1,
        "key_tag": 0,
        "algorithm": 8,
        "certificate": "MIIB ZA==",
    },
    {"name": "4.3.2.1.in-addr", "type": "PTR", "content": "Host.Example.COM."},
    {"name": "pgp", "type": "OPENPGPKEY", "content": "mQIN BFsm ZA=="},
]


def case_id(params: dict) -> str:
    return f"{params['type']}-{params['name']}"


@pytest.fixture
def api(simulator, clock):
    """The v4 adapter on the default seed, with example.com on a paid plan (tags need one)."""
    state = simulator.state()
    for zone in state["accounts"][0]["zones"]:
        if zone["name"] == ZONE:
            zone["plan"] = "pro"
    simulator.reset(state)
    adapter = V4API(
        V4Client(
            api_token=SEED_TOKEN,
            api_url=simulator.base + "/client/v4",
            clock=clock,
            sleep=clock.sleep,
        )
    )
    yield adapter
    adapter.close()


def plan_of(api, params: dict):
    desired = read_record(ZONE, params, api.capabilities)
    return plan_record(
        api.load_records(ZONE, desired.name), desired, caps=api.capabilities
    )


def as_task(record: Record) -> dict:
    """The options a task gets from a record cf_dns_record_info returned (all but the id)."""
    options = {key: value for key, value in record.to_dict().items() if key != "id"}
    return {key: value for key, value in options.items() if value is not None}


@pytest.mark.parametrize("params", CASES, ids=[case_id(params) for params in CASES])
def test_a_record_reads_back_as_planned_and_every_spelling_is_no_change(api, params):
    plan = plan_of(api, params)
    assert [operation.kind for operation in plan.operations] == ["create"]
    (created,) = api.apply_all(ZONE, plan.operations)
    assert dataclasses.replace(created.written, id=None) == plan.record

    (read,) = [
        record
        for record in api.load_records(ZONE, plan.record.name, plan.record.type)
        if record.id == created.written.id
    ]
    assert read == created.written
    assert not plan_of(api, params).changed
    assert not plan_of(api, as_task(read)).changed


@pytest.mark.parametrize("params", CASES, ids=[case_id(params) for params in CASES])
def test_a_task_giving_only_a_comment_and_tags_changes_nothing_else(api, params):
    (created,) = api.apply_all(ZONE, plan_of(api, params).operations)
    record = created.written
    identity = {
        key: value
        for key, value in as_task(record).items()
        if key in ("name", "type", "content")
    }

    plan = plan_of(api, {**identity, "comment": "moved", "tags": ["Owner:Ops"]})
    assert [operation.kind for operation in plan.operations] == ["edit"]
    (edited,) = api.apply_all(ZONE, plan.operations)

    assert edited.written == dataclasses.replace(
        record, comment="moved", tags=frozenset({"owner:Ops"})
    )
