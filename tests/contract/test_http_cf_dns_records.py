# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_records against the real simulator over loopback HTTP, with concurrent writes and injected faults."""

from __future__ import annotations

import collections
import functools

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_dns_record_info,
    cf_dns_records,
)
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (
    SEED_EMAIL,
    SEED_KEY,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)

ZONE = "bulk.example"
WRITES = ("rec_new", "rec_edit", "rec_delete")


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    """Retries without waiting, so injected faults cost no test time."""
    monkeypatch.setattr(
        _backend, "V1Client", functools.partial(V1Client, sleep=lambda seconds: None)
    )


def declared(count: int) -> list[dict]:
    """``count`` records of several types; every fifth A record is proxied."""
    records = []
    for index in range(count):
        kind = index % 5
        if kind in (0, 1):
            records.append(
                {
                    "name": f"host{index}",
                    "type": "A",
                    "content": f"198.51.100.{index % 250 + 1}",
                    "proxied": index % 10 == 0,
                }
            )
        elif kind == 2:
            records.append(
                {
                    "name": f"host{index}",
                    "type": "AAAA",
                    "content": f"2001:db8::{index:x}",
                    "ttl": 300,
                }
            )
        elif kind == 3:
            records.append(
                {
                    "name": f"alias{index}",
                    "type": "CNAME",
                    "content": f"host{index - 3}.{ZONE}",
                }
            )
        else:
            records.append({"name": "@", "type": "TXT", "content": f"token {index}"})
    return records


def empty_zone(simulator, records=()):
    simulator.reset(
        {
            "accounts": [
                {
                    "email": SEED_EMAIL,
                    "key": SEED_KEY,
                    "zones": [{"name": ZONE, "id": 7, "records": list(records)}],
                }
            ]
        }
    )


def run(simulator, records, **args):
    base = {
        "api_email": SEED_EMAIL,
        "api_key": SEED_KEY,
        "api_url": simulator.url,
        "zone": ZONE,
        "records": records,
    }
    base.update(args)
    return run_module(cf_dns_records, base)


def calls_during(simulator, action):
    """Run ``action()`` and return its result and the v1 calls it made, by action."""
    before = collections.Counter(simulator.stats()["calls"])
    result = action()
    return result, dict(collections.Counter(simulator.stats()["calls"]) - before)


def zone_contents(simulator):
    """The zone's records as sorted (name, type, content, proxied) tuples; duplicates stay visible."""
    zone = next(
        zone
        for zone in simulator.state()["accounts"][0]["zones"]
        if zone["name"] == ZONE
    )
    return sorted(
        (
            record["name"],
            record["type"],
            record["content"],
            bool(record["service_mode"]),
        )
        for record in zone["records"]
    )


def expected_contents(records):
    expected = []
    for record in records:
        name = ZONE if record["name"] == "@" else f"{record['name']}.{ZONE}"
        expected.append(
            (name, record["type"], record["content"], bool(record.get("proxied")))
        )
    return sorted(expected)


def test_concurrent_converge_then_a_rerun_only_reads(simulator):
    empty_zone(simulator)
    records = declared(400)
    proxied = sum(1 for record in records if record.get("proxied"))
    result, calls = calls_during(
        simulator, lambda: run(simulator, records, concurrency=10)
    )
    assert (
        result["changed"],
        result["created"],
        result["updated"],
        result["deleted"],
    ) == (True, 400, 0, 0)
    assert calls == {"rec_load_all": 1, "rec_new": 400, "rec_edit": proxied}
    assert result.call_report["api_calls"] == 1 + 400 + proxied
    assert zone_contents(simulator) == expected_contents(records)

    again, calls = calls_during(simulator, lambda: run(simulator, records))
    assert (again["changed"], again["unchanged"], again["plan"]) == (False, 400, [])
    assert calls == {"rec_load_all": 4}


def test_concurrent_prune_edits_in_place_and_deletes_the_rest(simulator):
    old = declared(300)
    empty_zone(
        simulator,
        [
            dict(record, service_mode=int(bool(record.pop("proxied", False))))
            for record in declared(300)
        ],
    )
    new = [
        dict(record, ttl=600) if record["type"] == "A" else record
        for record in old[:250]
    ]
    result, calls = calls_during(
        simulator, lambda: run(simulator, new, prune=True, max_deletes=50)
    )
    changed_a = sum(1 for record in new if record["type"] == "A")
    assert (result["updated"], result["deleted"], result["created"]) == (
        changed_a,
        50,
        0,
    )
    assert calls == {"rec_load_all": 2, "rec_edit": changed_a, "rec_delete": 50}
    assert zone_contents(simulator) == expected_contents(new)


def test_failed_writes_are_listed_and_a_rerun_converges_without_duplicates(simulator):
    empty_zone(
        simulator,
        [
            {"name": "keep", "type": "A", "content": "198.51.100.1"},
            {"name": "edit1", "type": "A", "content": "198.51.100.2"},
            {"name": "edit2", "type": "TXT", "content": "old"},
            {"name": "gone", "type": "A", "content": "198.51.100.3"},
        ],
    )
    # The creates come first, so they are under way before the edits fail and stop new writes.
    records = [
        {"name": "new1", "type": "A", "content": "198.51.100.4"},
        {"name": "new2", "type": "MX", "content": "mx.example.net", "priority": 5},
        {"name": "keep", "type": "A", "content": "198.51.100.1"},
        {"name": "edit1", "type": "A", "content": "198.51.100.2", "ttl": 900},
        {"name": "edit2", "type": "TXT", "content": "new", "solo": True},
    ]
    simulator.faults(fail_rate=1.0, fault_actions=["rec_edit"])
    failed, calls = calls_during(simulator, lambda: run(simulator, records, prune=True))
    # three rounds, each a read and 5 attempts of both edits; the creates are made in round 1 only
    assert calls == {"rec_load_all": 3, "rec_new": 2, "rec_edit": 30}
    assert failed["failed"] is True
    assert failed["changed"] is True
    by_outcome = collections.defaultdict(list)
    for change in failed["plan"]:
        by_outcome[change["outcome"]].append(
            (change["action"], (change["after"] or change["before"])["name"])
        )
    assert sorted(by_outcome["applied"]) == [
        ("create", f"new1.{ZONE}"),
        ("create", f"new2.{ZONE}"),
    ]
    assert sorted(by_outcome["failed"]) == [
        ("update", f"edit1.{ZONE}"),
        ("update", f"edit2.{ZONE}"),
    ]
    assert by_outcome["not_attempted"] == [("delete", f"gone.{ZONE}")]
    assert all(
        change["error"].startswith("rec_edit failed after 5 attempts")
        for change in failed["plan"]
        if change["outcome"] == "failed"
    )
    assert "2 of 5 changes failed, 1 not attempted, 2 applied" in failed["msg"]
    assert simulator.stats()["calls"]["rec_new"] == 2

    simulator.faults(fail_rate=0)
    rerun, calls = calls_during(simulator, lambda: run(simulator, records, prune=True))
    assert (
        rerun["created"],
        rerun["updated"],
        rerun["deleted"],
        rerun["unchanged"],
    ) == (0, 2, 1, 3)
    assert calls == {"rec_load_all": 1, "rec_edit": 2, "rec_delete": 1}
    assert zone_contents(simulator) == expected_contents(records)
    assert run(simulator, records, prune=True)["changed"] is False


def test_applied_but_unanswered_creates_are_adopted_not_duplicated(simulator):
    empty_zone(simulator)
    records = declared(60)
    simulator.faults(applied_drop_rate=0.2, fault_actions=["rec_new"], fault_seed=7)
    result = run(simulator, records, concurrency=10)
    lost = simulator.stats()["faults"]["applied_drop"]
    assert lost > 0
    assert result["created"] == 60
    assert simulator.stats()["calls"]["rec_new"] == 60
    assert simulator.stats()["calls"]["rec_load_all"] == 1 + lost
    assert zone_contents(simulator) == expected_contents(records)


def test_unanswered_creates_that_were_not_applied_are_sent_again(simulator):
    empty_zone(simulator)
    records = declared(40)
    simulator.faults(drop_rate=1.0, fault_actions=["rec_new"], max_faults=1)
    result = run(simulator, records, concurrency=4)
    assert result["created"] == 40
    assert simulator.stats()["calls"] == {
        "rec_load_all": 2,
        "rec_new": 41,
        "rec_edit": 4,
    }
    assert zone_contents(simulator) == expected_contents(records)


def test_check_mode_writes_nothing(simulator):
    empty_zone(simulator, [{"name": "gone", "type": "A", "content": "198.51.100.3"}])
    result, calls = calls_during(
        simulator,
        lambda: run(simulator, declared(20), prune=True, _ansible_check_mode=True),
    )
    assert (result["created"], result["deleted"]) == (20, 1)
    assert calls == {"rec_load_all": 1}
    assert not set(calls) & set(WRITES)


def test_the_apex_wildcard_converges_in_every_spelling(simulator):
    empty_zone(simulator)
    for name in ("*", f"*.{ZONE}", "*.Bulk.EXAMPLE."):
        result = run(
            simulator,
            [{"name": name, "type": "A", "content": "203.0.113.42", "ttl": 300}],
        )
        assert "failed" not in result, result
    assert zone_contents(simulator) == [(f"*.{ZONE}", "A", "203.0.113.42", False)]
    changed = run(
        simulator,
        [{"name": "*", "type": "A", "content": "203.0.113.42", "proxied": True}],
    )
    assert (changed["changed"], changed["updated"]) == (True, 1), changed


def test_info_output_restores_the_zone_unchanged(simulator):
    empty_zone(simulator)
    original = declared(20) + [
        {"name": "@", "type": "MX", "content": f"mail.{ZONE}", "priority": 10},
        {
            "name": "@",
            "type": "SRV",
            "service": "_sip",
            "proto": "_tcp",
            "priority": 10,
            "weight": 5,
            "port": 5060,
            "target": f"sip.{ZONE}",
        },
    ]
    run(simulator, original)
    before = zone_contents(simulator)
    exported = run_module(
        cf_dns_record_info,
        {
            "api_email": SEED_EMAIL,
            "api_key": SEED_KEY,
            "api_url": simulator.url,
            "zone": ZONE,
        },
    )["records"]

    again = run(simulator, exported, prune=True)
    assert (again["changed"], again["unchanged"]) == (False, len(exported)), again

    empty_zone(simulator)
    restored = run(simulator, exported)
    assert "failed" not in restored, restored
    assert restored["created"] == len(exported) == len(original)
    assert zone_contents(simulator) == before


def test_an_input_error_found_before_the_writes_makes_none_of_them(simulator):
    empty_zone(simulator)
    result, calls = calls_during(
        simulator,
        lambda: run(
            simulator,
            [
                {"name": "a", "type": "A", "content": "203.0.113.1"},
                {"name": "b", "type": "A", "content": "203.0.113.2"},
                {"name": "long", "type": "TXT", "content": "y" * 3000},
            ],
        ),
    )
    assert result["failed"] is True
    assert result["msg"] == (
        f"records[2]: TXT content {'y' * 60!r}... (3000 characters) is longer than the 2048 "
        "characters the API takes (record long.bulk.example)"
    )
    assert calls == {}
