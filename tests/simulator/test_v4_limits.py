# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""v4 rate limit (notes 2), every fault knob and flag on v4, /_sim/stats per endpoint, routing."""

from __future__ import annotations

import http.client
import json
import time

import pytest
import requests

from conftest import (
    EMAIL,
    HTTP_TIMEOUT,
    KEY,
    TOKEN,
    TOKEN_OTHER,
    ZONE,
    ZONE_V4,
    record_v4_id,
    state_records,
)

RECORDS = f"/zones/{ZONE_V4}/dns_records"
LIST = "GET /zones/{zone_id}/dns_records"
CREATE = "POST /zones/{zone_id}/dns_records"


def freeze(sim):
    sim.control("POST", "/_sim/clock", {"freeze": True})


def ratelimit(response):
    return response.headers["Ratelimit"], response.headers["Ratelimit-Policy"]


# --- the rate limit --------------------------------------------------------------------------------------


def test_headers_on_every_answer(sim):
    freeze(sim)
    first = sim.v4("GET", "/zones")
    assert ratelimit(first) == ('"default";r=1199;t=300', '"default";q=1200;w=300')
    sim.advance_clock(100)
    second = sim.v4("GET", "/zones/nowhere")
    assert ratelimit(second) == (
        '"default";r=1198;t=200',
        '"default";q=1200;w=300',
    ), "failed calls count too"
    assert "Retry-After" not in second.headers


def test_over_the_limit_blocks_the_whole_user(sim):
    """notes 2: past 1,200 calls in 300 s every call of the user gets 429 for the next 300 s."""
    freeze(sim)
    sim.faults(rate_limit="3/60")
    for dummy in range(3):
        sim.v4_ok("GET", "/zones")
    limited = sim.v4("GET", "/zones")
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "60"
    assert limited.json()["errors"][0]["code"] == 971
    sim.advance_clock(59)
    assert (
        sim.v4(
            "GET",
            RECORDS,
            token=None,
            headers={"X-Auth-Email": EMAIL, "X-Auth-Key": KEY},
        ).headers["Retry-After"]
        == "1"
    ), "the global key is the same user"
    assert (
        sim.call("zone_load_multi")["err_code"] == "E_MAXAPI"
    ), "v1 calls of a blocked user are refused too"
    assert sim.v4_ok("GET", "/zones", token=TOKEN_OTHER), "other users are not blocked"
    sim.advance_clock(1)
    assert (
        sim.v4("GET", "/zones").status_code == 200
    ), "the block ends, and refused calls did not count"
    assert sim.stats()["rate_limited"] == 3


def test_rate_block_knob_and_flag(sim, start_sim):
    freeze(sim)
    assert sim.faults(rate_limit="1/60", rate_block=600)["rate_block"] == 600
    sim.v4_ok("GET", "/zones")
    assert sim.v4("GET", "/zones").headers["Retry-After"] == "600"
    sim.advance_clock(599)
    assert sim.v4("GET", "/zones").status_code == 429
    sim.advance_clock(1)
    assert sim.v4("GET", "/zones").status_code == 200
    server = start_sim("--rate-limit", "1/30", "--rate-block", "45")
    assert server.control("GET", "/_sim/faults")["rate_block"] == 45
    server.v4_ok("GET", "/zones")
    assert server.v4("GET", "/zones").headers["Retry-After"] == "45"


def test_default_limit_and_block(sim):
    knobs = sim.control("GET", "/_sim/faults")
    assert (knobs["rate_limit"], knobs["rate_block"]) == ("1200/300", 300)


def test_v1_and_v4_share_the_window(sim):
    freeze(sim)
    sim.faults(rate_limit="3/300")
    sim.call("zone_load_multi")
    sim.call("zone_load_multi")
    assert sim.v4("GET", "/zones").headers["Ratelimit"] == '"default";r=0;t=300'
    assert sim.v4("GET", "/zones").status_code == 429


def test_v1_alone_is_never_blocked(sim):
    """v1 keeps its sliding window: E_MAXAPI while over it, no block after (spec Appendix B 13)."""
    freeze(sim)
    sim.faults(rate_limit="2/60")
    assert [sim.call("zone_load_multi")["result"] for dummy in range(3)] == [
        "success",
        "success",
        "error",
    ]
    sim.advance_clock(61)
    assert sim.call("zone_load_multi")["result"] == "success"


# --- faults ----------------------------------------------------------------------------------------------


def outcome(sim, method="GET", path="/zones", **kwargs):
    try:
        response = sim.v4(method, path, **kwargs)
    except requests.exceptions.ConnectionError:
        return "dropped"
    return str(response.status_code)


def test_http_5xx_fault(sim):
    sim.faults(fail_rate=1.0)
    responses = [sim.v4("GET", "/zones") for dummy in range(3)]
    assert sorted(response.status_code for response in responses) == [500, 502, 503]
    assert all(
        response.headers["Content-Type"] == "text/html" for response in responses
    )
    assert sim.stats()["faults"]["http_5xx"] == 3


def test_drop_fault_applies_nothing(sim):
    sim.faults(drop_rate=1.0)
    assert (
        outcome(
            sim,
            "POST",
            RECORDS,
            json={"type": "TXT", "name": "dropped", "content": "x"},
        )
        == "dropped"
    )
    sim.faults(drop_rate=0.0)
    assert not [
        record
        for record in state_records(sim.state())
        if record["name"] == "dropped." + ZONE
    ]


def test_maxapi_fault_is_a_429_without_a_block(sim):
    sim.faults(maxapi_rate=1.0, max_faults=1)
    limited = sim.v4(
        "POST", RECORDS, json={"type": "TXT", "name": "limited", "content": "x"}
    )
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert sim.v4("GET", "/zones").status_code == 200
    assert not [
        record
        for record in state_records(sim.state())
        if record["name"] == "limited." + ZONE
    ]
    assert sim.stats()["faults"]["maxapi"] == 1


def test_applied_drop_applies_writes_only(sim):
    sim.faults(applied_drop_rate=1.0)
    assert outcome(sim) == "200", "reads are not writes"
    assert (
        outcome(
            sim, "POST", RECORDS, json={"type": "TXT", "name": "ghost", "content": "x"}
        )
        == "dropped"
    )
    assert outcome(sim, "DELETE", f"{RECORDS}/{record_v4_id('9001')}") == "dropped"
    names = {record["name"] for record in state_records(sim.state())}
    assert "ghost." + ZONE in names and "sub." + ZONE not in names
    assert sim.stats()["faults"]["applied_drop"] == 2


def test_fault_actions_name_v4_endpoints(sim):
    sim.faults(fail_rate=1.0, fault_actions=[CREATE, "zone_load_multi"])
    assert outcome(sim, "GET", RECORDS) == "200"
    assert outcome(
        sim, "POST", RECORDS, json={"type": "TXT", "name": "f", "content": "x"}
    ).startswith("50")
    assert (
        sim.raw({"a": "zone_load_multi", "tkn": KEY, "email": EMAIL}).status_code >= 500
    )


@pytest.mark.parametrize(
    "flag", ["--fail-rate", "--drop-rate", "--maxapi-rate", "--applied-drop-rate"]
)
def test_fault_flags_apply_to_v4(start_sim, flag):
    server = start_sim(flag, "1.0", "--max-faults", "1", "--fault-actions", CREATE)
    assert outcome(server, "GET", RECORDS) == "200"
    body = {"type": "TXT", "name": "flag", "content": flag}
    assert outcome(server, "POST", RECORDS, json=body) != "200"
    assert outcome(server, "POST", RECORDS, json=body) in ("200", "400")
    assert (
        len(
            [
                record
                for record in state_records(server.state())
                if record["name"] == "flag." + ZONE
            ]
        )
        == 1
    )


def test_fault_seed_reproduces_v4_sequences(sim):
    def sequence(seed):
        sim.reset()
        sim.faults(fault_seed=seed, fail_rate=0.3, maxapi_rate=0.3)
        return [outcome(sim) for dummy in range(30)]

    first = sequence(3)
    assert first == sequence(3) and {"200", "429"} <= set(first)


def test_latency_applies_to_v4(sim):
    sim.faults(latency_ms=200)
    started = time.monotonic()
    sim.v4_ok("GET", "/zones")
    assert time.monotonic() - started >= 0.2


# --- stats -------------------------------------------------------------------------------------------------


def test_v1_only_stats_keep_their_shape(sim):
    sim.call("zone_load_multi")
    stats = sim.stats()
    assert set(stats) == {"total", "calls", "faults", "rate_limited"} and stats[
        "calls"
    ] == {"zone_load_multi": 1}


def test_v4_calls_are_counted_per_endpoint(sim):
    sim.call("zone_load_multi")
    sim.v4_ok("GET", RECORDS)
    sim.v4_ok("GET", RECORDS, params={"page": 2})
    sim.v4("GET", f"{RECORDS}/{'0' * 32}")
    sim.v4("GET", f"/zones/{'1' * 32}/dns_records", token="q" * 40)
    sim.v4("POST", RECORDS, json={"type": "TXT", "name": "s", "content": "x"})
    sim.v4("GET", "/nowhere")
    sim.v4("PUT", "/zones")
    sim.v4("GET", "/user/tokens/verify")
    stats = sim.stats()
    assert stats["calls"] == {
        "zone_load_multi": 1
    }, "v4 calls stay out of the v1 counts"
    assert stats["v4_calls"] == {
        LIST: 3,
        "GET /zones/{zone_id}/dns_records/{dns_record_id}": 1,
        CREATE: 1,
        "GET <no route>": 1,
        "PUT <no route>": 1,
        "GET /user/tokens/verify": 1,
    }
    assert stats["total"] == 9


def test_control_calls_are_not_counted(sim):
    sim.v4_ok("GET", "/zones")
    sim.stats()
    sim.state()
    assert sim.stats()["v4_calls"] == {"GET /zones": 1}
    sim.reset()
    assert "v4_calls" not in sim.stats()


# --- routing and transport ----------------------------------------------------------------------------------


def test_routes_and_methods(sim):
    assert (
        sim.v4_error("GET", "/nowhere", 400, 7000)["message"] == "No route for that URI"
    )
    sim.v4_error("GET", "", 400, 7000)
    sim.v4_error("DELETE", "/zones", 405, 7001)
    sim.v4_error("POST", f"{RECORDS}/export", 405, 7001)
    sim.v4_error("GET", f"{RECORDS}/batch", 400, 7003)
    assert len(sim.v4_ok("GET", "/zones/")) == 2, "a trailing slash routes the same"


def test_put_patch_delete_stay_unsupported_on_v1(sim):
    for method in ("PUT", "PATCH", "DELETE"):
        assert (
            requests.request(method, sim.url, timeout=HTTP_TIMEOUT).status_code == 501
        )
        assert (
            requests.request(
                method, sim.base + "/client/v40/zones", timeout=HTTP_TIMEOUT
            ).status_code
            == 501
        )


def test_keep_alive_serves_many_v4_calls(sim):
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {TOKEN}"
        for dummy in range(50):
            response = session.get(
                sim.base + "/client/v4" + RECORDS, timeout=HTTP_TIMEOUT
            )
            assert response.status_code == 200
    assert sim.stats()["v4_calls"] == {LIST: 50}


def test_a_body_too_large_closes_the_connection(sim):
    host, port = sim.base.rsplit("/", 1)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=HTTP_TIMEOUT)
    try:
        connection.putrequest("POST", "/client/v4" + RECORDS)
        connection.putheader("Authorization", f"Bearer {TOKEN}")
        connection.putheader("Content-Length", str(64 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413 and response.getheader("Connection") == "close"
        assert json.loads(response.read())["errors"][0]["code"] == 1004
    finally:
        connection.close()
    assert sim.v4_ok("GET", "/zones")
    assert sim.stats()["v4_calls"] == {
        CREATE: 1,
        "GET /zones": 1,
    }, "counted like any call"


def test_v4_over_tls(start_sim, tmp_path):
    server = start_sim("--tls", "--cert-dir", str(tmp_path))
    server.verify = str(tmp_path / "cert.pem")
    assert server.base.startswith("https://127.0.0.1:")
    assert [zone["name"] for zone in server.v4_ok("GET", "/zones")] == [
        "example.com",
        "example.org",
    ]
