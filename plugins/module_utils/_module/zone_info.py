# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_zone_info: the zones of an account, their ids, and per zone its settings, statistics and visitors.

Read-only, so it behaves the same in check mode.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
)

LISTINGS = ("zones", "zone_ids")
SECTIONS = ("settings", "stats", "visitors")
# The feature of the API each section needs.
_SECTION_FEATURES = {"settings": "settings", "stats": "stats", "visitors": "visitors"}

STATS_INTERVALS = ("30d", "7d", "1d", "24h", "12h", "6h")
STATS_INTERVAL_DEFAULT = "30d"
VISITOR_CLASSES = ("regular", "crawler", "threat")
VISITOR_HOURS_MAX = 48
VISITOR_HOURS_DEFAULT = 24


def module_spec() -> ArgumentSpec:
    return (
        connection_spec()
        .merge(zone_spec(required=False))
        .merge(
            ArgumentSpec(
                argument_spec={
                    "gather": {
                        "type": "list",
                        "elements": "str",
                        "default": ["zones"],
                        "choices": list(LISTINGS + SECTIONS),
                    },
                    "stats_interval": {
                        "type": "str",
                        "default": STATS_INTERVAL_DEFAULT,
                        "choices": list(STATS_INTERVALS),
                    },
                    "visitors_hours": {"type": "int", "default": VISITOR_HOURS_DEFAULT},
                    "visitors_class": {"type": "str", "choices": list(VISITOR_CLASSES)},
                    "visitors_geo": {"type": "bool", "default": False},
                }
            )
        )
    )


def _validate(params: dict) -> str | None:
    """The zone as the API knows it (or None); ValidationError listing every problem."""
    problems = []
    unknown = [item for item in params["gather"] if item not in LISTINGS + SECTIONS]
    if unknown:
        problems.append(
            f"gather: {', '.join(unknown)} not one of {', '.join(LISTINGS + SECTIONS)}"
        )
    if params["stats_interval"] not in STATS_INTERVALS:
        problems.append(
            f"stats_interval: must be one of {', '.join(STATS_INTERVALS)}, "
            f"got {params['stats_interval']!r}"
        )
    hours = params["visitors_hours"]
    if (
        isinstance(hours, bool)
        or not isinstance(hours, int)
        or not 1 <= hours <= VISITOR_HOURS_MAX
    ):
        problems.append(
            f"visitors_hours: must be a whole number from 1 to {VISITOR_HOURS_MAX}, got {hours!r}"
        )
    if (
        params["visitors_class"] is not None
        and params["visitors_class"] not in VISITOR_CLASSES
    ):
        problems.append(
            f"visitors_class: must be one of {', '.join(VISITOR_CLASSES)}, "
            f"got {params['visitors_class']!r}"
        )
    zone = params.get("zone")
    if zone:
        try:
            zone = checked_zone(zone)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems=problems)
    return zone or None


def _listing(api, zone: str | None, gather: list[str]) -> dict:
    """``zones`` and ``zone_ids``, at most one call: the zone list when details are wanted or no zone is named,
    else the id of the named zone."""
    result: dict = {}
    zones = None
    if "zones" in gather or ("zone_ids" in gather and zone is None):
        zones = [api.find_zone(zone)] if zone is not None else api.list_zones()
    if "zones" in gather:
        result["zones"] = zones
    if "zone_ids" in gather:
        if zones is not None:
            result["zone_ids"] = {item["name"]: item["id"] for item in zones}
        else:
            result["zone_ids"] = {zone: api.zone_id(zone)}
    return result


def gather_zone_info(api, task) -> dict:
    """Collect what ``gather`` asks for, for the named zone or for every zone of the account.

    ``zones`` and ``zone_ids`` cost at most one call; ``settings``, ``stats`` and ``visitors``
    cost one call per zone each; without a zone, the zone names come from the zone list already
    read, or from one more. Every option, and every feature a section needs, is checked before
    the first call.
    """
    params = task.params
    zone = _validate(params)
    gather = params["gather"]
    sections = [item for item in SECTIONS if item in gather]
    for section in sections:
        api.require(_SECTION_FEATURES[section])
    listing = [item for item in gather if item in LISTINGS]
    result = _listing(api, zone, listing) if listing else {}
    if not sections:
        return result
    if zone is not None:
        names = [zone]
    elif "zones" in result:
        names = [item["name"] for item in result["zones"]]
    elif "zone_ids" in result:
        names = sorted(result["zone_ids"])
    else:
        names = [item["name"] for item in api.list_zones()]
    readers = {
        "settings": lambda name: api.read_settings(name).values,
        "stats": lambda name: api.read_stats(name, params["stats_interval"]),
        "visitors": lambda name: api.read_visitors(
            name,
            params["visitors_hours"],
            params["visitors_class"],
            params["visitors_geo"],
        ),
    }
    for section in sections:
        result[section] = {}
    for name in names:
        for section in sections:
            result[section][name] = readers[section](name)
    return result
