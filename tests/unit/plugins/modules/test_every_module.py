# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every module does the same way: the call report, key masking from the start, the credential check."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import CloudflareModule
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_cache_purge,
    cf_dns_record,
    cf_dns_record_info,
    cf_dns_records,
    cf_ip_access,
    cf_ip_info,
    cf_zone_info,
    cf_zone_setting,
    cf_zone_snapshot,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
)

CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}

# Each module with arguments that make it call the API.
MODULES = [
    (cf_cache_purge, {"zone": "example.com", "purge_everything": True}),
    (cf_dns_record, {"zone": "example.com", "name": "www", "type": "A", "content": "203.0.113.5"}),
    (cf_dns_record_info, {"zone": "example.com"}),
    (cf_dns_records, {"zone": "example.com", "records": [{"type": "A", "content": "203.0.113.5"}]}),
    (cf_ip_access, {"ip": ["198.51.100.7"], "mode": "blacklist"}),
    (cf_ip_info, {"ip": ["198.51.100.7"]}),
    (cf_zone_info, {}),
    (cf_zone_setting, {"zone": "example.com", "ipv6": True}),
    (cf_zone_snapshot, {"zone": "example.com"}),
]
IDS = [module.__name__.rsplit(".", 1)[-1] for module, dummy in MODULES]
UNAUTH = error("Unknown token or email", "E_UNAUTH")


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_a_failed_call_still_reports_the_calls_made(fake_v1, module, args):
    fake_v1.add(UNAUTH)

    result = run_module(module, {**CREDENTIALS, **args})

    assert result["failed"] is True
    assert result["msg"].endswith("failed: Unknown token or email (E_UNAUTH)")
    assert result.call_report == {"api_calls": 1, "rate_limit_waits": {"count": 0, "seconds": 0.0}}
    assert_no_secret(result)


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_the_call_report_is_documented(module, args):
    documented = yaml.safe_load(module.RETURN)

    assert documented["api_calls"]["type"] == "int"
    assert set(documented["rate_limit_waits"]["contains"]) == {"count", "seconds"}


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_every_module_masks_its_key_from_the_start(monkeypatch, fake_v1, module, args):
    masked = []
    original = CloudflareModule._load_params

    def load_params(self):
        original(self)
        masked.append(KEY in self.no_log_values)

    monkeypatch.setattr(CloudflareModule, "_load_params", load_params)
    fake_v1.add(UNAUTH)

    run_module(module, {**CREDENTIALS, **args})

    assert masked == [True]


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_missing_credentials_fail_before_any_call_saying_where_they_were_looked_for(fake_v1, module, args):
    result = run_module(module, {"api_url": API_URL, **args})

    assert result["failed"] is True
    assert result["problems"] == [
        "api_email is not set: give it as the option api_email of the task or of module_defaults for "
        "group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_EMAIL",
        "api_key is not set: give it as the option api_key of the task or of module_defaults for "
        "group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_API_KEY",
    ]
    assert fake_v1.requests == []


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
@pytest.mark.parametrize("credentials", [
    {"api_token": "a-v4-token"},
    {"api_email": EMAIL, "api_key": KEY, "api_version": "v4"},
], ids=["api_token", "api_version_v4"])
def test_api_v4_fails_clearly_before_any_call(fake_v1, module, args, credentials):
    result = run_module(module, {"api_url": API_URL, **credentials, **args})

    assert result["failed"] is True
    assert result["msg"].startswith("API v4 is not available yet in this version of edgeops.cloudflare")
    assert fake_v1.requests == []
    assert "a-v4-token" not in repr(dict(result))
