# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_record and cf_dns_record_info against the real simulator, over loopback HTTP."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_dns_record,
    cf_dns_record_info,
)
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (
    SEED_EMAIL,
    SEED_KEY,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)

ZONE = "example.com"


def run(simulator, module=cf_dns_record, **args):
    base = {
        "api_email": SEED_EMAIL,
        "api_key": SEED_KEY,
        "api_url": simulator.url,
        "zone": ZONE,
    }
    base.update(args)
    return run_module(module, base)


def zone_records(simulator):
    zone = next(
        zone
        for zone in simulator.state()["accounts"][0]["zones"]
        if zone["name"] == ZONE
    )
    return zone["records"]


ROUND_TRIPS = [
    (
        {"name": "v4", "type": "A", "content": "203.0.113.77", "proxied": True},
        "203.0.113.77",
    ),
    (
        {"name": "v6.example.com.", "type": "AAAA", "content": "2001:DB8:0:0::77"},
        "2001:db8::77",
    ),
    (
        {"name": "alias", "type": "CNAME", "content": "Target.Example.NET."},
        "target.example.net",
    ),
    (
        {
            "name": "@",
            "type": "MX",
            "content": "mx2.example.net",
            "priority": 20,
            "ttl": 600,
        },
        "mx2.example.net",
    ),
    (
        {"name": "txt", "type": "TXT", "content": '  spaced; "quoted" text  '},
        '  spaced; "quoted" text  ',
    ),
    ({"name": "spf", "type": "SPF", "content": "v=spf1 -all"}, "v=spf1 -all"),
    (
        {"name": "delegated", "type": "NS", "content": "ns1.example.net"},
        "ns1.example.net",
    ),
    (
        {
            "name": "voice",
            "type": "SRV",
            "service": "sip",
            "proto": "TLS",
            "priority": 1,
            "weight": 2,
            "port": 5061,
            "target": "sip.example.net.",
        },
        "2 5061 sip.example.net",
    ),
    (
        {
            "name": "office",
            "type": "LOC",
            "content": "51 30 12.748 N  0 7 39.611 W 0.00m",
        },
        "51 30 12.748 N 0 7 39.611 W 0m 1m 10000m 10m",
    ),
]


@pytest.mark.parametrize(
    "args, content", ROUND_TRIPS, ids=[case[0]["type"] for case in ROUND_TRIPS]
)
def test_each_type_round_trips_and_is_idempotent(simulator, args, content):
    created = run(simulator, **args)
    assert created["changed"] is True, created
    assert created["record"]["content"] == content
    writes = simulator.stats()["calls"]
    assert writes.get("rec_new") == 1
    assert writes.get("rec_edit", 0) == (1 if args.get("proxied") else 0)

    again = run(simulator, **args)
    assert again == {"changed": False, "record": created["record"]}
    info = run(
        simulator,
        cf_dns_record_info,
        name=created["record"]["name"],
        type=args["type"],
        content=content,
    )
    assert info["records"] == [created["record"]]
    assert simulator.stats()["calls"].get("rec_new") == 1


def test_applied_but_unanswered_rec_new_is_adopted_not_duplicated(simulator):
    simulator.faults(applied_drop_rate=1.0, fault_actions="rec_new", max_faults=1)
    result = run(simulator, name="app", type="A", content="203.0.113.50", proxied=True)
    assert result["changed"] is True
    assert result["record"]["proxied"] is True
    matching = [
        record
        for record in zone_records(simulator)
        if record["name"] == "app.example.com"
    ]
    assert len(matching) == 1
    assert matching[0]["id"] == result["record"]["id"]
    assert simulator.stats()["calls"] == {
        "rec_load_all": 2,
        "rec_new": 1,
        "rec_edit": 1,
    }


def test_unanswered_rec_new_that_was_not_applied_is_sent_again(simulator):
    simulator.faults(drop_rate=1.0, fault_actions="rec_new", max_faults=1)
    result = run(simulator, name="app", type="A", content="203.0.113.50")
    assert result["changed"] is True
    assert [record["name"] for record in zone_records(simulator)].count(
        "app.example.com"
    ) == 1
    assert simulator.stats()["calls"] == {"rec_load_all": 2, "rec_new": 2}


@pytest.mark.parametrize("name", ["*", "*.example.com", "*.Example.COM."])
def test_the_apex_wildcard_is_created_changed_and_left_alone(simulator, name):
    created = run(simulator, name=name, type="A", content="203.0.113.42")
    assert created["changed"] is True, created
    assert created["record"]["name"] == "*.example.com"

    changed = run(
        simulator, name=name, type="A", content="203.0.113.42", ttl=300, proxied=True
    )
    assert (
        changed["changed"],
        changed["record"]["ttl"],
        changed["record"]["proxied"],
    ) == (True, 300, True), changed

    again = run(
        simulator, name=name, type="A", content="203.0.113.42", ttl=300, proxied=True
    )
    assert again["changed"] is False
    assert [
        (record["name"], record["ttl"])
        for record in zone_records(simulator)
        if record["name"].startswith("*")
    ] == [("*.example.com", 300)]


def test_moving_a_proxied_record_to_a_private_address_is_refused_before_any_write(
    simulator,
):
    for check_mode in (True, False):
        result = run(
            simulator,
            name="@",
            type="A",
            content="10.0.0.5",
            solo=True,
            _ansible_check_mode=check_mode,
        )
        assert result["failed"] is True
        assert result["msg"] == (
            "example.com A is proxied, and CloudFlare cannot proxy 10.0.0.5 (not a public "
            "address): set proxied: false to move the record there"
        )
    assert simulator.stats()["calls"] == {"rec_load_all": 2}

    moved = run(
        simulator, name="@", type="A", content="10.0.0.5", solo=True, proxied=False
    )
    assert (moved["changed"], moved["record"]["proxied"], moved["record"]["id"]) == (
        True,
        False,
        "9000",
    )


def test_text_the_api_would_refuse_is_refused_before_any_call(simulator):
    result = run(simulator, name="long", type="TXT", content="x" * 2100)
    assert result["failed"] is True
    assert result["msg"] == (
        f"TXT content {'x' * 60!r}... (2100 characters) is longer than the 2048 characters the "
        "API takes (record long.example.com)"
    )
    assert simulator.stats()["total"] == 0


def test_an_unknown_zone_gets_the_message_every_module_gives(simulator):
    for module in (cf_dns_record, cf_dns_record_info):
        result = run(
            simulator,
            module,
            zone="example.net",
            name="www",
            type="A",
            content="203.0.113.1",
        )
        assert result["failed"] is True
        assert result["msg"] == "Zone example.net was not found in the account"
        assert result["zone"] == "example.net"
