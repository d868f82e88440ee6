# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every module does the same way: the call report, key masking from the start, the credential check,
closing the backend, and refusing before any call what the backend cannot do. Against FakeAPI.
"""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_cache_purge,
    cf_dns_record,
    cf_dns_record_info,
    cf_dns_records,
    cf_ip_access,
    cf_ip_info,
    cf_zone_setting,
    cf_zone_snapshot,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
    IDS,
    MODULES,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    KEY,
    assert_no_secret,
)

# The feature each module needs beyond records and zones, and how NotSupportedError names it.
FEATURES = {
    cf_dns_record: "records",
    cf_dns_record_info: "records",
    cf_dns_records: "records",
    cf_cache_purge: "cache_purge",
    cf_ip_access: "ip_access",
    cf_ip_info: "threat_score",
    cf_zone_setting: "settings",
    cf_zone_snapshot: "snapshot",
}
UNAUTH = AuthError("the first call failed: Unknown token or email (E_UNAUTH)")


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone("example.com")
    return fake_api


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_a_failed_call_still_reports_the_calls_made(fake, module, args):
    fake.fail("*", UNAUTH)

    result = run_module(module, {**CREDENTIALS, **args})

    assert result["failed"] is True
    assert result["msg"].endswith("failed: Unknown token or email (E_UNAUTH)")
    assert result.call_report == {
        "api_calls": 1,
        "rate_limit_waits": {"count": 0, "seconds": 0.0},
    }
    assert len(fake.log) == 1
    assert fake.closed is True
    assert_no_secret(result)


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_every_module_reports_its_calls_and_closes_the_backend(fake, module, args):
    result = run_module(module, {**CREDENTIALS, **args})

    assert "failed" not in result
    assert result.call_report == {
        "api_calls": fake.calls,
        "rate_limit_waits": {"count": 0, "seconds": 0.0},
    }
    assert fake.calls >= 1
    assert fake.closed is True


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_check_mode_writes_nothing(fake, module, args):
    run_module(module, {**CREDENTIALS, **args, "_ansible_check_mode": True})

    assert fake.writes == []


@pytest.mark.parametrize(
    "module, feature",
    FEATURES.items(),
    ids=[module.__name__.rsplit(".", 1)[-1] for module in FEATURES],
)
def test_a_module_whose_feature_the_backend_lacks_fails_before_any_call(
    fake, module, feature
):
    args = dict(MODULES)[module]
    fake.capabilities = capabilities(api="v9", without=(feature,))

    result = run_module(module, {**CREDENTIALS, **args})

    assert result == {
        "failed": True,
        "msg": f"{feature.replace('_', ' ')} is not supported by API v9",
    }
    assert result.call_report["api_calls"] == 0
    assert fake.log == []


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_the_call_report_is_documented(module, args):
    documented = yaml.safe_load(module.RETURN)

    assert documented["api_calls"]["type"] == "int"
    assert set(documented["rate_limit_waits"]["contains"]) == {"count", "seconds"}


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_every_module_masks_its_key_from_the_start(monkeypatch, fake, module, args):
    masked = []
    original = CloudflareModule._load_params

    def load_params(self):
        original(self)
        masked.append(KEY in self.no_log_values)

    monkeypatch.setattr(CloudflareModule, "_load_params", load_params)
    fake.fail("*", UNAUTH)

    run_module(module, {**CREDENTIALS, **args})

    assert masked == [True]


@pytest.mark.parametrize("module, args", MODULES, ids=IDS)
def test_missing_credentials_fail_before_any_call_saying_where_they_were_looked_for(
    fake, module, args
):
    result = run_module(module, {"api_url": CREDENTIALS["api_url"], **args})

    assert result["failed"] is True
    assert result["problems"] == [
        "api_email is not set: give it as the option api_email of the task or of module_defaults for "
        "group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_EMAIL",
        "api_key is not set: give it as the option api_key of the task or of module_defaults for "
        "group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_API_KEY",
    ]
    assert fake.log == []
