# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_zone_info's listings through main() against the in-memory FakeAPI.

The v1 calls behind them are pinned in module_utils/_v1/test_v1_zones.py; how the module edge
builds the v1 client from the options is in test_v1_module_edge.py.
"""

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module import base
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_info
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import zone_info
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    EMAIL,
    KEY,
    assert_no_secret,
)

EXAMPLE_COM = zone_info("example.com", 42)
EXAMPLE_ORG = zone_info("example.org", 43, plan="pro")


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone("example.org", 43, plan="pro")
    fake_api.add_zone("example.com", 42)
    return fake_api


def run(**args):
    return run_module(cf_zone_info, {**CREDENTIALS, **args})


def test_all_zones_sorted_by_name(fake):
    result = run()

    assert result == {"changed": False, "zones": [EXAMPLE_COM, EXAMPLE_ORG]}
    assert fake.log == [("list_zones",)]
    assert result.call_report == {
        "api_calls": 1,
        "rate_limit_waits": {"count": 0, "seconds": 0.0},
    }


@pytest.mark.parametrize("zone", ["example.com", "EXAMPLE.com."])
def test_one_zone(fake, zone):
    result = run(zone=zone)

    assert result == {"changed": False, "zones": [EXAMPLE_COM]}
    assert fake.log == [("find_zone", "example.com")]


def test_check_mode_reads_the_same(fake):
    result = run(domain="example.com", _ansible_check_mode=True)

    assert result == {"changed": False, "zones": [EXAMPLE_COM]}
    assert fake.log == [("find_zone", "example.com")]


def test_unknown_zone_fails_naming_it(fake):
    result = run(zone="Example.NET")

    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }


def test_zone_ids_of_one_zone_take_one_id_lookup(fake):
    result = run(zone="example.com", gather=["zone_ids"])

    assert result == {"changed": False, "zone_ids": {"example.com": 42}}
    assert fake.log == [("zone_id", "example.com")]


def test_zone_ids_of_an_unknown_zone_fail(fake):
    result = run(zone="example.net", gather=["zone_ids"])

    assert result["failed"] is True
    assert result["msg"] == "Zone example.net was not found in the account"
    assert fake.log == [("zone_id", "example.net")]


def test_zone_ids_of_every_zone_come_from_the_zone_list(fake):
    result = run(gather=["zone_ids"])

    assert result == {
        "changed": False,
        "zone_ids": {"example.com": 42, "example.org": 43},
    }
    assert fake.log == [("list_zones",)]


def test_details_and_ids_together_cost_one_call(fake):
    result = run(zone="example.com", gather=["zones", "zone_ids"])

    assert result == {
        "changed": False,
        "zones": [EXAMPLE_COM],
        "zone_ids": {"example.com": 42},
    }
    assert fake.log == [("find_zone", "example.com")]


@pytest.mark.parametrize(
    "aliases",
    [
        {"account_email": EMAIL, "account_api_key": KEY},
        {"api_email": EMAIL, "account_api_key": KEY},
    ],
)
def test_credential_aliases(fake, aliases):
    result = run_module(cf_zone_info, aliases)

    assert "failed" not in result
    assert (fake.params["api_email"], fake.params["api_key"]) == (EMAIL, KEY)
    assert fake.log == [("list_zones",)]


@pytest.mark.parametrize(
    "aliases", [{"email": EMAIL, "api_key": KEY}, {"api_email": EMAIL, "tkn": KEY}]
)
def test_the_v1_form_field_names_are_no_aliases(fake, aliases):
    result = run_module(cf_zone_info, aliases)

    assert result["failed"] is True
    assert result["msg"].startswith("Unsupported parameters for")
    assert fake.log == []


def test_credentials_and_url_from_the_environment(fake, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_EMAIL", EMAIL)
    monkeypatch.setenv("CLOUDFLARE_API_KEY", KEY)
    monkeypatch.setenv("CLOUDFLARE_API_URL", "http://127.0.0.1:9/from-the-environment")

    result = run_module(cf_zone_info, {})

    assert "failed" not in result
    assert (
        fake.params["api_email"],
        fake.params["api_key"],
        fake.params["api_url"],
    ) == (EMAIL, KEY, "http://127.0.0.1:9/from-the-environment")


def test_options_win_over_the_environment(fake, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_EMAIL", "other@example.org")
    monkeypatch.setenv("CLOUDFLARE_API_URL", "http://127.0.0.1:1/api_json.html")

    run(gather=["zones"])

    assert (fake.params["api_email"], fake.params["api_url"]) == (
        EMAIL,
        CREDENTIALS["api_url"],
    )


def test_missing_credentials_fail_before_any_call(fake):
    result = run_module(cf_zone_info, {"api_url": CREDENTIALS["api_url"]})

    assert result["failed"] is True
    assert "api_email" in result["msg"] and "api_key" in result["msg"]
    assert fake.log == []


def test_missing_requests_is_reported(fake, monkeypatch):
    monkeypatch.setattr(base, "HAS_REQUESTS", False)
    monkeypatch.setattr(
        base, "REQUESTS_IMPORT_ERROR", "Traceback: No module named 'requests'"
    )

    result = run()

    assert result["failed"] is True
    assert "requests" in result["msg"]
    assert result["exception"] == "Traceback: No module named 'requests'"
    assert fake.log == []


def test_calls_refused_for_the_rate_limit_give_a_warning(fake):
    fake.rate_limited = 22
    fake.waits = {"count": 21, "seconds": 300.0}

    result = run()

    assert result["warnings"] == [
        "The API refused 22 calls for its rate limit, and the task waited 300 s in all for "
        "the limit. Other tasks or tools may share the account's limit of 1200 calls per "
        "5 minutes: run fewer of them at once."
    ]
    assert result.call_report == {
        "api_calls": 1,
        "rate_limit_waits": {"count": 21, "seconds": 300.0},
    }


def test_success_result_never_holds_the_key(fake):
    result = run(gather=["zones", "zone_ids"])

    assert_no_secret(json.dumps(result), result)
