# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_ip_info through main() against the in-memory FakeAPI (the v1 forms: module_utils/_v1/test_v1_ip_info.py)."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_ip_info
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    assert_no_secret,
)

DOCUMENTED_RETURN = yaml.safe_load(cf_ip_info.RETURN)


@pytest.mark.parametrize("check_mode", [False, True])
def test_each_address_is_looked_up_in_check_mode_too(fake_api, check_mode):
    fake_api.threat_scores["0.0.0.0"] = ("BAD", 0)

    result = run_module(
        cf_ip_info,
        {
            **CREDENTIALS,
            "ip": ["0.0.0.0", "127.0.0.1"],
            "_ansible_check_mode": check_mode,
        },
    )

    assert result == {
        "changed": False,
        "ips": [
            {"ip": "0.0.0.0", "label": "BAD", "score": 0},
            {"ip": "127.0.0.1", "label": None, "score": None},
        ],
    }
    assert fake_api.log == [("lookup_ip", "0.0.0.0"), ("lookup_ip", "127.0.0.1")]
    assert (set(result) | set(result.call_report)) - {"changed"} == set(
        DOCUMENTED_RETURN
    )
    assert set(result["ips"][0]) == set(DOCUMENTED_RETURN["ips"]["contains"])


def test_addresses_are_looked_up_in_canonical_form(fake_api):
    run_module(cf_ip_info, {**CREDENTIALS, "ip": ["2001:DB8:0::1"]})

    assert fake_api.log == [("lookup_ip", "2001:db8::1")]


def test_invalid_address_is_rejected_before_any_call(fake_api):
    result = run_module(cf_ip_info, {**CREDENTIALS, "ip": ["0.0.0.0", "10.0.0.0/8"]})

    assert result == {
        "failed": True,
        "msg": "ip: '10.0.0.0/8' is a network; give single addresses",
        "problems": ["ip: '10.0.0.0/8' is a network; give single addresses"],
    }
    assert fake_api.log == []


def test_api_error_is_surfaced(fake_api):
    fake_api.fail(
        "lookup_ip",
        AuthError(
            "ip_lkup failed: Unknown token or email (E_UNAUTH)",
            action="ip_lkup",
            err_code="E_UNAUTH",
            attempts=1,
        ),
    )

    result = run_module(cf_ip_info, {**CREDENTIALS, "ip": ["0.0.0.0"]})

    assert result == {
        "failed": True,
        "msg": "ip_lkup failed: Unknown token or email (E_UNAUTH)",
        "api_action": "ip_lkup",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }
    assert_no_secret(result)


def test_a_backend_without_threat_scores_fails_before_any_call(fake_api):
    fake_api.capabilities = capabilities(api="v4", without=("threat_score",))

    result = run_module(cf_ip_info, {**CREDENTIALS, "ip": ["0.0.0.0"]})

    assert result == {"failed": True, "msg": "threat score is not supported by API v4"}
    assert fake_api.log == []
