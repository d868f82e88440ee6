# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v4 spelling of IP access rules (``firewall/access_rules/rules``, notes 1.6)."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._access_rules import (
    AccessRule,
    AccessScope,
    target_of,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
)

RULES_PATH = "firewall/access_rules/rules"
# Rules per page read: the schema gives no maximum; CloudFlare's own dashboard asks for 1,000.
RULES_PER_PAGE = 1000


def rules_path(scope: AccessScope) -> str:
    """``/accounts/{id}/firewall/access_rules/rules`` or ``/zones/{id}/...``."""
    return (
        f"/{'accounts' if scope.kind == 'account' else 'zones'}/{scope.id}/{RULES_PATH}"
    )


def rule_from_v4(obj: dict) -> AccessRule:
    """A v4 rule object as an AccessRule; its value in the canonical form the options use."""
    configuration = obj.get("configuration") or {}
    target = str(configuration.get("target") or "")
    value = str(configuration.get("value") or "")
    try:
        value = target_of(value)[1]
    except InputProblem:
        # A value this module would not write (a target CloudFlare added later): kept as it is.
        pass
    return AccessRule(
        target=target,
        value=value,
        mode=str(obj.get("mode") or ""),
        notes=str(obj.get("notes") or ""),
        id=str(obj["id"]) if obj.get("id") is not None else None,
    )


def rule_body(rule: AccessRule) -> dict:
    """The body of a create."""
    return {
        "mode": rule.mode,
        "configuration": {"target": rule.target, "value": rule.value},
        "notes": rule.notes,
    }
