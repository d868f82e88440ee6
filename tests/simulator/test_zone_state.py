# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Zone settings, development mode, zone_grab, fpurge_ts and the IP lists (spec 4.7, 5, Appendix B)."""

from __future__ import annotations

import time

import pytest

from conftest import EMAIL, ZONE, ZONE_ID, account_seed, assert_error, assert_settings

DEV_MODE_SECONDS = 3 * 3600
DAY = 86400


def settings(sim, zone=ZONE):
    body = sim.call("zone_settings", {"z": zone})
    assert body["result"] == "success", body
    obj = body["response"]["result"]["objs"][0]
    assert_settings(obj)
    return obj


def ok(body):
    assert body["result"] == "success", body
    return body


SETTER_VALUES = [
    (
        "sec_lvl",
        "sec_lvl",
        [
            ("help", "help"),
            ("high", "high"),
            ("med", "med"),
            ("low", "low"),
            ("eoff", "eoff"),
        ],
    ),
    ("cache_lvl", "cache_lvl", [("basic", "basic"), ("agg", "agg")]),
    ("async", "async", [("a", "a"), ("m", "m"), ("0", "0")]),
    ("minify", "minify", [(str(bits), str(bits)) for bits in (1, 2, 3, 4, 5, 6, 7, 0)]),
    ("ipv46", "ipv46", [("0", 0), ("1", 3), ("0", 0), ("3", 3)]),
]


@pytest.mark.parametrize("action, field, values", SETTER_VALUES)
def test_setters_change_zone_settings(sim, action, field, values):
    for sent, stored in values:
        ok(sim.call(action, {"z": ZONE, "v": sent}))
        assert settings(sim)[field] == stored, (action, sent)


def test_setter_changes_only_its_zone_and_field(sim):
    before_com = settings(sim)
    before_org = settings(sim, "example.org")
    ok(
        sim.call(
            "sec_lvl",
            {"z": ZONE, "v": "eoff" if before_com["sec_lvl"] != "eoff" else "high"},
        )
    )
    after_com = settings(sim)
    assert settings(sim, "example.org") == before_org
    changed = {name for name in after_com if after_com[name] != before_com[name]}
    assert changed <= {"sec_lvl", "userSecuritySetting"}
    assert "sec_lvl" in changed


def test_ipv46_seeded_value_is_reported(sim):
    """Appendix B 6: a seed may hold other stored values, for example 2."""
    sim.reset(account_seed([], settings={"ipv46": 2}))
    assert settings(sim)["ipv46"] == 2
    ok(sim.call("ipv46", {"z": ZONE, "v": 1}))
    assert settings(sim)["ipv46"] == 3


def test_seeded_settings_override(sim):
    sim.reset(account_seed([], settings={"sec_lvl": "high", "minify": "5", "ob": 0}))
    obj = settings(sim)
    assert (obj["sec_lvl"], obj["minify"], obj["ob"]) == ("high", "5", 0)


def test_stats_follow_settings(sim):
    ok(sim.call("ipv46", {"z": ZONE, "v": 0}))
    ok(sim.call("cache_lvl", {"z": ZONE, "v": "basic"}))
    obj = ok(sim.call("stats", {"z": ZONE, "interval": 30}))["response"]["result"][
        "objs"
    ][0]
    assert (obj["ipv46"], obj["cache_lvl"]) == (0, "basic")


def test_devmode_expires_after_three_hours(sim):
    assert settings(sim)["dev_mode"] == 0
    before = int(time.time())
    expires_on = ok(sim.call("devmode", {"z": ZONE, "v": 1}))["response"]["expires_on"]
    after = int(time.time())
    assert before + DEV_MODE_SECONDS <= expires_on <= after + DEV_MODE_SECONDS + 1
    assert settings(sim)["dev_mode"] == expires_on
    zone = next(
        obj
        for obj in ok(sim.call("zone_load_multi"))["response"]["zones"]["objs"]
        if obj["zone_name"] == ZONE
    )
    assert zone["zone_status_class"] == "status-dev-mode"
    assert "zone_dev_mode0" in zone["allow"]

    sim.advance_clock(DEV_MODE_SECONDS - 120)
    assert settings(sim)["dev_mode"] == expires_on
    sim.advance_clock(240)
    assert settings(sim)["dev_mode"] == 0
    zone = next(
        obj
        for obj in ok(sim.call("zone_load_multi"))["response"]["zones"]["objs"]
        if obj["zone_name"] == ZONE
    )
    assert zone["zone_status_class"] == "status-active"
    assert "zone_dev_mode1" in zone["allow"]


def test_devmode_off_early(sim):
    ok(sim.call("devmode", {"z": ZONE, "v": 1}))
    assert settings(sim)["dev_mode"] > 0
    assert ok(sim.call("devmode", {"z": ZONE, "v": 0}))["response"]["expires_on"] == 0
    assert settings(sim)["dev_mode"] == 0


def test_devmode_expiry_uses_the_simulated_clock(sim):
    sim.advance_clock(10 * DAY)
    expires_on = ok(sim.call("devmode", {"z": ZONE, "v": 1}))["response"]["expires_on"]
    assert expires_on >= int(time.time()) + 10 * DAY + DEV_MODE_SECONDS - 5


def test_zone_grab_once_per_zone_per_day(sim):
    org_id = ok(sim.call("zone_check", {"zones": "example.org"}))["response"]["zones"][
        "example.org"
    ]
    ok(sim.call("zone_grab", {"zid": ZONE_ID}))
    assert_error(sim.call("zone_grab", {"zid": ZONE_ID}))
    ok(sim.call("zone_grab", {"zid": org_id}))
    sim.advance_clock(DAY - 60)
    assert_error(sim.call("zone_grab", {"zid": ZONE_ID}))
    sim.advance_clock(120)
    ok(sim.call("zone_grab", {"zid": ZONE_ID}))
    assert_error(sim.call("zone_grab", {"zid": ZONE_ID}))


def test_reset_clears_the_zone_grab_limit(sim):
    ok(sim.call("zone_grab", {"zid": ZONE_ID}))
    sim.reset()
    ok(sim.call("zone_grab", {"zid": ZONE_ID}))


def test_fpurge_ts_cooldown(sim):
    first = ok(sim.call("fpurge_ts", {"z": ZONE, "v": 1}))
    assert first["attributes"] == {"cooldown": 20}
    stamp = first["response"]["fpurge_ts"]
    assert settings(sim)["fpurge_ts"] == str(stamp)
    assert_error(sim.call("fpurge_ts", {"z": ZONE, "v": 1}))
    ok(sim.call("fpurge_ts", {"z": "example.org", "v": 1}))
    sim.advance_clock(21)
    second = ok(sim.call("fpurge_ts", {"z": ZONE, "v": 1}))
    assert second["attributes"] == {"cooldown": 20}
    assert second["response"]["fpurge_ts"] >= stamp + 21
    assert settings(sim)["fpurge_ts"] == str(second["response"]["fpurge_ts"])


def account_state(sim, email=EMAIL):
    return next(
        account for account in sim.state()["accounts"] if account["email"] == email
    )


def test_ip_lists_are_account_wide(sim, other_account):
    assert account_state(sim).get("ip_rules", {}) == {}
    ok(sim.call("wl", {"key": "198.51.100.30"}))
    ok(sim.call("ban", {"key": "198.51.100.31", "z": ZONE}))
    assert account_state(sim)["ip_rules"] == {
        "198.51.100.30": "WL",
        "198.51.100.31": "BAN",
    }
    assert account_state(sim, other_account["email"]).get(
        "ip_rules", {}
    ) == other_account.get("ip_rules", {})

    ok(sim.call("ban", {"key": "198.51.100.30"}))
    assert account_state(sim)["ip_rules"] == {
        "198.51.100.30": "BAN",
        "198.51.100.31": "BAN",
    }
    ok(sim.call("nul", {"key": "198.51.100.30"}))
    assert account_state(sim)["ip_rules"] == {"198.51.100.31": "BAN"}
    ok(sim.call("nul", {"key": "198.51.100.99"}))
    assert account_state(sim)["ip_rules"] == {"198.51.100.31": "BAN"}


def test_ip_lists_accept_ipv6(sim):
    ok(sim.call("wl", {"key": "2001:db8::7"}))
    assert account_state(sim)["ip_rules"] == {"2001:db8::7": "WL"}


def test_ip_lkup_shows_the_account_lists(sim, other_account):
    ok(sim.call("wl", {"key": "198.51.100.30"}))
    ok(sim.call("ban", {"key": "0.0.0.0"}))
    assert ok(sim.call("ip_lkup", {"ip": "198.51.100.30"}))["response"] == {
        "198.51.100.30": "WL:0"
    }
    assert ok(sim.call("ip_lkup", {"ip": "0.0.0.0"}))["response"] == {
        "0.0.0.0": "BAN:0"
    }
    ok(sim.call("nul", {"key": "198.51.100.30"}))
    assert ok(sim.call("ip_lkup", {"ip": "198.51.100.30"}))["response"] == {
        "198.51.100.30": False
    }
    other = sim.call(
        "ip_lkup",
        {"ip": "0.0.0.0"},
        email=other_account["email"],
        key=other_account["key"],
    )
    assert ok(other)["response"] == {"0.0.0.0": "BAD:0"}


def test_seeded_ip_rules(sim):
    seed = account_seed([])
    seed["accounts"][0]["ip_rules"] = {"198.51.100.9": "BAN"}
    sim.reset(seed)
    assert account_state(sim)["ip_rules"] == {"198.51.100.9": "BAN"}
    ok(sim.call("nul", {"key": "198.51.100.9"}))
    assert account_state(sim)["ip_rules"] == {}


def test_ip_lkup_after_rules(sim):
    """ip_lkup stays a threat-score lookup whatever the lists hold."""
    ok(sim.call("ban", {"key": "0.0.0.0"}))
    body = ok(sim.call("ip_lkup", {"ip": "0.0.0.0"}))
    assert set(body["response"]) == {"0.0.0.0"}


def test_clock_offset_is_absolute(sim):
    """POST /_sim/clock {"offset": S} sets the offset; {"advance": S} adds to it (README)."""
    expires_on = ok(sim.call("devmode", {"z": ZONE, "v": 1}))["response"]["expires_on"]
    sim.control("POST", "/_sim/clock", {"offset": DEV_MODE_SECONDS + 60})
    assert settings(sim)["dev_mode"] == 0
    sim.control("POST", "/_sim/clock", {"offset": 0})
    assert settings(sim)["dev_mode"] == expires_on
    sim.advance_clock(DEV_MODE_SECONDS - 60)
    sim.advance_clock(120)
    assert settings(sim)["dev_mode"] == 0
