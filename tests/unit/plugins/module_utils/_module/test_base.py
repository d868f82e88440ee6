# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import functools
import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    connection_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module import base
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.dns_records import (
    module_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    Transport,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
    success,
)

MAXAPI = error("Allowed number of API calls exceeded", "E_MAXAPI")


class Finished(Exception):
    """What the edge ended the module with; ``result`` without the ``invocation``, which is kept apart."""

    def __init__(self, how: str, result: dict) -> None:
        super().__init__(how)
        self.how = how
        self.invocation = result.pop("invocation", None)
        self.result = result


NO_CALLS = {"api_calls": 0, "rate_limit_waits": {"count": 0, "seconds": 0.0}}


def dns_records_argument_spec() -> dict:
    return module_spec().argument_spec


class FakeModule:
    """Just what the module edge needs from an AnsibleModule."""

    def __init__(self, **params) -> None:
        self.params = {
            "api_email": EMAIL,
            "api_key": KEY,
            "api_url": API_URL,
            "timeout": 5.0,
            "validate_certs": True,
            "ca_path": None,
            **params,
        }
        self.no_log_values = {KEY}
        self.check_mode = False
        self._diff = False
        self.warnings: list[str] = []

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def exit_json(self, **result):
        raise Finished("exit", result)

    def fail_json(self, **result):
        raise Finished("fail", result)


@pytest.fixture
def closed_sessions(monkeypatch):
    """Record every transport whose session gets closed."""
    closed = []
    original = Transport.close
    monkeypatch.setattr(
        Transport,
        "close",
        lambda transport: closed.append(transport) or original(transport),
    )
    return closed


def finish(fn, module=None) -> Finished:
    with pytest.raises(Finished) as caught:
        base.run(module or FakeModule(), fn)
    return caught.value


def test_argument_spec_is_a_fresh_copy_each_time():
    first = connection_spec().argument_spec
    first["api_key"]["aliases"].append("mutated")

    assert connection_spec().argument_spec["api_key"]["aliases"] == ["account_api_key"]
    assert first["api_key"]["no_log"] is True


def test_run_passes_a_configured_client_and_exits_with_its_result(closed_sessions):
    seen = []

    finished = finish(lambda api, task: seen.append(api.client) or {"zones": []})

    assert finished.how == "exit"
    assert finished.result == {"zones": [], "changed": False, **NO_CALLS}
    assert seen[0].api_url == API_URL
    assert seen[0].transport.timeout == 5.0
    assert closed_sessions == [client.transport for client in seen]


def test_run_keeps_changed(closed_sessions):
    assert finish(lambda api, task: {"changed": True}).result == {
        "changed": True,
        **NO_CALLS,
    }


def test_validation_problems_become_a_failure(closed_sessions):
    def invalid(api, task):
        raise ValidationError(
            problems=["ttl must be 1 or 120-86400", "priority is only for MX and SRV"]
        )

    finished = finish(invalid)

    assert finished.how == "fail"
    assert finished.result == {
        "msg": "ttl must be 1 or 120-86400; priority is only for MX and SRV",
        "problems": ["ttl must be 1 or 120-86400", "priority is only for MX and SRV"],
        **NO_CALLS,
    }
    assert len(closed_sessions) == 1


def test_failures_are_scrubbed_even_when_raised_by_callers(closed_sessions):
    def leaky(api, task):
        raise APIError(f"bad {KEY} for {EMAIL}", action=f"rec_new {KEY}", err_code="x")

    finished = finish(leaky)

    assert finished.result == {
        "msg": "bad ******** for <api_email>",
        "api_action": "rec_new ********",
        "err_code": "x",
        **NO_CALLS,
    }
    assert_no_secret(finished.result)


def test_the_result_reports_the_calls_and_the_rate_limit_waits(
    fake_v1, clock, monkeypatch
):
    monkeypatch.setattr(
        _backend,
        "V1Client",
        functools.partial(V1Client, sleep=clock.sleep, clock=clock, jitter=lambda: 1.0),
    )
    fake_v1.add(MAXAPI, MAXAPI, success())

    finished = finish(lambda api, task: api.client.call("zone_load_multi") and {})

    assert finished.result == {
        "changed": False,
        "api_calls": 3,
        "rate_limit_waits": {"count": 2, "seconds": 15.0},
    }


def test_calls_the_api_refused_for_its_rate_limit_give_a_warning(
    fake_v1, clock, monkeypatch
):
    monkeypatch.setattr(
        _backend,
        "V1Client",
        functools.partial(V1Client, sleep=clock.sleep, clock=clock, jitter=lambda: 1.0),
    )
    fake_v1.add(MAXAPI, success())
    module = FakeModule()

    finish(lambda api, task: api.client.call("zone_load_multi") and {}, module)

    assert module.warnings == [
        "The API refused 1 call for its rate limit, and the task waited 5 s in all for the limit. Other "
        "tasks or tools may share the account's limit of 1200 calls per 5 minutes: run fewer of them at once."
    ]


def test_no_warning_without_a_refused_call(fake_v1, closed_sessions):
    module = FakeModule()

    finish(lambda api, task: {}, module)

    assert module.warnings == []


def test_warnings_of_a_result_become_ansible_warnings_scrubbed(closed_sessions):
    module = FakeModule()

    finished = finish(lambda api, task: {"warnings": [f"look at {KEY}"]}, module)

    assert module.warnings == ["look at ********"]
    assert "warnings" not in finished.result


@pytest.mark.parametrize(
    "params, problem",
    [
        (
            {"api_key": None},
            "api_key is not set: give it as the option api_key of the task or of module_defaults for "
            "group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_API_KEY",
        ),
        (
            {"api_key": "  "},
            "api_key is empty: give it as the option api_key of the task or of module_defaults for "
            "group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_API_KEY",
        ),
        (
            {"api_email": None},
            "api_email is not set: give it as the option api_email of the task or of module_defaults "
            "for group/edgeops.cloudflare.cloudflare, or in the environment variable CLOUDFLARE_EMAIL",
        ),
    ],
)
def test_a_missing_or_empty_credential_fails_before_any_call(fake_v1, params, problem):
    finished = finish(
        lambda api, task: pytest.fail("no call may be made"), FakeModule(**params)
    )

    assert finished.how == "fail"
    assert finished.result == {"msg": problem, "problems": [problem]}
    assert fake_v1.requests == []


def test_an_empty_key_from_the_environment_says_so(fake_v1, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_API_KEY", "")

    finished = finish(
        lambda api, task: pytest.fail("no call may be made"), FakeModule(api_key="")
    )

    assert finished.result["msg"] == (
        "api_key is empty (the environment variable CLOUDFLARE_API_KEY is set, but empty): give it as the option "
        "api_key of the task or of module_defaults for group/edgeops.cloudflare.cloudflare, or in the environment "
        "variable CLOUDFLARE_API_KEY"
    )


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf"), True])
def test_a_timeout_that_is_not_a_positive_number_fails_before_any_call(
    fake_v1, timeout
):
    finished = finish(
        lambda api, task: pytest.fail("no call may be made"),
        FakeModule(timeout=timeout),
    )

    assert finished.how == "fail"
    assert finished.result["problems"] == [
        f"timeout must be a number of seconds greater than 0, got {timeout!r}"
    ]
    assert fake_v1.requests == []


def test_a_long_list_option_is_echoed_as_its_count_and_the_key_is_masked(
    closed_sessions,
):
    module = FakeModule(
        records=[{"name": f"h{index}"} for index in range(5000)], ip=["198.51.100.7"]
    )

    finished = finish(lambda api, task: {}, module)

    assert finished.invocation["module_args"]["records"] == "(5000 items, not echoed)"
    assert finished.invocation["module_args"]["ip"] == ["198.51.100.7"]
    assert (
        finished.invocation["module_args"]["api_key"]
        == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    )
    assert KEY not in str(finished.invocation)


def test_a_failure_is_echoed_short_too(closed_sessions):
    def invalid(api, task):
        raise ValidationError(problems=["bad"])

    finished = finish(invalid, FakeModule(records=[{}] * 21))

    assert finished.invocation["module_args"]["records"] == "(21 items, not echoed)"


@pytest.mark.parametrize(
    "url, warned",
    [
        ("https://api.example.test/api_json.html", True),
        ("http://127.0.0.1:9/api_json.html", False),
    ],
)
def test_validate_certs_false_gives_a_warning_for_https(closed_sessions, url, warned):
    module = FakeModule(validate_certs=False, api_url=url)

    finish(lambda api, task: {}, module)

    expected = [
        f"validate_certs is false, so the TLS certificate of {url} was not checked: anyone on the path "
        "could read the credentials. Use it only for a test server; for a private CA, set ca_path."
    ]
    assert module.warnings == (expected if warned else [])


def test_other_exceptions_are_not_swallowed(closed_sessions):
    def broken(api, task):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        base.run(FakeModule(), broken)
    assert len(closed_sessions) == 1


@pytest.mark.parametrize("key_option", ["api_key", "account_api_key"])
def test_key_masking_module_masks_the_key_when_records_is_not_a_list(
    capsys, key_option
):
    args = {
        "api_email": EMAIL,
        key_option: KEY,
        "api_url": API_URL,
        "zone": "example.com",
        "records": "not a list",
    }

    with patch_module_args(args), pytest.raises(SystemExit) as caught:
        base.CloudflareModule(argument_spec=dns_records_argument_spec())

    assert caught.value.code == 1
    output = capsys.readouterr().out
    assert KEY not in output
    answer = json.loads(output)
    assert answer["failed"] is True
    assert answer["msg"] == "dictionary requested, could not parse JSON or key=value"
    # ansible-core 2.19 echoes the options in the failed result, where 2.19.14 itself showed the
    # key; 2.21 leaves `invocation` out of this early failure altogether.
    if "invocation" in answer:
        assert (
            answer["invocation"]["module_args"][key_option]
            == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
        )


def test_key_masking_module_masks_every_no_log_option_of_its_spec_by_any_name():
    spec = {
        "records": {
            "type": "list",
            "elements": "dict",
            "options": {"name": {"type": "str"}},
        },
        "token": {"type": "str", "no_log": True, "aliases": ["secret"]},
        "other": {"type": "str", "no_log": True},
    }

    with patch_module_args(
        {"secret": "s3cr3t-token", "other": "s3cr3t-other", "records": []}
    ):
        module = base.CloudflareModule(argument_spec=spec)

    assert {"s3cr3t-token", "s3cr3t-other"} <= module.no_log_values


def test_key_masking_module_registers_the_key_before_validation():
    with patch_module_args(
        {
            "api_email": EMAIL,
            "account_api_key": KEY,
            "zone": "example.com",
            "records": [],
        }
    ):
        module = base.CloudflareModule(argument_spec=dns_records_argument_spec())

    assert KEY in module.no_log_values
    assert module.params["api_key"] == KEY
