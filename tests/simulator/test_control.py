# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control endpoints, --seed (JSON and YAML) and --state persistence (README contract)."""

from __future__ import annotations

import ast
import json
import pathlib
import threading

import requests
import yaml

from conftest import (
    EMAIL,
    KEY,
    RECORD_ID,
    ZONE,
    account_seed,
    assert_record,
    state_records,
    v1_records,
    write_json,
)


def test_stats_count_every_call(sim):
    assert sim.stats() == {
        "total": 0,
        "calls": {},
        "faults": sim.stats()["faults"],
        "rate_limited": 0,
    }
    assert all(count == 0 for count in sim.stats()["faults"].values())
    sim.call("zone_load_multi")
    sim.call("zone_load_multi", key="wrong")
    sim.call("rec_load_all", {"z": "nowhere.example"})
    sim.call("rec_load_all", {"z": ZONE})
    sim.call("no_such_action")
    sim.raw({"a": "zone_settings", "tkn": KEY, "email": EMAIL, "z": ZONE}, method="GET")
    sim.faults(fail_rate=1.0)
    sim.raw({"a": "zone_settings", "tkn": KEY, "email": EMAIL, "z": ZONE})
    stats = sim.stats()
    assert stats["total"] == 7
    assert stats["calls"]["zone_load_multi"] == 2
    assert stats["calls"]["rec_load_all"] == 2
    assert stats["calls"]["zone_settings"] == 2
    assert sum(stats["calls"].values()) == 7
    assert stats["faults"]["http_5xx"] == 1


def test_control_calls_are_not_counted(sim):
    sim.state()
    sim.control("GET", "/_sim/faults")
    sim.stats()
    assert sim.stats()["total"] == 0


def test_reset_restores_the_start_up_seed(sim):
    sim.call("rec_delete", {"z": ZONE, "id": RECORD_ID})
    sim.call("sec_lvl", {"z": ZONE, "v": "eoff"})
    sim.faults(fail_rate=0.5)
    sim.advance_clock(99999)
    before = sim.state()
    sim.reset()
    state = sim.state()
    assert state != before
    assert RECORD_ID in {rec["id"] for rec in state_records(state)}
    assert sim.stats()["total"] == 0
    assert sim.control("GET", "/_sim/faults")["fail_rate"] == 0
    assert sim.control("POST", "/_sim/clock", {"advance": 0})["offset"] == 0


def test_reset_with_a_seed_body_then_without(sim):
    sim.reset(
        account_seed(
            [{"name": "only", "type": "TXT", "content": "seeded"}],
            zone="seeded.test",
            zone_id=5,
        )
    )
    zones = sim.call("zone_load_multi")["response"]["zones"]["objs"]
    assert [zone["zone_name"] for zone in zones] == ["seeded.test"]
    records = v1_records(sim, "seeded.test")
    assert [(rec["name"], rec["content"]) for rec in records] == [
        ("only.seeded.test", "seeded")
    ]
    sim.reset()
    assert ZONE in {
        zone["zone_name"]
        for zone in sim.call("zone_load_multi")["response"]["zones"]["objs"]
    }


def test_state_round_trips_through_seed(sim, start_sim, tmp_path):
    """/_sim/state is in the seed format: fed back with --seed it gives the same v1 answers."""
    sim.call(
        "rec_new",
        {
            "z": ZONE,
            "type": "MX",
            "name": "mail2",
            "content": "mx.example.net",
            "prio": 7,
            "ttl": 300,
        },
    )
    sim.call(
        "rec_new",
        {
            "z": ZONE,
            "type": "SRV",
            "service": "_imap",
            "protocol": "_tcp",
            "srvname": "@",
            "prio": 1,
            "weight": 2,
            "port": 143,
            "target": "imap.example.com",
        },
    )
    sim.call(
        "rec_edit",
        {
            "z": ZONE,
            "id": RECORD_ID,
            "type": "A",
            "name": "sub",
            "content": "198.51.100.50",
            "ttl": 120,
            "service_mode": 1,
        },
    )
    sim.call("sec_lvl", {"z": ZONE, "v": "high"})
    sim.call("ban", {"key": "198.51.100.51"})
    state = sim.state()
    copy = start_sim("--seed", str(write_json(tmp_path / "state.json", state)))
    assert copy.state() == state
    assert v1_records(copy) == v1_records(sim)
    for zone in (ZONE, "example.org"):
        assert (
            copy.call("zone_settings", {"z": zone})["response"]
            == sim.call("zone_settings", {"z": zone})["response"]
        )
    assert (
        copy.call("zone_load_multi")["response"]
        == sim.call("zone_load_multi")["response"]
    )


SEED = {
    "accounts": [
        {
            "email": "ops@example.net",
            "key": "1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f",
            "user_id": "7",
            "ip_rules": {"198.51.100.9": "BAN"},
            "zones": [
                {
                    "name": "seeded.example",
                    "id": 4242,
                    "pro": True,
                    "settings": {"sec_lvl": "high", "minify": "3"},
                    "records": [
                        {
                            "id": "500",
                            "name": "Sub",
                            "type": "A",
                            "content": "203.0.113.10",
                            "ttl": 1,
                            "service_mode": 1,
                        },
                        {
                            "name": "@",
                            "type": "MX",
                            "content": "mail.seeded.example",
                            "prio": 10,
                            "ttl": 300,
                        },
                        {
                            "name": "www.seeded.example",
                            "type": "CNAME",
                            "content": "seeded.example",
                        },
                        {
                            "type": "SRV",
                            "service": "_sip",
                            "protocol": "_tcp",
                            "srvname": "@",
                            "prio": 10,
                            "weight": 5,
                            "port": 5060,
                            "target": "sip.seeded.example",
                        },
                    ],
                },
            ],
        },
    ],
    "threat_scores": {"0.0.0.0": "BAD:0"},
}
SEED_IDENTITY = {"email": "ops@example.net", "key": "1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f"}


def check_seeded(server):
    body = server.call("zone_load_multi", **SEED_IDENTITY)
    zones = body["response"]["zones"]["objs"]
    assert [
        (zone["zone_name"], zone["zone_id"], zone["user_id"]) for zone in zones
    ] == [("seeded.example", "4242", "7")]
    records = {
        rec["type"]: rec
        for rec in v1_records(server, "seeded.example", **SEED_IDENTITY)
    }
    for rec in records.values():
        assert_record(rec, "seeded.example")
    assert set(records) == {"A", "MX", "CNAME", "SRV"}
    assert (
        records["A"]["rec_id"],
        records["A"]["name"],
        records["A"]["service_mode"],
    ) == ("500", "sub.seeded.example", "1")
    assert (records["MX"]["name"], records["MX"]["prio"], records["MX"]["ttl"]) == (
        "seeded.example",
        "10",
        "300",
    )
    assert records["CNAME"]["name"] == "www.seeded.example"
    assert (
        records["SRV"]["name"],
        records["SRV"]["content"],
        records["SRV"]["prio"],
    ) == ("_sip._tcp.seeded.example", "5 5060 sip.seeded.example", "10")
    settings = server.call("zone_settings", {"z": "seeded.example"}, **SEED_IDENTITY)[
        "response"
    ]["result"]["objs"][0]
    assert (settings["sec_lvl"], settings["minify"]) == ("high", "3")
    stats = server.call(
        "stats", {"z": "seeded.example", "interval": 120}, **SEED_IDENTITY
    )
    assert stats["result"] == "success", "a pro zone answers the Pro-only intervals"
    assert (
        server.call("zone_load_multi")["err_code"] == "E_UNAUTH"
    ), "only the seeded account exists"
    account = server.state()["accounts"][0]
    assert account["ip_rules"] == {"198.51.100.9": "BAN"}


def test_seed_json(start_sim, tmp_path):
    check_seeded(start_sim("--seed", str(write_json(tmp_path / "seed.json", SEED))))


def test_seed_yaml(start_sim, tmp_path):
    path = tmp_path / "seed.yml"
    path.write_text(yaml.safe_dump(SEED), encoding="utf-8")
    server = start_sim("--seed", str(path))
    check_seeded(server)
    server.call("rec_delete", {"z": "seeded.example", "id": "500"}, **SEED_IDENTITY)
    server.reset()
    check_seeded(server)


def test_seed_yaml_as_written_in_the_readme(start_sim, tmp_path):
    path = tmp_path / "seed.yaml"
    path.write_text(
        """\
accounts:
  - email: sample@example.com
    key: 8afbe6dea02407989af4dd4c97bb6e25
    user_id: "1"
    ip_rules: {"198.51.100.9": "BAN"}
    zones:
      - name: example.com
        id: 42
        pro: false
        settings: {sec_lvl: high}
        records:
          - {id: "9001", name: sub, type: A, content: 203.0.113.10, ttl: 1, service_mode: 1}
          - {name: "@", type: MX, content: mail.example.com, prio: 10}
          - {type: SRV, service: _sip, protocol: _tcp, srvname: "@", prio: 10, weight: 5,
             port: 5060, target: sip.example.com}
threat_scores: {"0.0.0.0": "BAD:0"}
""",
        encoding="utf-8",
    )
    server = start_sim("--seed", str(path))
    records = {rec["type"]: rec for rec in v1_records(server)}
    assert set(records) == {"A", "MX", "SRV"}
    assert (
        records["A"]["rec_id"],
        records["A"]["content"],
        records["A"]["service_mode"],
    ) == ("9001", "203.0.113.10", "1")
    assert server.call("ip_lkup", {"ip": "0.0.0.0"})["response"] == {"0.0.0.0": "BAD:0"}


def test_state_file_persists_across_a_restart(start_sim, tmp_path):
    path = tmp_path / "state.json"
    first = start_sim("--state", str(path))
    body = first.call(
        "rec_new", {"z": ZONE, "type": "TXT", "name": "persisted", "content": "kept"}
    )
    rec_id = body["response"]["rec"]["obj"]["rec_id"]
    first.call("rec_delete", {"z": ZONE, "id": RECORD_ID})
    first.call("minify", {"z": ZONE, "v": 5})
    assert first.shutdown() == 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert rec_id in {rec["id"] for rec in state_records(saved)}

    second = start_sim("--state", str(path))
    records = {rec["rec_id"]: rec for rec in v1_records(second)}
    assert records[rec_id]["content"] == "kept"
    assert RECORD_ID not in records
    assert (
        second.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0][
            "minify"
        ]
        == "5"
    )
    newer = second.call(
        "rec_new", {"z": ZONE, "type": "TXT", "name": "after", "content": "restart"}
    )
    assert (
        newer["response"]["rec"]["obj"]["rec_id"] not in records
    ), "ids are not reused after a restart"


def test_state_file_written_without_shutdown(start_sim, tmp_path):
    """Written after changes, not only at shutdown: a killed simulator keeps what it acknowledged."""
    path = tmp_path / "state.json"
    server = start_sim("--state", str(path))
    server.call(
        "rec_new", {"z": ZONE, "type": "TXT", "name": "early", "content": "saved"}
    )
    names = set()
    for dummy in range(100):
        if path.exists():
            names = {
                rec["name"]
                for rec in state_records(json.loads(path.read_text(encoding="utf-8")))
            }
            if "early." + ZONE in names:
                break
        threading.Event().wait(0.05)
    assert "early." + ZONE in names
    server.kill()
    again = start_sim("--state", str(path))
    assert "early." + ZONE in {rec["name"] for rec in v1_records(again)}


def test_state_file_is_always_valid_json(start_sim, tmp_path):
    path = tmp_path / "state.json"
    server = start_sim("--state", str(path))
    server.faults(rate_limit="100000/300")
    stop = threading.Event()
    errors = []

    def write():
        for index in range(120):
            body = server.call(
                "rec_new",
                {
                    "z": ZONE,
                    "type": "TXT",
                    "name": f"bulk{index}",
                    "content": "x" * 500,
                },
            )
            if body["result"] != "success":
                errors.append(body)
        stop.set()

    writer = threading.Thread(target=write)
    writer.start()
    reads = 0
    while not stop.is_set() or reads == 0:
        if path.exists():
            json.loads(path.read_text(encoding="utf-8"))
            reads += 1
    writer.join()
    assert not errors
    assert server.shutdown() == 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (
        len([rec for rec in state_records(saved) if rec["name"].startswith("bulk")])
        == 120
    )
    assert [item.name for item in tmp_path.iterdir()] == [
        "state.json"
    ], "no temporary files left behind"


def test_shutdown(start_sim):
    server = start_sim()
    assert server.call("zone_load_multi")["result"] == "success"
    assert server.shutdown() == 0
    try:
        requests.get(server.url, timeout=2)
    except requests.exceptions.ConnectionError:
        return
    raise AssertionError("the simulator still answers after shutdown")


def test_unknown_control_call(sim):
    response = requests.get(sim.base + "/_sim/nothing", timeout=10)
    assert response.status_code == 404
    assert sim.call("zone_load_multi")["result"] == "success"


def test_integration_targets_bring_every_module_the_simulator_imports():
    """ansible-test copies only the files setup_simulator's aliases name; a missing one breaks every target."""
    here = pathlib.Path(__file__).parent
    local = {path.stem for path in here.glob("*.py")}
    needed, pending = set(), ["cfsim"]
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        tree = ast.parse((here / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                pending.extend(
                    alias.name for alias in node.names if alias.name in local
                )
            elif isinstance(node, ast.ImportFrom) and node.module in local:
                pending.append(node.module)
    aliases = here.parent / "integration" / "targets" / "setup_simulator" / "aliases"
    listed = {
        line.split("/")[-1][:-3]
        for line in aliases.read_text(encoding="utf-8").splitlines()
        if line.startswith("needs/file/tests/simulator/")
    }
    assert needed <= listed, f"add needs/file lines for: {sorted(needed - listed)}"
