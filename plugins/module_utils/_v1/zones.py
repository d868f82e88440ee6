# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v1 spelling of zones: ``zone_load_multi`` objects and ``zone_check`` answers.

This is the only place that knows how v1 spells a zone (``zone_type: "F"``,
``zone_status_class``, ``props.plan: "FREE_ZONE"``, ids as strings). Everything above it
sees the normalised zone of ``zone_from_v1``.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    api_name,
)

_ZONE_TYPES = {"F": "full", "P": "partial"}

_PLANS = {
    "FREE_ZONE": "free",
    "PRO_ZONE": "pro",
    "BIZ_ZONE": "business",
    "ENT_ZONE": "enterprise",
}

_DEACTIVATED_CLASS = "status-deactivated"
_DEV_MODE_CLASS = "status-dev-mode"


def _name_list(value) -> list[str]:
    """Name servers from a JSON list or a Postgres-array string like ``{NS1.EXAMPLE,NS2.EXAMPLE}``."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.strip("{}").split(",")
    return [api_name(item) for item in value if item and item.strip()]


def _plan(props: dict) -> str:
    plan = props.get("plan")
    if plan:
        return _PLANS.get(plan, plan.lower())
    return "pro" if props.get("pro") else "free"


def zone_from_v1(obj: dict) -> dict:
    """The normalised form of a v1 zone object."""
    props = obj.get("props") or {}
    status_class = obj.get("zone_status_class") or ""
    allowed = obj.get("allow") or []
    zone_type = obj.get("zone_type") or ""
    return {
        "name": api_name(obj["zone_name"]),
        "id": int(obj["zone_id"]),
        "status": "deactivated" if status_class == _DEACTIVATED_CLASS else "active",
        "development_mode": status_class == _DEV_MODE_CLASS
        or "zone_dev_mode0" in allowed,
        "type": _ZONE_TYPES.get(zone_type, zone_type.lower()),
        "plan": _plan(props),
        "name_servers": _name_list(obj.get("fqdns")),
        "original_name_servers": _name_list(obj.get("orig_ns_names")),
        "hosting_partner": obj.get("host_pubname") or None,
    }
