# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Logic of the cf_zone_info module: read-only, so it behaves the same in check mode."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import ZoneNotFoundError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._zones import (
    list_zones,
    normalize_zone_name,
    zone_ids,
)

GATHER_CHOICES = ["zones", "zone_ids"]


def zone_info_argument_spec() -> dict:
    return {
        "zone": {"type": "str", "aliases": ["domain"]},
        "gather": {"type": "list", "elements": "str", "default": ["zones"], "choices": GATHER_CHOICES},
    }


def gather_zone_info(client, zone: str | None = None, gather: list[str] | None = None) -> dict:
    """Collect what ``gather`` asks for, for ``zone`` or for every zone of the account.

    Costs one call: ``zone_load_multi`` when zone details are wanted or no zone is named,
    otherwise ``zone_check`` (ids only, for the named zone).
    """
    gather = ["zones"] if gather is None else gather
    wanted = normalize_zone_name(zone) if zone else None
    result: dict = {}
    zones = None
    if "zones" in gather or ("zone_ids" in gather and wanted is None):
        zones = list_zones(client)
        if wanted is not None:
            zones = [item for item in zones if item["name"] == wanted]
            if not zones:
                raise ZoneNotFoundError.in_account(wanted, action="zone_load_multi")
    if "zones" in gather:
        result["zones"] = zones
    if "zone_ids" in gather:
        if zones is not None:
            result["zone_ids"] = {item["name"]: item["id"] for item in zones}
        else:
            ids = zone_ids(client, [wanted])
            if not ids[wanted]:
                raise ZoneNotFoundError.in_account(wanted, action="zone_check")
            result["zone_ids"] = ids
    return result
