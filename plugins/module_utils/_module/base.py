# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The edge every module is built on: the AnsibleModule that masks its secrets early, and ``run``.

A module is three lines::

    module = CloudflareModule(**module_spec().to_kwargs())
    run(module, runner)

where ``runner(api, task)`` does the module's work against the CloudflareAPI and returns the
result. Only ``run`` turns errors into ``fail_json``.
"""

from __future__ import annotations

import contextlib
import dataclasses

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    CloudflareError,
    StepError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
)

# A list option longer than this is echoed in the result's invocation as its count (short_invocation).
ECHO_ITEMS = 20


@dataclasses.dataclass(frozen=True)
class Task:
    """What a runner gets besides the API: the module's options and how Ansible runs it."""

    params: dict
    check_mode: bool = False
    diff: bool = False


class Progress:
    """What a task that makes one call after another has done so far; a call that fails raises StepError with it.

    ``done_key`` is the result key that lists what was done, ``earlier(done)`` words it for the
    failure message. Runners append to ``done`` after each call that did something.
    """

    def __init__(self, done_key: str, earlier) -> None:
        self.done_key = done_key
        self.earlier = earlier
        self.done: list = []

    @contextlib.contextmanager
    def step(self, what: str):
        """One call: its CloudflareError becomes StepError "<what> failed (<earlier>): <error>".

        ZoneNotFoundError passes as it is: the first call of a zone finds it missing, before anything was done.
        """
        try:
            yield
        except ZoneNotFoundError:
            raise
        except CloudflareError as exc:
            earlier = f" ({self.earlier(self.done)})" if self.done else ""
            raise StepError(
                f"{what} failed{earlier}: {exc.msg}",
                exc,
                self.done_key,
                list(self.done),
            ) from None


def _secret_option_names(argument_spec: dict) -> list[str]:
    """Every name (aliases too) of the options that ``argument_spec`` marks ``no_log``."""
    return [
        name
        for option, spec in argument_spec.items()
        if spec.get("no_log")
        for name in [option, *spec.get("aliases", [])]
    ]


class CloudflareModule(AnsibleModule):
    """An AnsibleModule that masks the ``no_log`` options from the start, before ansible-core validates the options.

    ansible-core collects the values to mask while it validates the options. When an option
    with sub-options gets a value it cannot read (a string where ``records`` wants a list of
    dicts), it drops every value collected so far, and the failed result shows the key in its
    ``invocation`` (seen with ansible-core 2.19.14 and 2.21.5). Registering the secrets first
    keeps them masked then too.
    """

    def _load_params(self):
        super()._load_params()
        for name in _secret_option_names(self.argument_spec):
            value = self.params.get(name)
            if isinstance(value, str) and value:
                self.no_log_values.add(value)


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


def _call_report(api) -> dict:
    """What every result says about the calls made: their number, and the waits the rate limit caused."""
    return {"api_calls": api.api_calls, "rate_limit_waits": api.rate_limit_waits()}


def _rate_limit_warning(api) -> str | None:
    refused = api.rate_limited_calls
    if not refused:
        return None
    return (
        f"The API refused {plural(refused, 'call')} for its rate limit, and the task waited "
        f"{api.rate_limit_waits()['seconds']:g} s in all for the limit. Other tasks or tools may share the "
        "account's limit of 1200 calls per 5 minutes: run fewer of them at once."
    )


def _certificate_warning(params: dict) -> str | None:
    url = params.get("api_url") or ""
    if params.get("validate_certs", True) or not url.lower().startswith("https:"):
        return None
    return (
        f"validate_certs is false, so the TLS certificate of {url} was not checked: anyone on the path could "
        "read the credentials. Use it only for a test server; for a private CA, set ca_path."
    )


def run(module, runner) -> None:
    """The module edge: build the API from the options, call ``runner(api, task)`` and exit with its result.

    The result (``changed`` defaults to False) reports ``api_calls`` and ``rate_limit_waits``;
    its ``warnings`` become Ansible warnings. A CloudflareError becomes ``fail_json`` with its
    message and details, the secrets masked; the connections are closed either way.
    """
    if not HAS_REQUESTS:
        module.fail_json(
            msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR
        )
    invocation = short_invocation(module)
    try:
        api = _backend.create_api(module.params)
    except CloudflareError as exc:
        module.fail_json(msg=exc.msg, invocation=invocation, **exc.details())
    with api:
        try:
            result = runner(api, Task(module.params, module.check_mode, module._diff))
        except CloudflareError as exc:
            details = {
                key: api.scrub(value) if isinstance(value, str) else value
                for key, value in exc.details().items()
            }
            details.update(_call_report(api))
            _warn(module, api, details.pop("warnings", []))
            module.fail_json(msg=api.scrub(exc.msg), invocation=invocation, **details)
        result.setdefault("changed", False)
        result.update(_call_report(api))
        _warn(module, api, result.pop("warnings", []))
        module.exit_json(invocation=invocation, **result)


def _warn(module, api, warnings: list[str]) -> None:
    for text in [
        *warnings,
        _rate_limit_warning(api),
        _certificate_warning(module.params),
    ]:
        if text:
            module.warn(api.scrub(text))
