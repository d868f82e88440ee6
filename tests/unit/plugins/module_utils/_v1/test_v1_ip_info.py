# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Task,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.ip_info import (
    gather_ip_info,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.traffic import (
    parse_threat,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    error,
    form,
    success,
)


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
    "value, expected",
    [
        ("BAD:0", ("BAD", 0)),
        ("SEARCHENGINE:35", ("SEARCHENGINE", 35)),
        (" BAD : 12 ", ("BAD", 12)),
        (":7", (None, 7)),
        ("42", (None, 42)),
        (42, (None, 42)),
        ("WHITELIST", ("WHITELIST", None)),
        (False, (None, None)),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_threat(value, expected):
    assert parse_threat(value) == expected


def test_lookup_reads_the_answer_keyed_by_the_address(fake_v1, client):
    fake_v1.add(success(None, {"0.0.0.0": "BAD:0"}))

    assert client.lookup_ip("0.0.0.0") == {"ip": "0.0.0.0", "label": "BAD", "score": 0}
    assert fake_v1.forms == [form("ip_lkup", ip="0.0.0.0")]


def test_lookup_accepts_an_answer_keyed_by_another_spelling(fake_v1, client):
    fake_v1.add(success(None, {"2001:DB8::1": "BAD:3"}))

    assert client.lookup_ip("2001:db8::1") == {
        "ip": "2001:db8::1",
        "label": "BAD",
        "score": 3,
    }


def test_no_data_gives_nulls(fake_v1, client):
    fake_v1.add(success(None, {"127.0.0.1": False}))

    assert client.lookup_ip("127.0.0.1") == {
        "ip": "127.0.0.1",
        "label": None,
        "score": None,
    }


def test_gather_checks_all_addresses_first_then_looks_each_up_once(fake_v1, client):
    fake_v1.add(
        success(None, {"0.0.0.0": "BAD:0"}), success(None, {"2001:db8::1": False})
    )

    result = gather_ip_info(client, Task({"ip": ["0.0.0.0", "2001:DB8::1", "0.0.0.0"]}))

    assert result == {
        "ips": [
            {"ip": "0.0.0.0", "label": "BAD", "score": 0},
            {"ip": "2001:db8::1", "label": None, "score": None},
        ]
    }
    assert fake_v1.forms == [
        form("ip_lkup", ip="0.0.0.0"),
        form("ip_lkup", ip="2001:db8::1"),
    ]


def test_invalid_address_is_rejected_before_any_call(fake_v1, client):
    with pytest.raises(ValidationError):
        gather_ip_info(client, Task({"ip": ["0.0.0.0", "not-an-ip"]}))

    assert fake_v1.requests == []


def test_api_error_is_raised(fake_v1, client):
    fake_v1.add(error("Invalid input for ip: refused", "E_INVLDINPUT"))

    with pytest.raises(InputError) as caught:
        gather_ip_info(client, Task({"ip": ["198.51.100.7"]}))

    assert (
        caught.value.msg
        == "ip_lkup failed: Invalid input for ip: refused (E_INVLDINPUT)"
    )
