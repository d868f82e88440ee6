# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authentication, dispatch and zone ownership errors (spec 1.2, 2, Appendix B 7, 15, 16)."""

from __future__ import annotations

import pytest

from conftest import (
    ALL_ACTIONS,
    EMAIL,
    ZONE,
    assert_error,
    assert_invalid_input,
    assert_invalid_zone,
    assert_unauth,
)

# A valid parameter set per action, so that only the credentials decide the outcome.
VALID_PARAMS = {
    "stats": {"z": ZONE, "interval": 20},
    "zone_load_multi": {},
    "rec_load_all": {"z": ZONE},
    "zone_check": {"zones": ZONE},
    "zone_ips": {"z": ZONE},
    "ip_lkup": {"ip": "0.0.0.0"},
    "zone_settings": {"z": ZONE},
    "sec_lvl": {"z": ZONE, "v": "low"},
    "cache_lvl": {"z": ZONE, "v": "agg"},
    "devmode": {"z": ZONE, "v": 1},
    "fpurge_ts": {"z": ZONE, "v": 1},
    "zone_file_purge": {"z": ZONE, "url": "http://www.example.com/a.css"},
    "zone_grab": {"zid": 42},
    "wl": {"key": "198.51.100.1"},
    "ban": {"key": "198.51.100.1"},
    "nul": {"key": "198.51.100.1"},
    "ipv46": {"z": ZONE, "v": 0},
    "async": {"z": ZONE, "v": "a"},
    "minify": {"z": ZONE, "v": 3},
    "mirage2": {"z": ZONE, "v": 0},
    "rec_new": {"z": ZONE, "type": "TXT", "name": "auth", "content": "hello"},
    "rec_edit": {
        "z": ZONE,
        "id": "9001",
        "type": "A",
        "name": "sub",
        "content": "1.2.3.4",
        "ttl": 1,
    },
    "rec_delete": {"z": ZONE, "id": "9001"},
}


def test_valid_params_cover_every_action():
    assert set(VALID_PARAMS) == set(ALL_ACTIONS)


@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_every_action_rejects_a_bad_key(sim, action):
    body = sim.call(
        action, VALID_PARAMS[action], key="0123456789abcdef0123456789abcdef"
    )
    assert_unauth(body)
    assert sim.call(action, VALID_PARAMS[action])["result"] == "success"


@pytest.mark.parametrize("action", ["zone_load_multi", "rec_new", "zone_settings"])
def test_bad_email(sim, action):
    assert_unauth(sim.call(action, VALID_PARAMS[action], email="nobody@example.com"))


def test_missing_credentials(sim):
    assert_unauth(sim.call("zone_load_multi", key=None))
    assert_unauth(sim.call("zone_load_multi", email=None))
    assert_unauth(sim.call("zone_load_multi", key=None, email=None))


def test_key_of_another_account(sim, other_account):
    assert_unauth(sim.call("zone_load_multi", key=other_account["key"]))
    assert (
        sim.call(
            "zone_load_multi", email=other_account["email"], key=other_account["key"]
        )["result"]
        == "success"
    )


def test_u_is_accepted_for_email(sim):
    body = sim.call("rec_load_all", {"z": ZONE, "u": EMAIL}, email=None)
    assert body["result"] == "success", body
    assert body["request"]["u"] == EMAIL
    assert "email" not in body["request"]


def test_email_wins_over_u(sim):
    good = sim.call("zone_load_multi", {"u": "nobody@example.com"})
    assert good["result"] == "success", good
    bad = sim.call("zone_load_multi", {"u": EMAIL}, email="nobody@example.com")
    assert_unauth(bad)


@pytest.mark.parametrize(
    "action",
    [
        "frobnicate",
        "DIUP",
        "rec_set",
        "rec_del",
        "pre_purge",
        "zone_init",
        "rec_proxy",
        "ob",
    ],
)
def test_unknown_action(sim, action):
    """Appendix B 16: unknown and legacy actions are invalid input naming `a`."""
    assert_invalid_input(sim.call(action, {"z": ZONE}), "a")


def test_missing_action(sim):
    assert_invalid_input(sim.call(None, {"z": ZONE}), "a")


def test_empty_action(sim):
    assert_invalid_input(sim.call("", {"z": ZONE}), "a")


ZONE_ACTIONS = [action for action, params in VALID_PARAMS.items() if "z" in params]


@pytest.mark.parametrize("action", ZONE_ACTIONS)
def test_other_accounts_zone_is_invalid(sim, other_account, action):
    """Appendix B 7: a zone the account does not own answers "Invalid zone" (no err_code)."""
    params = dict(VALID_PARAMS[action], z=other_account["zones"][0]["name"])
    assert_invalid_zone(sim.call(action, params))


@pytest.mark.parametrize("action", ZONE_ACTIONS)
def test_missing_zone(sim, action):
    params = {
        name: value for name, value in VALID_PARAMS[action].items() if name != "z"
    }
    assert_error(sim.call(action, params))


def test_other_account_sees_only_its_zones(sim, other_account):
    identity = {"email": other_account["email"], "key": other_account["key"]}
    body = sim.call("zone_load_multi", **identity)
    names = {zone["zone_name"] for zone in body["response"]["zones"]["objs"]}
    assert names == {zone["name"] for zone in other_account["zones"]}
    assert ZONE not in names
    assert_invalid_zone(sim.call("rec_load_all", {"z": ZONE}, **identity))
    assert sim.call("zone_check", {"zones": ZONE}, **identity)["response"]["zones"] == {
        ZONE: 0
    }
    own = other_account["zones"][0]["name"]
    assert sim.call("rec_load_all", {"z": own}, **identity)["result"] == "success"


def test_error_answers_have_no_response_and_are_http_200(sim):
    """Appendix B 1: API errors are HTTP 200 (checked by Sim.call) with no `response`."""
    for body in (
        sim.call("zone_load_multi", key="x"),
        sim.call("nope"),
        sim.call("rec_load_all", {"z": "nowhere.example"}),
        sim.call(
            "rec_edit",
            {
                "z": ZONE,
                "id": "1",
                "type": "A",
                "name": "a",
                "content": "1.2.3.4",
                "ttl": 1,
            },
        ),
        sim.call("sec_lvl", {"z": ZONE, "v": "x"}),
    ):
        assert_error(body)
