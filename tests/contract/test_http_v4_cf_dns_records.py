# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_records on API v4 against the real simulator over loopback HTTP: batches, refusals, faults.

The calls are counted by the simulator (``/_sim/stats``), the zone read back from its state, so
every figure here is what CloudFlare would have received and kept.
"""

from __future__ import annotations

import collections
import functools

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    V4Client,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_records
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (
    SEED_TOKEN,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)

ZONE = "bulk.example"
LOOKUP = "GET /zones"
RECORDS = "GET /zones/{zone_id}/dns_records"
BATCH = "POST /zones/{zone_id}/dns_records/batch"


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch, clock):
    """Retries and rate-limit waits on a fake clock, so injected faults cost no test time."""
    monkeypatch.setattr(
        _backend,
        "V4Client",
        functools.partial(V4Client, clock=clock, sleep=clock.sleep),
    )


def zone_of(simulator, plan="free", records=()):
    """The default seed (its token reads every zone of the account) plus ZONE on ``plan``."""
    simulator.reset()
    state = simulator.state()
    state["accounts"][0]["zones"].append(
        {"name": ZONE, "id": 7, "plan": plan, "records": list(records)}
    )
    simulator.reset(state)


def run(simulator, records, **args):
    return run_module(
        cf_dns_records,
        {
            "api_token": SEED_TOKEN,
            "api_url": simulator.base + "/client/v4",
            "zone": ZONE,
            "records": records,
            **args,
        },
    )


def calls_during(simulator, action):
    """Run ``action()``; its result and the v4 calls it made, by endpoint."""
    before = collections.Counter(simulator.stats().get("v4_calls", {}))
    result = action()
    after = collections.Counter(simulator.stats().get("v4_calls", {}))
    return result, dict(after - before)


def contents(simulator):
    """The zone's records as sorted (name, type, content) tuples; duplicates stay visible."""
    zone = next(
        zone
        for zone in simulator.state()["accounts"][0]["zones"]
        if zone["name"] == ZONE
    )
    return sorted(
        (record["name"], record["type"], record["content"])
        for record in zone["records"]
    )


def txt(index: int, **extra) -> dict:
    return {"name": f"t{index}", "type": "TXT", "content": f"token {index}", **extra}


def expected(records) -> list:
    return sorted(
        (f"{record['name']}.{ZONE}", record["type"], record["content"])
        for record in records
    )


@pytest.mark.parametrize("plan, batches", [("free", 2), ("pro", 1)])
def test_a_converge_costs_the_reads_and_one_call_a_batch_then_a_rerun_two(
    simulator, plan, batches
):
    zone_of(simulator, plan)
    records = [txt(index) for index in range(350)]

    first, calls = calls_during(simulator, lambda: run(simulator, records))
    assert calls == {LOOKUP: 1, RECORDS: 1, BATCH: batches}
    assert first["created"] == 350
    assert first.call_report["api_calls"] == first["api_calls_planned"] == 2 + batches
    assert contents(simulator) == expected(records)

    again, calls = calls_during(simulator, lambda: run(simulator, records))
    assert calls == {LOOKUP: 1, RECORDS: 1}
    assert (again["changed"], again["unchanged"]) == (False, 350)


def test_a_cname_replaces_the_a_records_of_its_name_in_one_batch(simulator):
    zone_of(
        simulator,
        records=[
            {"name": "sub", "type": "A", "content": "198.51.100.1"},
            {"name": "sub", "type": "A", "content": "198.51.100.2"},
            {"name": "sub", "type": "AAAA", "content": "2001:db8::1"},
        ],
    )
    records = [
        {"name": "sub", "type": "A", "state": "absent"},
        {"name": "sub", "type": "AAAA", "state": "absent"},
        {"name": "sub", "type": "CNAME", "content": "target.example.net"},
    ]

    result, calls = calls_during(simulator, lambda: run(simulator, records))

    assert calls == {LOOKUP: 1, RECORDS: 1, BATCH: 1}
    assert (result["created"], result["deleted"]) == (1, 3)
    assert contents(simulator) == [(f"sub.{ZONE}", "CNAME", "target.example.net")]


def test_a_batch_the_api_refuses_names_the_record_and_applies_nothing_of_it(
    simulator,
):
    zone_of(simulator)
    # Our client takes comments up to the paid plans' length; the Free plan takes 100 characters.
    records = [txt(index) for index in range(9)]
    records[4] = txt(4, comment="c" * 150)

    failed, calls = calls_during(
        simulator, lambda: run(simulator, records, batch_size=3)
    )

    assert calls == {LOOKUP: 1, RECORDS: 1, BATCH: 2}
    assert failed["failed"] is True
    assert [change["outcome"] for change in failed["plan"]] == (
        ["applied"] * 3 + ["not_attempted", "failed"] + ["not_attempted"] * 4
    )
    blamed = failed["plan"][4]["error"]
    assert blamed.startswith(
        "batch 2 of 3 was refused for this change, so none of its 3 changes was applied "
        "(batch 1 applied before it): "
    )
    assert "free plan" in blamed and "/posts/1/comment" in blamed
    assert f"create t4.{ZONE} TXT token 4: batch 2 of 3" in failed["msg"]
    assert contents(simulator) == expected(records[:3])

    records[4] = txt(4, comment="c" * 100)
    fixed, calls = calls_during(
        simulator, lambda: run(simulator, records, batch_size=3)
    )
    assert calls == {LOOKUP: 1, RECORDS: 1, BATCH: 2}
    assert (fixed["created"], fixed["unchanged"]) == (6, 3)
    assert contents(simulator) == expected(records)


def test_check_mode_writes_nothing_and_plans_the_calls_of_the_real_run(simulator):
    zone_of(simulator, records=[txt(index) for index in range(0, 500, 2)])
    records = [txt(index) for index in range(500)]

    preview, calls = calls_during(
        simulator, lambda: run(simulator, records, _ansible_check_mode=True)
    )
    assert calls == {LOOKUP: 1, RECORDS: 1}
    assert (preview["created"], preview["unchanged"]) == (250, 250)
    assert preview["api_calls_planned"] == 2 + 2

    real, calls = calls_during(simulator, lambda: run(simulator, records))
    assert sum(calls.values()) == real.call_report["api_calls"] == 4
    assert contents(simulator) == expected(records)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_under_faults_nothing_is_lost_or_duplicated_and_a_rerun_is_unchanged(
    simulator, seed
):
    zone_of(
        simulator,
        "pro",
        [txt(index) for index in range(0, 300, 3)]
        + [
            {"name": f"old{index}", "type": "A", "content": "198.51.100.9"}
            for index in range(20)
        ],
    )
    records = [txt(index, ttl=300) for index in range(300)]
    simulator.faults(
        fail_rate=0.10,
        drop_rate=0.05,
        applied_drop_rate=0.05,
        maxapi_rate=0.02,
        fault_seed=seed,
    )

    first = run(simulator, records, prune=True, max_deletes=20, batch_size=25)
    faults = simulator.stats()["faults"]
    simulator.faults(fail_rate=0, drop_rate=0, applied_drop_rate=0, maxapi_rate=0)

    assert not first.get("failed"), first["msg"]
    assert (first["created"], first["updated"], first["deleted"]) == (200, 100, 20)
    assert faults["http_5xx"] + faults["drop"] + faults["applied_drop"] > 0
    assert contents(simulator) == expected(records)
    again = run(simulator, records, prune=True, max_deletes=20, batch_size=25)
    assert (again["changed"], again["unchanged"]) == (False, 300)
