# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    StepError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Task,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.ip_access import (
    set_ip_access,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    error,
    form,
    success,
)


def confirmed(ip: str, code: str) -> dict:
    return success(None, {"result": {"ip": ip, "action": code}})


@pytest.fixture
def client(clock):
    """The v1 adapter over a client on the fake endpoint."""
    return V1API(
        V1Client(
            EMAIL,
            KEY,
            api_url=API_URL,
            clock=clock,
            sleep=clock.sleep,
            jitter=lambda: 1.0,
        )
    )


@pytest.mark.parametrize(
    "mode, action, code",
    [
        ("whitelist", "wl", "WL"),
        ("blacklist", "ban", "BAN"),
        ("none", "nul", "NUL"),
    ],
)
def test_send_mode_maps_each_mode_to_its_action(fake_v1, client, mode, action, code):
    fake_v1.add(confirmed("198.51.100.7", code))

    assert client.set_ip_access("198.51.100.7", mode) == {
        "ip": "198.51.100.7",
        "mode": mode,
    }
    assert fake_v1.forms == [form(action, key="198.51.100.7")]


def test_send_mode_rejects_a_different_confirmation(fake_v1, client):
    fake_v1.add(confirmed("198.51.100.7", "BAN"))

    with pytest.raises(APIError) as caught:
        client.set_ip_access("198.51.100.7", "whitelist")

    assert (
        caught.value.msg
        == "wl for 198.51.100.7 was answered with success but confirmed 'BAN' instead of 'WL'"
    )


def test_send_mode_rejects_a_missing_confirmation(fake_v1, client):
    fake_v1.add(success())

    with pytest.raises(APIError) as caught:
        client.set_ip_access("198.51.100.7", "none")

    assert (
        caught.value.msg
        == "nul for 198.51.100.7 was answered with success but confirmed None instead of 'NUL'"
    )


def test_every_address_is_sent_once_in_canonical_form(fake_v1, client):
    fake_v1.add(confirmed("198.51.100.7", "WL"), confirmed("2001:db8::7", "WL"))

    result = set_ip_access(
        client,
        Task(
            {
                "ip": ["198.51.100.7", "2001:DB8:0::7", " 198.51.100.7"],
                "mode": "whitelist",
            }
        ),
    )

    assert result == {
        "changed": True,
        "ips": [
            {"ip": "198.51.100.7", "mode": "whitelist"},
            {"ip": "2001:db8::7", "mode": "whitelist"},
        ],
    }
    assert fake_v1.forms == [
        form("wl", key="198.51.100.7"),
        form("wl", key="2001:db8::7"),
    ]


def test_diff_shows_an_unknown_before_and_what_is_sent(fake_v1, client):
    fake_v1.add(confirmed("203.0.113.66", "BAN"))

    result = set_ip_access(
        client, Task({"ip": ["203.0.113.66"], "mode": "blacklist"}, diff=True)
    )

    assert result["diff"] == {
        "before": {"203.0.113.66": "unknown"},
        "after": {"203.0.113.66": "blacklist"},
    }


def test_check_mode_makes_no_call_and_shows_what_would_be_sent(fake_v1, client):
    result = set_ip_access(
        client,
        Task(
            {"ip": ["203.0.113.66", "203.0.113.67"], "mode": "none"},
            check_mode=True,
            diff=True,
        ),
    )

    assert result == {
        "changed": True,
        "ips": [
            {"ip": "203.0.113.66", "mode": "none"},
            {"ip": "203.0.113.67", "mode": "none"},
        ],
        "diff": {
            "before": {"203.0.113.66": "unknown", "203.0.113.67": "unknown"},
            "after": {"203.0.113.66": "none", "203.0.113.67": "none"},
        },
    }
    assert fake_v1.requests == []


def test_empty_list_sends_nothing(fake_v1, client):
    assert set_ip_access(client, Task({"ip": [], "mode": "whitelist"})) == {
        "changed": False,
        "ips": [],
    }
    assert fake_v1.requests == []


def test_invalid_addresses_are_rejected_before_any_call(fake_v1, client):
    with pytest.raises(ValidationError) as caught:
        set_ip_access(
            client,
            Task(
                {
                    "ip": ["198.51.100.7", "198.51.100.300", "2001:db8::/32"],
                    "mode": "whitelist",
                }
            ),
        )

    assert caught.value.problems == [
        "ip: '198.51.100.300' is not an IPv4 or IPv6 address",
        "ip: '2001:db8::/32' is a network; give single addresses",
    ]
    assert fake_v1.requests == []


def test_failure_part_way_lists_the_addresses_already_set(fake_v1, client):
    fake_v1.add(
        confirmed("198.51.100.7", "BAN"),
        error("Invalid input for key: refused", "E_INVLDINPUT"),
    )

    with pytest.raises(StepError) as caught:
        set_ip_access(
            client,
            Task(
                {
                    "ip": ["198.51.100.7", "198.51.100.8", "198.51.100.9"],
                    "mode": "blacklist",
                }
            ),
        )

    assert caught.value.msg == (
        "Setting 198.51.100.8 to blacklist failed (1 address set before it): "
        "ban failed: Invalid input for key: refused (E_INVLDINPUT)"
    )
    assert caught.value.details() == {
        "api_action": "ban",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
        "changed": True,
        "ips": [{"ip": "198.51.100.7", "mode": "blacklist"}],
    }
    assert fake_v1.actions == ["ban", "ban"]
