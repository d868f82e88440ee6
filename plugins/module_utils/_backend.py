# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Choosing the backend from the connection options, and building it.

``api_token`` means API v4; ``api_email`` with ``api_key`` means v1, or v4 with
``api_version: v4``; ``api_version`` defaults to v4 with a token, else v1. Every problem of
these options is found before any call and reported with where each value was looked for.
"""

from __future__ import annotations

import math
import os

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ENVIRONMENT,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._lineage import Lineage
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    DEFAULT_API_URL as V1_API_URL,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.api import V4API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    DEFAULT_API_URL as V4_API_URL,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    V4Client,
)


def _where(option: str) -> str:
    return (
        f"give it as the option {option} of the task or of module_defaults for group/edgeops.cloudflare.cloudflare, "
        f"or in the environment variable {ENVIRONMENT[option]}"
    )


def _given(params: dict, option: str) -> bool:
    value = params.get(option)
    return value is not None and bool(str(value).strip())


def api_version(params: dict) -> str:
    """The backend the options ask for: ``api_version``, else v4 with a token, else v1."""
    return params.get("api_version") or ("v4" if _given(params, "api_token") else "v1")


def credential_problems(params: dict) -> list[str]:
    """What is wrong with the credentials: each one missing or empty, or two that clash, and where it was looked for."""
    if _given(params, "api_token"):
        if _given(params, "api_key"):
            return [
                "both api_token and api_key are set (in the task, module_defaults or the environment variables "
                f"{ENVIRONMENT['api_token']} and {ENVIRONMENT['api_key']}): give an API token or the e-mail "
                "address and global API key, not both"
            ]
        if params.get("api_version") == "v1":
            return [
                "api_token is an API v4 token, but api_version is v1: API v1 takes api_email and api_key"
            ]
        return []
    problems = []
    for option in ("api_email", "api_key"):
        value = params.get(option)
        if _given(params, option):
            continue
        state = "is not set" if value is None else "is empty"
        if value is not None and os.environ.get(ENVIRONMENT[option]) == value:
            state += (
                f" (the environment variable {ENVIRONMENT[option]} is set, but empty)"
            )
        problems.append(f"{option} {state}: {_where(option)}")
    return problems


def connection_problems(params: dict) -> list[str]:
    """What is wrong with the options that say how to reach the API (checked before any call)."""
    timeout = params.get("timeout")
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not 0 < timeout < math.inf
    ):
        return [f"timeout must be a number of seconds greater than 0, got {timeout!r}"]
    return []


def url_problems(params: dict) -> list[str]:
    """An ``api_url`` of the other API version (the v1 endpoint is one file, ``api_json.html``)."""
    url = (params.get("api_url") or "").strip()
    v1_url = url.rstrip("/").endswith("api_json.html")
    if url and api_version(params) == "v4" and v1_url:
        return [
            f"api_url {url} is an API v1 address, but the credentials ask for API v4: leave api_url out "
            f"or give the v4 address ({V4_API_URL})"
        ]
    if url and api_version(params) == "v1" and url.rstrip("/").endswith("/client/v4"):
        return [
            f"api_url {url} is an API v4 address, but the credentials ask for API v1: give api_token "
            "(or api_version: v4) for API v4"
        ]
    return []


def create_api(params: dict, **client_options):
    """The CloudflareAPI the connection options ask for; ValidationError listing every problem of them.

    ``client_options`` go to the client (tests give it a fake clock).
    """
    problems = credential_problems(params) + connection_problems(params)
    if not problems:
        problems = url_problems(params)
    if problems:
        raise ValidationError(problems=problems)
    connection = {
        "timeout": params["timeout"],
        "validate_certs": params["validate_certs"],
        "ca_path": params["ca_path"],
        "lineage": Lineage(),
        "share_pacer": True,
        **client_options,
    }
    if api_version(params) == "v4":
        token = params["api_token"] if _given(params, "api_token") else None
        return V4API(
            V4Client(
                api_token=token,
                api_email=None if token else params["api_email"],
                api_key=None if token else params["api_key"],
                api_url=params.get("api_url") or V4_API_URL,
                **connection,
            )
        )
    return V1API(
        V1Client(
            params["api_email"],
            params["api_key"],
            api_url=params.get("api_url") or V1_API_URL,
            **connection,
        )
    )
