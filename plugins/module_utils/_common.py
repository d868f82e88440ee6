# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What every module shares: the credential options, building the client, and the module edge."""

from __future__ import annotations

import math
import os

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import (
    DEFAULT_API_URL,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._lineage import Lineage
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural


# A list option longer than this is echoed in the result's invocation as its count (short_invocation).
ECHO_ITEMS = 20

# The credential options and the environment variables they fall back to.
CREDENTIAL_VARIABLES = {"api_email": "CLOUDFLARE_EMAIL", "api_key": "CLOUDFLARE_API_KEY"}


def auth_argument_spec() -> dict:
    """The shared options (doc fragment ``edgeops.cloudflare.auth``), as a fresh dict on every call.

    The credentials are not ``required``: they may come from the environment, and a missing or
    empty one gets a message that says where it was looked for (``credential_problems``).
    """
    return {
        "api_email": {"type": "str", "aliases": ["account_email", "email"],
                      "fallback": (env_fallback, [CREDENTIAL_VARIABLES["api_email"]])},
        "api_key": {"type": "str", "no_log": True, "aliases": ["account_api_key", "tkn"],
                    "fallback": (env_fallback, [CREDENTIAL_VARIABLES["api_key"]])},
        "api_url": {"type": "str", "default": DEFAULT_API_URL, "fallback": (env_fallback, ["CLOUDFLARE_API_URL"])},
        "validate_certs": {"type": "bool", "default": True},
        "ca_path": {"type": "path"},
        "timeout": {"type": "float", "default": 30.0},
    }


def _secret_option_names(argument_spec: dict) -> list[str]:
    """Every name (aliases too) of the options that ``argument_spec`` marks ``no_log``."""
    return [name for option, spec in argument_spec.items() if spec.get("no_log")
            for name in [option, *spec.get("aliases", [])]]


class KeyMaskingModule(AnsibleModule):
    """An AnsibleModule that masks the ``no_log`` options from the start, before ansible-core validates the options.

    ansible-core collects the values to mask while it validates the options. When an option
    with sub-options gets a value it cannot read (a string where ``records`` wants a list of
    dicts), it drops every value collected so far, and the failed result shows the key in its
    ``invocation`` (seen with ansible-core 2.19.14 and 2.21.5). Registering the secrets first
    keeps them masked then too. Every module of the collection is built on this class.
    """

    def _load_params(self):
        super()._load_params()
        for name in _secret_option_names(self.argument_spec):
            value = self.params.get(name)
            if isinstance(value, str) and value:
                self.no_log_values.add(value)


def credential_problems(params: dict) -> list[str]:
    """What is wrong with the credentials: each one missing or empty, and where it was looked for."""
    problems = []
    for option, variable in CREDENTIAL_VARIABLES.items():
        value = params.get(option)
        if value is not None and value.strip():
            continue
        state = "is not set" if value is None else "is empty"
        if value is not None and os.environ.get(variable) == value:
            state += f" (the environment variable {variable} is set, but empty)"
        problems.append(f"{option} {state}: give it as the option {option} of the task or of module_defaults "
                        f"for group/edgeops.cloudflare.cloudflare, or in the environment variable {variable}")
    return problems


def client_from_module(module) -> V1Client:
    """A V1Client configured from the module's shared options; fails the module without requests."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    params = module.params
    return V1Client(
        api_email=params["api_email"],
        api_key=params["api_key"],
        api_url=params["api_url"],
        timeout=params["timeout"],
        validate_certs=params["validate_certs"],
        ca_path=params["ca_path"],
        lineage=Lineage(),
        share_pacer=True,
    )


def _call_report(client) -> dict:
    """What every result says about the calls made: their number, and the waits the rate limit caused."""
    return {"api_calls": client.api_calls, "rate_limit_waits": client.rate_limit_waits()}


def _rate_limit_warning(client) -> str | None:
    refused = client.rate_limited_calls
    if not refused:
        return None
    return (f"The API refused {plural(refused, 'call')} for its rate limit (E_MAXAPI), and the task waited "
            f"{client.rate_limit_waits()['seconds']:g} s in all for the limit. Other tasks or tools may share the "
            "account's limit of 1200 calls per 5 minutes: run fewer of them at once.")


def run(module, fn) -> None:
    """The module edge: call ``fn(client)`` and exit with the dict it returns.

    ``fn`` gets a fresh V1Client (see client_from_module) and returns the module result
    (``changed`` defaults to False); its ``warnings`` become Ansible warnings. Every result
    reports ``api_calls`` and ``rate_limit_waits``. A CloudflareError becomes ``fail_json``
    with its message and details, the key and e-mail address masked; the session is closed
    either way.
    """
    invocation = short_invocation(module)
    problems = credential_problems(module.params) + connection_problems(module.params)
    if problems:
        module.fail_json(msg="; ".join(problems), problems=problems, invocation=invocation)
    with client_from_module(module) as client:
        try:
            result = fn(client)
        except CloudflareError as exc:
            details = {key: client.scrub(value) if isinstance(value, str) else value
                       for key, value in exc.details().items()}
            details.update(_call_report(client))
            _warn(module, client, details.pop("warnings", []))
            module.fail_json(msg=client.scrub(exc.msg), invocation=invocation, **details)
        else:
            result.setdefault("changed", False)
            result.update(_call_report(client))
            _warn(module, client, result.pop("warnings", []))
            module.exit_json(invocation=invocation, **result)


def connection_problems(params: dict) -> list[str]:
    """What is wrong with the options that say how to reach the API (checked before any call)."""
    timeout = params.get("timeout")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < math.inf:
        return [f"timeout must be a number of seconds greater than 0, got {timeout!r}"]
    return []


def short_invocation(module) -> dict:
    """The ``invocation`` a result echoes: the options, each list of more than ECHO_ITEMS items as its count.

    Ansible echoes every option in every result; for a list of thousands of records that echo
    is nearly all of the result, and it is what Ansible spends most of its time on. The
    ``no_log`` values are masked here already, as Ansible masks its own echo.
    """
    def echo(value):
        if isinstance(value, list) and len(value) > ECHO_ITEMS:
            return f"({len(value)} items, not echoed)"
        return value

    args = {option: echo(value) for option, value in module.params.items()}
    return {"module_args": remove_values(args, module.no_log_values)}


def _warn(module, client, warnings: list[str]) -> None:
    found = [*warnings, _rate_limit_warning(client), _certificate_warning(module.params)]
    for text in found:
        if text:
            module.warn(client.scrub(text))


def _certificate_warning(params: dict) -> str | None:
    if params.get("validate_certs", True) or not str(params.get("api_url", "")).lower().startswith("https:"):
        return None
    return (f"validate_certs is false, so the TLS certificate of {params['api_url']} was not checked: anyone on "
            "the path could read the credentials. Use it only for a test server; for a private CA, set ca_path.")
