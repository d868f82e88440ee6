# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_ip_info
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
    form,
    success,
)

CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}
DOCUMENTED_RETURN = yaml.safe_load(cf_ip_info.RETURN)


@pytest.mark.parametrize("check_mode", [False, True])
def test_scores_are_normalised_and_read_in_check_mode_too(fake_v1, check_mode):
    fake_v1.add(success(None, {"0.0.0.0": "BAD:0"}), success(None, {"127.0.0.1": False}))

    result = run_module(cf_ip_info, {**CREDENTIALS, "ip": ["0.0.0.0", "127.0.0.1"], "_ansible_check_mode": check_mode})

    assert result == {"changed": False, "ips": [{"ip": "0.0.0.0", "label": "BAD", "score": 0},
                                                {"ip": "127.0.0.1", "label": None, "score": None}]}
    assert fake_v1.forms == [form("ip_lkup", ip="0.0.0.0"), form("ip_lkup", ip="127.0.0.1")]
    assert (set(result) | set(result.call_report)) - {"changed"} == set(DOCUMENTED_RETURN)
    assert set(result["ips"][0]) == set(DOCUMENTED_RETURN["ips"]["contains"])


def test_invalid_address_is_rejected_before_any_call(fake_v1):
    result = run_module(cf_ip_info, {**CREDENTIALS, "ip": ["0.0.0.0", "10.0.0.0/8"]})

    assert result == {"failed": True, "msg": "ip: '10.0.0.0/8' is a network; give single addresses",
                      "problems": ["ip: '10.0.0.0/8' is a network; give single addresses"]}
    assert fake_v1.requests == []


def test_api_error_is_surfaced(fake_v1):
    fake_v1.add(error("Unknown token or email", "E_UNAUTH"))

    result = run_module(cf_ip_info, {**CREDENTIALS, "ip": ["0.0.0.0"]})

    assert result == {"failed": True, "msg": "ip_lkup failed: Unknown token or email (E_UNAUTH)",
                      "api_action": "ip_lkup", "err_code": "E_UNAUTH", "attempts": 1}
    assert_no_secret(result)
