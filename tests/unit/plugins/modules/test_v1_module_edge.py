# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How the module edge builds and reports the v1 backend, through cf_zone_info over the fake v1 transport.

These test the v1 wiring itself (the client the options build, the v1 errors and retries in a
module result, the masking of the v1 credentials); cf_zone_info's behaviour is tested against
FakeAPI in test_cf_zone_info.py.
"""

from __future__ import annotations

import functools
import json

import pytest
import requests

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_zone_info
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    IDS,
    MODULES,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    Reply,
    assert_no_secret,
    error,
    form,
    success,
    v1_zone,
    zones_answer,
)

CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}

EXAMPLE_COM = {
    "name": "example.com",
    "id": 42,
    "status": "active",
    "development_mode": False,
    "type": "full",
    "plan": "free",
    "name_servers": ["norm.ns.cloudflare.com", "pat.ns.cloudflare.com"],
    "original_name_servers": [],
    "hosting_partner": None,
}
TWO_ZONES = zones_answer(
    v1_zone("example.org", "43", props={"plan": "PRO_ZONE"}),
    v1_zone("example.com", "42"),
)


def test_the_v1_zone_list_through_the_module(fake_v1):
    fake_v1.add(TWO_ZONES)

    result = run_module(cf_zone_info, CREDENTIALS)

    example_org = {**EXAMPLE_COM, "name": "example.org", "id": 43, "plan": "pro"}
    assert result == {"changed": False, "zones": [EXAMPLE_COM, example_org]}
    assert fake_v1.forms == [form("zone_load_multi")]


def test_an_unknown_zone_names_the_v1_action_that_looked_for_it(fake_v1):
    fake_v1.add(TWO_ZONES, success(response={"zones": {"example.net": 0}}))

    details = run_module(cf_zone_info, {**CREDENTIALS, "zone": "Example.NET"})
    ids = run_module(
        cf_zone_info, {**CREDENTIALS, "zone": "example.net", "gather": ["zone_ids"]}
    )

    assert details == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "api_action": "zone_load_multi",
        "zone": "example.net",
    }
    assert ids == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "api_action": "zone_check",
        "zone": "example.net",
    }
    assert fake_v1.forms == [
        form("zone_load_multi"),
        form("zone_check", zones="example.net"),
    ]


def test_default_url_and_timeout(monkeypatch, clock):
    seen = {}

    def fake_client(*args, **kwargs):
        seen.update(kwargs, args=args)
        return V1Client(
            *args, sleep=clock.sleep, clock=clock, **{**kwargs, "api_url": "bad://"}
        )

    monkeypatch.setattr(_backend, "V1Client", fake_client)

    run_module(cf_zone_info, {"api_email": EMAIL, "api_key": KEY})

    lineage = seen.pop("lineage")
    assert seen == {
        "args": (EMAIL, KEY),
        "api_url": "https://www.cloudflare.com/api_json.html",
        "timeout": 30.0,
        "validate_certs": True,
        "ca_path": None,
        "share_pacer": True,
    }
    # Under pytest no Ansible controller is above the module: the module watches its parent.
    assert lineage.gone() is None


@pytest.mark.parametrize(
    "answer, expected",
    [
        (
            error(
                f"Unknown token or email {KEY} {EMAIL}",
                "E_UNAUTH",
                action="zone_load_multi",
            ),
            {
                "msg": "zone_load_multi failed: Unknown token or email ******** <api_email> (E_UNAUTH)",
                "err_code": "E_UNAUTH",
                "api_action": "zone_load_multi",
                "attempts": 1,
            },
        ),
        (
            error("Missing parameter", "E_INVLDINPUT"),
            {
                "msg": "zone_load_multi failed: Missing parameter (E_INVLDINPUT)",
                "err_code": "E_INVLDINPUT",
                "api_action": "zone_load_multi",
                "attempts": 1,
            },
        ),
        (
            Reply(200, f"<p>{KEY}</p>"),
            {
                "msg": "zone_load_multi: the answer is not JSON: ********",
                "api_action": "zone_load_multi",
                "attempts": 1,
                "http_status": 200,
            },
        ),
    ],
)
def test_api_failures_become_clean_module_failures(fake_v1, answer, expected):
    fake_v1.add(answer)

    result = run_module(cf_zone_info, CREDENTIALS)

    assert result == {"failed": True, **expected}
    assert_no_secret(json.dumps(result), result)


def test_exhausted_retries_in_the_module_result(fake_v1, clock, monkeypatch):
    monkeypatch.setattr(
        _backend,
        "V1Client",
        functools.partial(V1Client, sleep=clock.sleep, clock=clock, jitter=lambda: 1.0),
    )
    fake_v1.add(*[error("Rate limited", "E_MAXAPI")] * 22)

    result = run_module(cf_zone_info, CREDENTIALS)

    assert result == {
        "failed": True,
        "err_code": "E_MAXAPI",
        "api_action": "zone_load_multi",
        "attempts": 22,
        "msg": "zone_load_multi failed after 22 attempts (still rate limited after 300 s); "
        "last error: Rate limited (E_MAXAPI)",
        "warnings": [
            "The API refused 22 calls for its rate limit, and the task waited 300 s "
            "in all for the limit. Other tasks or tools may share the account's limit of 1200 "
            "calls per 5 minutes: run fewer of them at once."
        ],
    }
    assert result.call_report == {
        "api_calls": 22,
        "rate_limit_waits": {"count": 21, "seconds": 300.0},
    }
    assert clock.sleeps == [5.0, 10.0] + [15.0] * 19


def test_timeout_in_the_module_result(fake_v1):
    fake_v1.add(*[requests.exceptions.ReadTimeout(f"Read timed out for {KEY}")] * 5)

    result = run_module(cf_zone_info, {**CREDENTIALS, "timeout": 2})

    assert result["failed"] is True
    assert result["msg"].startswith("zone_load_multi failed after 5 attempts")
    assert "timed out after 2 s" in result["msg"]
    assert_no_secret(json.dumps(result))


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_the_real_edge_refuses_missing_credentials_before_any_request(
    fake_v1, module, args
):
    result = run_module(module, {"api_url": API_URL, **args})

    assert result["failed"] is True
    assert [problem.split(":")[0] for problem in result["problems"]] == [
        "api_email is not set",
        "api_key is not set",
    ]
    assert fake_v1.requests == []
