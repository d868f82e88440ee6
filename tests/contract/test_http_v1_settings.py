# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zone settings mapping against the real simulator (tests/simulator/cfsim.py) over loopback HTTP."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_setting import (
    apply_zone_settings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (
    SEED_EMAIL,
    SEED_KEY,
)

ZONE = "example.com"

SETTING_VALUES = [
    ("security_level", "under_attack"),
    ("security_level", "high"),
    ("security_level", "low"),
    ("security_level", "essentially_off"),
    ("cache_level", "basic"),
    ("development_mode", True),
    ("ipv6", False),
    ("rocket_loader", "automatic"),
    ("rocket_loader", "manual"),
    ("minify", ["js"]),
    ("minify", ["css"]),
    ("minify", ["html"]),
    ("minify", ["js", "css"]),
    ("minify", ["js", "html"]),
    ("minify", ["css", "html"]),
    ("minify", ["js", "css", "html"]),
    ("mirage", True),
]

# What the default seed's example.com reports before any change.
SEED_VALUES = {
    "security_level": "medium",
    "cache_level": "aggressive",
    "development_mode": False,
    "ipv6": True,
    "rocket_loader": "off",
    "minify": [],
    "mirage": False,
}


@pytest.fixture
def client(simulator, clock):
    with V1API(
        V1Client(
            SEED_EMAIL, SEED_KEY, api_url=simulator.url, clock=clock, sleep=clock.sleep
        )
    ) as api:
        yield api


def writes(simulator) -> dict:
    return {
        action: count
        for action, count in simulator.stats()["calls"].items()
        if action != "zone_settings"
    }


def seed_settings(simulator, **fields) -> None:
    """Restart the simulator's state from its current one with example.com's v1 settings changed."""
    state = simulator.state()
    for account in state["accounts"]:
        for zone in account["zones"]:
            if zone["name"] == ZONE:
                zone["settings"].update(fields)
    simulator.reset(state)


def test_the_default_seed_reads_as_option_values(simulator, client):
    assert client.read_settings(ZONE).values == SEED_VALUES


@pytest.mark.parametrize("option, value", SETTING_VALUES)
def test_each_value_is_set_read_back_and_then_left_alone(
    simulator, client, option, value
):
    first = apply_zone_settings(client, ZONE, {option: value})

    assert first["changed"] is True
    assert sum(writes(simulator).values()) == 1
    assert client.read_settings(ZONE).values == {**SEED_VALUES, option: value}

    again = apply_zone_settings(client, ZONE, {option: value})

    assert again["changed"] is False
    assert sum(writes(simulator).values()) == 1
    assert simulator.stats()["calls"]["zone_settings"] == 3


@pytest.mark.parametrize(
    "option, value", [(option, SEED_VALUES[option]) for option in SEED_VALUES]
)
def test_each_value_comes_back_from_a_change(simulator, client, option, value):
    changed = dict(SETTING_VALUES)
    apply_zone_settings(client, ZONE, {option: changed[option]})

    result = apply_zone_settings(client, ZONE, {option: value})

    assert result["changed"] is True
    assert client.read_settings(ZONE).values == SEED_VALUES


def test_all_settings_in_one_task_then_no_change(simulator, client):
    wanted = {
        "security_level": "high",
        "cache_level": "basic",
        "development_mode": True,
        "ipv6": False,
        "rocket_loader": "manual",
        "minify": ["html", "css"],
        "mirage": True,
    }

    first = apply_zone_settings(client, ZONE, wanted)
    again = apply_zone_settings(client, ZONE, wanted)

    assert first["changed_settings"] == list(wanted)
    assert writes(simulator) == {
        "sec_lvl": 1,
        "cache_lvl": 1,
        "devmode": 1,
        "ipv46": 1,
        "async": 1,
        "minify": 1,
        "mirage2": 1,
    }
    assert again["changed"] is False
    assert again["settings"] == {**wanted, "minify": ["css", "html"]}


def test_check_mode_writes_nothing(simulator, client):
    result = apply_zone_settings(
        client,
        ZONE,
        {"security_level": "high", "development_mode": True},
        check_mode=True,
        diff=True,
    )

    assert result["changed"] is True
    assert simulator.stats()["calls"] == {"zone_settings": 1}
    assert client.read_settings(ZONE).values == SEED_VALUES


def test_development_mode_expires_after_three_hours(simulator, client):
    first = apply_zone_settings(client, ZONE, {"development_mode": True})
    simulator.advance_clock(2 * 3600)
    still_on = apply_zone_settings(client, ZONE, {"development_mode": True})
    simulator.advance_clock(3600 + 1)
    expired = apply_zone_settings(
        client, ZONE, {"development_mode": True}, check_mode=True
    )
    again = apply_zone_settings(client, ZONE, {"development_mode": True})

    assert first["changed"] is True
    assert still_on["changed"] is False
    assert (
        still_on["development_mode_expires_on"] == first["development_mode_expires_on"]
    )
    assert expired["changed"] is True
    assert again["changed"] is True
    assert (
        again["development_mode_expires_on"]
        >= first["development_mode_expires_on"] + 3 * 3600 + 1
    )
    assert writes(simulator) == {"devmode": 2}


@pytest.mark.parametrize(
    "fields, option, shown, value, sent",
    [
        ({"cache_lvl": "iqs"}, "cache_level", "iqs", "aggressive", {"cache_lvl": 1}),
        ({"ipv46": 2}, "ipv6", 2, True, {"ipv46": 1}),
        ({"ipv46": 1}, "ipv6", 1, False, {"ipv46": 1}),
    ],
)
def test_values_without_an_option_value_are_shown_and_replaced(
    simulator, client, fields, option, shown, value, sent
):
    seed_settings(simulator, **fields)

    assert client.read_settings(ZONE).values[option] == shown
    result = apply_zone_settings(client, ZONE, {option: value}, diff=True)

    assert result["diff"] == {"before": {option: shown}, "after": {option: value}}
    assert writes(simulator) == sent
    assert client.read_settings(ZONE).values[option] == value


def test_unknown_zone(simulator, client):
    with pytest.raises(
        ZoneNotFoundError, match="^Zone example.net was not found in the account$"
    ):
        apply_zone_settings(client, "example.net", {"security_level": "high"})

    assert simulator.stats()["calls"] == {"zone_settings": 1}
