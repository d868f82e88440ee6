# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Choosing the backend from the connection options (design section 10.1), before any call."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    DEFAULT_API_URL,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.api import V4API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    DEFAULT_API_URL as V4_DEFAULT_API_URL,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import (
    API_URL as V4_URL,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import ok

BASE = {
    "api_token": None,
    "api_email": None,
    "api_key": None,
    "api_version": None,
    "api_url": None,
    "validate_certs": True,
    "ca_path": None,
    "timeout": 30,
}
V1_CREDENTIALS = {"api_email": "ops@example.com", "api_key": "k" * 37}


def problems_of(**params) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        _backend.create_api({**BASE, **params})
    return caught.value.problems


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, "v1"),
        (V1_CREDENTIALS, "v1"),
        ({"api_token": "t"}, "v4"),
        ({"api_token": "  "}, "v1"),
        ({**V1_CREDENTIALS, "api_version": "v4"}, "v4"),
        ({"api_token": "t", "api_version": "v1"}, "v1"),
    ],
)
def test_the_api_version_follows_the_credentials_unless_given(params, expected):
    assert _backend.api_version({**BASE, **params}) == expected


def test_email_and_key_build_the_v1_adapter_at_the_default_url():
    api = _backend.create_api({**BASE, **V1_CREDENTIALS})
    try:
        assert isinstance(api, V1API)
        assert api.capabilities.api == "v1"
        assert api.client.api_url == DEFAULT_API_URL
    finally:
        api.close()


def test_a_given_api_url_is_used():
    api = _backend.create_api(
        {**BASE, **V1_CREDENTIALS, "api_url": "https://127.0.0.1:8443/api_json.html"}
    )
    try:
        assert api.client.api_url == "https://127.0.0.1:8443/api_json.html"
    finally:
        api.close()


@pytest.mark.parametrize(
    "params, auth",
    [
        ({"api_token": "t" * 40}, {"Authorization": "Bearer " + "t" * 40}),
        (
            {**V1_CREDENTIALS, "api_version": "v4"},
            {"X-Auth-Email": "ops@example.com", "X-Auth-Key": "k" * 37},
        ),
    ],
    ids=["token", "global_key"],
)
def test_a_token_or_api_version_v4_builds_the_v4_adapter_at_the_v4_url(
    fake_v4, params, auth
):
    fake_v4.add(ok([]))
    api = _backend.create_api({**BASE, **params, "api_url": V4_URL})
    try:
        assert isinstance(api, V4API)
        assert api.capabilities.api == "v4"
        api.list_zones()
    finally:
        api.close()
    headers = fake_v4.calls[0].headers
    assert {name: headers.get(name) for name in auth} == auth


def test_the_v4_url_is_the_default_for_v4():
    api = _backend.create_api({**BASE, "api_token": "t" * 40})
    try:
        assert api.client.api_url == V4_DEFAULT_API_URL
    finally:
        api.close()


@pytest.mark.parametrize(
    "params, problem",
    [
        (
            {"api_token": "t", "api_url": "https://www.cloudflare.com/api_json.html"},
            "api_url https://www.cloudflare.com/api_json.html is an API v1 address, but the credentials "
            "ask for API v4: leave api_url out or give the v4 address (https://api.cloudflare.com/client/v4)",
        ),
        (
            {**V1_CREDENTIALS, "api_url": "https://api.cloudflare.com/client/v4/"},
            "api_url https://api.cloudflare.com/client/v4/ is an API v4 address, but the credentials ask "
            "for API v1: give api_token (or api_version: v4) for API v4",
        ),
    ],
    ids=["v1_url_for_v4", "v4_url_for_v1"],
)
def test_an_api_url_of_the_other_version_is_refused(params, problem):
    assert problems_of(**params) == [problem]


def test_a_token_and_a_global_key_clash():
    problems = problems_of(api_token="t", **V1_CREDENTIALS)

    assert len(problems) == 1
    assert problems[0].startswith("both api_token and api_key are set")
    assert "CLOUDFLARE_API_TOKEN" in problems[0] and "CLOUDFLARE_API_KEY" in problems[0]


def test_a_token_with_api_version_v1_is_refused():
    assert problems_of(api_token="t", api_version="v1") == [
        "api_token is an API v4 token, but api_version is v1: API v1 takes api_email and api_key"
    ]


def test_every_problem_is_listed_at_once():
    problems = problems_of(api_email="", timeout=0)

    assert [problem.split(":")[0] for problem in problems] == [
        "api_email is empty",
        "api_key is not set",
        "timeout must be a number of seconds greater than 0, got 0",
    ]


def test_an_empty_environment_variable_is_named(monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_EMAIL", "")

    problems = problems_of(api_email="", api_key="k")

    assert problems == [
        "api_email is empty (the environment variable CLOUDFLARE_EMAIL is set, but empty): give it as "
        "the option api_email of the task or of module_defaults for group/edgeops.cloudflare.cloudflare, "
        "or in the environment variable CLOUDFLARE_EMAIL"
    ]


@pytest.mark.parametrize("timeout", [True, -1, float("inf"), float("nan"), "30"])
def test_a_timeout_that_is_no_positive_number_is_refused(timeout):
    assert problems_of(timeout=timeout, **V1_CREDENTIALS) == [
        f"timeout must be a number of seconds greater than 0, got {timeout!r}"
    ]
