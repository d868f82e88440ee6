# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
    StepError,
    ValidationError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
    normalize_ips,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("example.com", "example.com"),
        (" Example.COM. ", "example.com"),
        ("bücher.example", "xn--bcher-kva.example"),
    ],
)
def test_checked_zone_normalises(value, expected):
    assert checked_zone(value) == expected


def test_checked_zone_rejects_an_invalid_name():
    with pytest.raises(ValidationError) as caught:
        checked_zone("exa mple.com")

    assert caught.value.problems == ["zone 'exa mple.com' is not a valid DNS name"]


def test_zone_not_found_names_the_zone():
    error = ZoneNotFoundError.in_account("example.net", action="fpurge_ts")

    assert isinstance(error, ZoneNotFoundError)
    assert error.msg == "Zone example.net was not found in the account"
    assert error.details() == {"api_action": "fpurge_ts", "zone": "example.net"}


def test_normalize_ips_canonical_form_and_no_duplicates():
    values = [
        "198.51.100.7",
        " 2001:DB8:0:0::1 ",
        "198.51.100.7",
        "2001:db8::1",
        "::ffff:192.0.2.1",
        "0.0.0.0",
    ]

    assert normalize_ips(values) == [
        "198.51.100.7",
        "2001:db8::1",
        "192.0.2.1",
        "0.0.0.0",
    ]


def test_normalize_ips_reports_every_problem():
    with pytest.raises(ValidationError) as caught:
        normalize_ips(
            [
                "198.51.100.0/24",
                "1.2.3",
                "198.51.100.7",
                "fe80::1%eth0",
                "www.example.com",
                "010.1.1.1",
            ]
        )

    assert caught.value.problems == [
        "ip: '198.51.100.0/24' is a network; give single addresses",
        "ip: '1.2.3' is not an IPv4 or IPv6 address",
        "ip: 'fe80::1%eth0' has a scope (%eth0); give the address alone",
        "ip: 'www.example.com' is not an IPv4 or IPv6 address",
        "ip: '010.1.1.1' is not an IPv4 or IPv6 address",
    ]
    assert caught.value.msg == "; ".join(caught.value.problems)


def test_normalize_ips_takes_an_ipv4_mapped_address_as_its_ipv4_address():
    assert normalize_ips(
        ["::ffff:198.51.100.7", "198.51.100.7", "::FFFF:C633:6408"]
    ) == ["198.51.100.7", "198.51.100.8"]


def test_normalize_ips_empty_list():
    assert normalize_ips([]) == []


def test_step_error_keeps_the_cause_details_and_reports_what_was_done():
    cause = InputError(
        "zone_file_purge failed: bad url (E_INVLDINPUT)",
        action="zone_file_purge",
        err_code="E_INVLDINPUT",
        attempts=1,
    )

    error = StepError(
        "Purging http://example.com/b failed", cause, "files", ["http://example.com/a"]
    )

    assert str(error) == "Purging http://example.com/b failed"
    assert error.details() == {
        "api_action": "zone_file_purge",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
        "changed": True,
        "files": ["http://example.com/a"],
    }


def test_step_error_without_earlier_work_reports_no_change():
    cause = InputError("bad", action="wl", err_code="E_INVLDINPUT", attempts=1)

    error = StepError("Setting 198.51.100.7 to whitelist failed: bad", cause, "ips", [])

    assert error.details() == {
        "api_action": "wl",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
    }
