# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Argument specs the modules share, and one way to build a module's keyword arguments from them.

Every module is built as ``CloudflareModule(**spec.to_kwargs())`` from an ``ArgumentSpec``
that starts with ``connection_spec()`` (doc fragment ``edgeops.cloudflare._auth``) and adds
``zone_spec()`` and the module's own options.
"""

from __future__ import annotations

import copy
import dataclasses

from ansible.module_utils.basic import env_fallback

# The environment variable each connection option falls back to.
ENVIRONMENT = {
    "api_token": "CLOUDFLARE_API_TOKEN",
    "api_email": "CLOUDFLARE_EMAIL",
    "api_key": "CLOUDFLARE_API_KEY",
    "api_version": "CLOUDFLARE_API_VERSION",
    "api_url": "CLOUDFLARE_API_URL",
}

API_VERSIONS = ("v1", "v4")


@dataclasses.dataclass
class ArgumentSpec:
    """An argument spec and the rules that tie its options together, merged from parts."""

    argument_spec: dict = dataclasses.field(default_factory=dict)
    mutually_exclusive: list = dataclasses.field(default_factory=list)
    required_together: list = dataclasses.field(default_factory=list)
    required_one_of: list = dataclasses.field(default_factory=list)

    def merge(self, other: ArgumentSpec) -> ArgumentSpec:
        """This spec with ``other``'s options and rules added (a new spec; neither is changed)."""
        return ArgumentSpec(
            argument_spec={
                **copy.deepcopy(self.argument_spec),
                **copy.deepcopy(other.argument_spec),
            },
            mutually_exclusive=self.mutually_exclusive + other.mutually_exclusive,
            required_together=self.required_together + other.required_together,
            required_one_of=self.required_one_of + other.required_one_of,
        )

    def to_kwargs(self) -> dict:
        """The keyword arguments of AnsibleModule (``supports_check_mode`` included: every module has it)."""
        kwargs = {
            "argument_spec": copy.deepcopy(self.argument_spec),
            "supports_check_mode": True,
        }
        for rule in ("mutually_exclusive", "required_together", "required_one_of"):
            if getattr(self, rule):
                kwargs[rule] = [list(group) for group in getattr(self, rule)]
        return kwargs


def _from_environment(option: str) -> tuple:
    return (env_fallback, [ENVIRONMENT[option]])


def connection_spec() -> ArgumentSpec:
    """The options every module has: the credentials, the API version and how to reach the API.

    Neither credential is ``required`` and no rule ties them here: the environment may give
    them, and ``_backend`` says which is missing, or which two clash, and where it looked.
    """
    return ArgumentSpec(
        argument_spec={
            "api_token": {
                "type": "str",
                "no_log": True,
                "fallback": _from_environment("api_token"),
            },
            "api_email": {
                "type": "str",
                "aliases": ["account_email"],
                "fallback": _from_environment("api_email"),
            },
            "api_key": {
                "type": "str",
                "no_log": True,
                "aliases": ["account_api_key"],
                "fallback": _from_environment("api_key"),
            },
            "api_version": {
                "type": "str",
                "choices": list(API_VERSIONS),
                "fallback": _from_environment("api_version"),
            },
            "api_url": {"type": "str", "fallback": _from_environment("api_url")},
            "validate_certs": {"type": "bool", "default": True},
            "ca_path": {"type": "path"},
            "timeout": {"type": "float", "default": 30.0},
        },
    )


def zone_spec(required: bool = True) -> ArgumentSpec:
    """The ``zone`` option (doc fragment ``edgeops.cloudflare._zone`` when required)."""
    return ArgumentSpec(
        argument_spec={
            "zone": {"type": "str", "required": required, "aliases": ["domain"]}
        }
    )


def record_options_spec() -> dict:
    """The per-record options (also the keys of each item of cf_dns_records' ``records``).

    ``content`` and the numbers are ``raw``: ansible-core would turn a mapping into its text and
    ``true`` into 1; read_record checks them itself and refuses both (``flags`` too, a number
    for CAA and DNSKEY, text for NAPTR). ``type`` has no ``choices`` because a backend's record
    types are checked, in any case, against its capabilities, and so are ``comment``, ``tags``
    and ``settings``. The fields of the structured types are named as API v4 names them, except
    where a name is taken: ``caa_value``, ``svc_params``, ``cert_type``, ``fingerprint_type``.
    """
    numbers = (
        "ttl",
        "priority",
        "weight",
        "port",
        "flags",
        "cert_type",
        "key_tag",
        "algorithm",
        "protocol",
        "digest_type",
        "order",
        "preference",
        "usage",
        "selector",
        "matching_type",
        "fingerprint_type",
    )
    texts = (
        "service",
        "proto",
        "target",
        "tag",
        "caa_value",
        "certificate",
        "public_key",
        "digest",
        "svc_params",
        "regex",
        "replacement",
        "fingerprint",
    )
    return {
        "name": {"type": "str", "default": "@", "aliases": ["record"]},
        "type": {"type": "str", "required": True},
        "content": {"type": "raw", "aliases": ["value"]},
        "proxied": {"type": "bool"},
        "comment": {"type": "str"},
        "tags": {"type": "list", "elements": "str"},
        "settings": {"type": "dict"},
        **{option: {"type": "raw"} for option in numbers},
        **{option: {"type": "str"} for option in texts},
        # A DNSSEC key tag is a public 16-bit number, not a secret (ansible-test would ask for no_log).
        "key_tag": {"type": "raw", "no_log": False},
    }
