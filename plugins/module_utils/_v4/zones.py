# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v4 spelling of zones: a v4 zone object in the normalised form cf_zone_info returns."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    api_name,
)


def _names(value) -> list[str]:
    return [api_name(item) for item in value or [] if item and item.strip()]


def zone_from_v4(obj: dict) -> dict:
    """The normalised form of a v4 zone object (the keys of v1's, with v4's values: ids are 32 hex digits)."""
    plan = obj.get("plan") or {}
    return {
        "name": api_name(obj["name"]),
        "id": str(obj["id"]),
        "status": str(obj.get("status") or ""),
        # v4 reports the seconds development mode has left (0 or less when it is off).
        "development_mode": (obj.get("development_mode") or 0) > 0,
        "type": str(obj.get("type") or ""),
        "plan": str(plan.get("legacy_id") or plan.get("name") or "").lower(),
        "name_servers": _names(obj.get("name_servers")),
        "original_name_servers": _names(obj.get("original_name_servers")),
        "hosting_partner": None,
    }
