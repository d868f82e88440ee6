# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What every module shares: the credential options, building the client, and the module edge."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import (
    DEFAULT_API_URL,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import CloudflareError


def auth_argument_spec() -> dict:
    """The shared options (doc fragment ``edgeops.cloudflare.auth``), as a fresh dict on every call."""
    return {
        "api_email": {"type": "str", "required": True, "aliases": ["account_email", "email"],
                      "fallback": (env_fallback, ["CLOUDFLARE_EMAIL"])},
        "api_key": {"type": "str", "required": True, "no_log": True, "aliases": ["account_api_key", "tkn"],
                    "fallback": (env_fallback, ["CLOUDFLARE_API_KEY"])},
        "api_url": {"type": "str", "default": DEFAULT_API_URL, "fallback": (env_fallback, ["CLOUDFLARE_API_URL"])},
        "validate_certs": {"type": "bool", "default": True},
        "ca_path": {"type": "path"},
        "timeout": {"type": "float", "default": 30.0},
    }


class KeyMaskingModule(AnsibleModule):
    """An AnsibleModule that masks the API key from the start, before ansible-core validates the options.

    ansible-core collects the values to mask while it validates the options. When an option
    with sub-options gets a value it cannot read (a string where ``records`` wants a list of
    dicts), it drops every value collected so far, and the failed result shows the key in its
    ``invocation``. Registering the key first keeps it masked then too.
    """

    def _load_params(self):
        super()._load_params()
        for name in ("api_key", "account_api_key", "tkn"):
            value = self.params.get(name)
            if isinstance(value, str) and value:
                self.no_log_values.add(value)


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
    )


def run(module, fn) -> None:
    """The module edge: call ``fn(client)`` and exit with the dict it returns.

    ``fn`` gets a fresh V1Client (see client_from_module) and returns the module result
    (``changed`` defaults to False). A CloudflareError becomes ``fail_json`` with its message
    and details, the key and e-mail address masked; the session is closed either way.
    """
    with client_from_module(module) as client:
        try:
            result = fn(client)
        except CloudflareError as exc:
            details = {key: client.scrub(value) if isinstance(value, str) else value
                       for key, value in exc.details().items()}
            module.fail_json(msg=client.scrub(exc.msg), **details)
        else:
            result.setdefault("changed", False)
            module.exit_json(**result)
