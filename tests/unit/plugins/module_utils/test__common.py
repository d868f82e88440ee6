# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _common
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import APIError, ValidationError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_bulk_module import dns_records_argument_spec
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import API_URL, EMAIL, KEY, assert_no_secret


class Finished(Exception):
    def __init__(self, how: str, result: dict) -> None:
        super().__init__(how)
        self.how = how
        self.result = result


class FakeModule:
    """Just what _common needs from an AnsibleModule."""

    def __init__(self) -> None:
        self.params = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL, "timeout": 5.0,
                       "validate_certs": True, "ca_path": None}

    def exit_json(self, **result):
        raise Finished("exit", result)

    def fail_json(self, **result):
        raise Finished("fail", result)


@pytest.fixture
def closed_sessions(monkeypatch):
    """Record every client session that gets closed."""
    closed = []
    original = _common.V1Client.close
    monkeypatch.setattr(_common.V1Client, "close", lambda client: closed.append(client) or original(client))
    return closed


def finish(fn) -> Finished:
    with pytest.raises(Finished) as caught:
        _common.run(FakeModule(), fn)
    return caught.value


def test_argument_spec_is_a_fresh_copy_each_time():
    first = _common.auth_argument_spec()
    first["api_key"]["aliases"].append("mutated")

    assert _common.auth_argument_spec()["api_key"]["aliases"] == ["account_api_key", "tkn"]
    assert first["api_key"]["no_log"] is True


def test_run_passes_a_configured_client_and_exits_with_its_result(closed_sessions):
    seen = []

    finished = finish(lambda client: seen.append(client) or {"zones": []})

    assert finished.how == "exit"
    assert finished.result == {"zones": [], "changed": False}
    assert seen[0].api_url == API_URL
    assert seen[0].timeout == 5.0
    assert closed_sessions == seen


def test_run_keeps_changed(closed_sessions):
    assert finish(lambda client: {"changed": True}).result == {"changed": True}


def test_validation_problems_become_a_failure(closed_sessions):
    def invalid(client):
        raise ValidationError(problems=["ttl must be 1 or 120-86400", "priority is only for MX and SRV"])

    finished = finish(invalid)

    assert finished.how == "fail"
    assert finished.result == {"msg": "ttl must be 1 or 120-86400; priority is only for MX and SRV",
                               "problems": ["ttl must be 1 or 120-86400", "priority is only for MX and SRV"]}
    assert len(closed_sessions) == 1


def test_failures_are_scrubbed_even_when_raised_by_callers(closed_sessions):
    def leaky(client):
        raise APIError(f"bad {KEY} for {EMAIL}", action=f"rec_new {KEY}", err_code="x")

    finished = finish(leaky)

    assert finished.result == {"msg": "bad ******** for <api_email>", "api_action": "rec_new ********",
                               "err_code": "x"}
    assert_no_secret(finished.result)


def test_other_exceptions_are_not_swallowed(closed_sessions):
    def broken(client):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        _common.run(FakeModule(), broken)
    assert len(closed_sessions) == 1


@pytest.mark.parametrize("key_option", ["api_key", "account_api_key", "tkn"])
def test_key_masking_module_masks_the_key_when_records_is_not_a_list(capsys, key_option):
    args = {"api_email": EMAIL, key_option: KEY, "api_url": API_URL, "zone": "example.com", "records": "not a list"}

    with patch_module_args(args), pytest.raises(SystemExit) as caught:
        _common.KeyMaskingModule(argument_spec=dns_records_argument_spec())

    assert caught.value.code == 1
    output = capsys.readouterr().out
    assert KEY not in output
    answer = json.loads(output)
    assert answer["failed"] is True
    assert answer["msg"] == "dictionary requested, could not parse JSON or key=value"
    # ansible-core 2.19 echoes the options in the failed result, where 2.19.14 itself showed the
    # key; 2.21 leaves `invocation` out of this early failure altogether.
    if "invocation" in answer:
        assert answer["invocation"]["module_args"][key_option] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def test_key_masking_module_registers_the_key_before_validation():
    with patch_module_args({"api_email": EMAIL, "tkn": KEY, "zone": "example.com", "records": []}):
        module = _common.KeyMaskingModule(argument_spec=dns_records_argument_spec())

    assert KEY in module.no_log_values
    assert module.params["api_key"] == KEY
