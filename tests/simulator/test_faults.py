# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rate limit and injected faults (spec 1.5, Appendix B 13, README fault knobs)."""

from __future__ import annotations

import time

import pytest
import requests

from conftest import EMAIL, KEY, ZONE, assert_error, state_records


def assert_maxapi(body):
    assert_error(body)
    assert body["err_code"] == "E_MAXAPI", body


def outcome(sim, action="zone_load_multi", params=None):
    """What a client sees of one call: "ok", "error:<code>", "http:<status>" or "dropped"."""
    form = {"a": action, "tkn": KEY, "email": EMAIL, **(params or {})}
    try:
        response = sim.raw(form)
    except requests.exceptions.ConnectionError:
        return "dropped"
    if response.status_code != 200:
        return f"http:{response.status_code}"
    body = response.json()
    if body["result"] == "success":
        return "ok"
    return "error:" + body.get("err_code", "")


def test_rate_limit(sim, other_account):
    knobs = sim.faults(rate_limit="5/60")
    assert knobs["rate_limit"] == "5/60"
    for dummy in range(5):
        assert sim.call("zone_load_multi")["result"] == "success"
    assert_maxapi(sim.call("zone_load_multi"))
    assert_maxapi(sim.call("rec_load_all", {"z": ZONE}))
    stats = sim.stats()
    assert stats["rate_limited"] == 2
    assert stats["total"] == 7
    identity = {"email": other_account["email"], "key": other_account["key"]}
    assert (
        sim.call("zone_load_multi", **identity)["result"] == "success"
    ), "the limit is per account"
    sim.advance_clock(61)
    assert (
        sim.call("zone_load_multi")["result"] == "success"
    ), "the window moves with the clock"


def test_failed_calls_count_against_the_limit(sim):
    """Appendix B 13: failed calls count too."""
    sim.faults(rate_limit="3/300")
    assert_error(sim.call("rec_load_all", {"z": "nowhere.example"}))
    assert_error(sim.call("sec_lvl", {"z": ZONE, "v": "bogus"}))
    assert sim.call("zone_load_multi")["result"] == "success"
    assert_maxapi(sim.call("zone_load_multi"))


def test_default_rate_limit_is_1200_per_300_seconds(sim):
    assert sim.control("GET", "/_sim/faults")["rate_limit"] == "1200/300"


def test_http_5xx_fault(sim):
    sim.faults(fail_rate=1.0)
    for dummy in range(3):
        response = sim.raw({"a": "zone_load_multi", "tkn": KEY, "email": EMAIL})
        assert 500 <= response.status_code <= 599
    assert sim.stats()["faults"]["http_5xx"] == 3
    assert sim.stats()["total"] == 3


def test_drop_fault(sim):
    sim.faults(drop_rate=1.0)
    with pytest.raises(requests.exceptions.ConnectionError):
        sim.raw(
            {
                "a": "rec_new",
                "tkn": KEY,
                "email": EMAIL,
                "z": ZONE,
                "type": "A",
                "name": "dropped",
                "content": "198.51.100.40",
            }
        )
    sim.faults(drop_rate=0.0)
    assert not [
        rec for rec in state_records(sim.state()) if rec["name"] == "dropped." + ZONE
    ], "a dropped call is not applied"
    assert sim.stats()["faults"]["drop"] == 1


def test_maxapi_fault(sim):
    sim.faults(maxapi_rate=1.0)
    assert_maxapi(sim.call("zone_load_multi"))
    assert_maxapi(
        sim.call(
            "rec_new",
            {"z": ZONE, "type": "A", "name": "limited", "content": "198.51.100.41"},
        )
    )
    assert sim.stats()["faults"]["maxapi"] == 2
    sim.faults(maxapi_rate=0.0)
    assert not [
        rec for rec in state_records(sim.state()) if rec["name"] == "limited." + ZONE
    ], "an E_MAXAPI answer means the call was not applied"


def test_applied_then_dropped(sim):
    sim.faults(applied_drop_rate=1.0)
    with pytest.raises(requests.exceptions.ConnectionError):
        sim.raw(
            {
                "a": "rec_new",
                "tkn": KEY,
                "email": EMAIL,
                "z": ZONE,
                "type": "A",
                "name": "ghost",
                "content": "198.51.100.42",
            }
        )
    ghosts = [
        rec for rec in state_records(sim.state()) if rec["name"] == "ghost." + ZONE
    ]
    assert len(ghosts) == 1 and ghosts[0]["content"] == "198.51.100.42"
    assert (
        sim.call("zone_load_multi")["result"] == "success"
    ), "reads are not write calls"
    assert sim.stats()["faults"]["applied_drop"] == 1


@pytest.mark.parametrize(
    "knob", ["fail_rate", "drop_rate", "maxapi_rate", "applied_drop_rate"]
)
def test_fault_flags_at_start(start_sim, knob):
    flag = "--" + knob.replace("_", "-")
    server = start_sim(flag, "1.0", "--max-faults", "1", "--fault-actions", "rec_new")
    knobs = server.control("GET", "/_sim/faults")
    assert knobs[knob] == 1.0 and knobs["max_faults"] == 1
    params = {"z": ZONE, "type": "TXT", "name": "flag", "content": knob}
    assert outcome(server, "zone_load_multi") == "ok"
    first = outcome(server, "rec_new", params)
    assert first != "ok"
    assert outcome(server, "rec_new", params) in ("ok", "error:E_INVLDINPUT")
    assert (
        len(
            [
                rec
                for rec in state_records(server.state())
                if rec["name"] == "flag." + ZONE
            ]
        )
        == 1
    )


def fault_sequence(sim, seed, calls=40):
    sim.reset()
    sim.faults(fault_seed=seed, fail_rate=0.3, maxapi_rate=0.3)
    return [outcome(sim) for dummy in range(calls)]


def test_fault_seed_reproduces_the_sequence(sim):
    first = fault_sequence(sim, 7)
    assert first == fault_sequence(sim, 7)
    assert {"ok", "error:E_MAXAPI"} <= set(first)
    assert any(item.startswith("http:5") for item in first)
    assert first != fault_sequence(sim, 8)


def test_max_faults(sim):
    sim.faults(fail_rate=1.0, max_faults=2)
    results = [outcome(sim) for dummy in range(4)]
    assert all(item.startswith("http:5") for item in results[:2]), results
    assert results[2:] == ["ok", "ok"], results
    assert sim.stats()["faults"]["http_5xx"] == 2


def test_fault_actions_filter(sim):
    knobs = sim.faults(maxapi_rate=1.0, fault_actions=["rec_new", "rec_edit"])
    assert sorted(knobs["fault_actions"]) == ["rec_edit", "rec_new"]
    assert outcome(sim, "zone_load_multi") == "ok"
    assert outcome(sim, "rec_load_all", {"z": ZONE}) == "ok"
    assert (
        outcome(sim, "rec_new", {"z": ZONE, "type": "TXT", "name": "f", "content": "x"})
        == "error:E_MAXAPI"
    )
    assert (
        outcome(
            sim,
            "rec_edit",
            {
                "z": ZONE,
                "id": "9001",
                "type": "A",
                "name": "sub",
                "content": "198.51.100.43",
                "ttl": 1,
            },
        )
        == "error:E_MAXAPI"
    )


def test_fault_actions_as_comma_string(sim):
    sim.faults(fail_rate=1.0, fault_actions="zone_settings")
    assert outcome(sim, "zone_load_multi") == "ok"
    assert outcome(sim, "zone_settings", {"z": ZONE}).startswith("http:5")


def test_faults_answer_and_reset(sim):
    knobs = sim.faults(latency_ms=5, drop_rate=0.25)
    assert knobs["latency_ms"] == 5 and knobs["drop_rate"] == 0.25
    assert sim.control("GET", "/_sim/faults") == knobs
    sim.reset()
    after = sim.control("GET", "/_sim/faults")
    assert after["latency_ms"] == 0 and after["drop_rate"] == 0
    assert (
        after["fail_rate"] == 0
        and after["maxapi_rate"] == 0
        and after["applied_drop_rate"] == 0
    )


def test_bad_fault_knob_is_refused(sim):
    response = requests.post(
        sim.base + "/_sim/faults", json={"fail_rate": 2}, timeout=10
    )
    assert response.status_code == 400
    response = requests.post(
        sim.base + "/_sim/faults", json={"no_such_knob": 1}, timeout=10
    )
    assert response.status_code == 400
    assert sim.control("GET", "/_sim/faults")["fail_rate"] == 0


def test_latency(sim):
    """Injected latency delays every v1 call by at least the set time (a lower bound cannot flake)."""
    sim.faults(latency_ms=250)
    started = time.monotonic()
    assert sim.call("zone_load_multi")["result"] == "success"
    assert time.monotonic() - started >= 0.25


def test_latency_flag(start_sim):
    server = start_sim("--latency-ms", "200")
    assert server.control("GET", "/_sim/faults")["latency_ms"] == 200
    started = time.monotonic()
    assert server.call("zone_load_multi")["result"] == "success"
    assert time.monotonic() - started >= 0.2


def test_rate_limit_flag(start_sim):
    server = start_sim("--rate-limit", "2/300")
    assert server.call("zone_load_multi")["result"] == "success"
    assert server.call("zone_load_multi")["result"] == "success"
    assert_maxapi(server.call("zone_load_multi"))
    server.reset()
    assert (
        server.call("zone_load_multi")["result"] == "success"
    ), "reset empties the window"
    assert (
        server.control("GET", "/_sim/faults")["rate_limit"] == "2/300"
    ), "reset keeps start-up knobs"
