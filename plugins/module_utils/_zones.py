# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""v1 mapping for zone-level reads: ``zone_load_multi`` and ``zone_check``.

This is the only place that knows how v1 spells a zone (``zone_type: "F"``,
``zone_status_class``, ``props.plan: "FREE_ZONE"``, ids as strings). Everything above it
sees the normalised zone of ``zone_from_v1``.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import TransportError

_ZONE_TYPES = {"F": "full", "P": "partial"}

_PLANS = {"FREE_ZONE": "free", "PRO_ZONE": "pro", "BIZ_ZONE": "business", "ENT_ZONE": "enterprise"}

_DEACTIVATED_CLASS = "status-deactivated"
_DEV_MODE_CLASS = "status-dev-mode"


def normalize_zone_name(name: str) -> str:
    """Zone names compare case-insensitively and without a trailing dot."""
    return name.strip().rstrip(".").lower()


def _name_list(value) -> list[str]:
    """Name servers from a JSON list or a Postgres-array string like ``{NS1.EXAMPLE,NS2.EXAMPLE}``."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.strip("{}").split(",")
    return [normalize_zone_name(item) for item in value if item and item.strip()]


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
        "name": normalize_zone_name(obj["zone_name"]),
        "id": int(obj["zone_id"]),
        "status": "deactivated" if status_class == _DEACTIVATED_CLASS else "active",
        "development_mode": status_class == _DEV_MODE_CLASS or "zone_dev_mode0" in allowed,
        "type": _ZONE_TYPES.get(zone_type, zone_type.lower()),
        "plan": _plan(props),
        "name_servers": _name_list(obj.get("fqdns")),
        "original_name_servers": _name_list(obj.get("orig_ns_names")),
        "hosting_partner": obj.get("host_pubname") or None,
    }


def list_zones(client) -> list[dict]:
    """Every zone of the account, normalised, sorted by name (one ``zone_load_multi`` call)."""
    envelope = client.call("zone_load_multi")
    page = (envelope.get("response") or {}).get("zones")
    if not isinstance(page, dict):
        raise TransportError("zone_load_multi answered without response.zones", action="zone_load_multi")
    return sorted((zone_from_v1(obj) for obj in page.get("objs") or []), key=lambda zone: zone["name"])


def zone_ids(client, names: list[str]) -> dict[str, int]:
    """Map zone names to zone ids with one ``zone_check`` call; 0 means "not in the account"."""
    wanted = [normalize_zone_name(name) for name in names]
    envelope = client.call("zone_check", {"zones": ",".join(wanted)})
    answer = (envelope.get("response") or {}).get("zones")
    if not isinstance(answer, dict):
        raise TransportError("zone_check answered without response.zones", action="zone_check")
    # The live API was seen to append "\n" to the last name; compare normalised names.
    found = {normalize_zone_name(key): int(value or 0) for key, value in answer.items()}
    return {name: found.get(name, 0) for name in wanted}
