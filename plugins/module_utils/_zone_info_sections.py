# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Logic of the cf_zone_info module: the zone list and ids of ``_zone_info``, plus the
sections that cost one call per zone: settings, traffic statistics and recent visitors.

Read-only, so it behaves the same in check mode.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._actions import checked_zone
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import ValidationError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._settings import read_settings
from ansible_collections.edgeops.cloudflare.plugins.module_utils._stats import (
    STATS_INTERVALS,
    VISITOR_CLASSES,
    VISITOR_HOURS_DEFAULT,
    VISITOR_HOURS_MAX,
    read_stats,
    read_visitors,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._zone_info import (
    GATHER_CHOICES,
    gather_zone_info,
    zone_info_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._zones import list_zones

SECTION_CHOICES = ["settings", "stats", "visitors"]

STATS_INTERVAL_DEFAULT = "30d"


def zone_info_module_argument_spec() -> dict:
    """Every option of cf_zone_info besides the credentials, as a fresh dict on every call."""
    spec = zone_info_argument_spec()
    spec["gather"]["choices"] = GATHER_CHOICES + SECTION_CHOICES
    spec.update({
        "stats_interval": {"type": "str", "default": STATS_INTERVAL_DEFAULT, "choices": list(STATS_INTERVALS)},
        "visitors_hours": {"type": "int", "default": VISITOR_HOURS_DEFAULT},
        "visitors_class": {"type": "str", "choices": list(VISITOR_CLASSES)},
        "visitors_geo": {"type": "bool", "default": False},
    })
    return spec


def _validate(zone, gather, stats_interval, visitors_hours, visitors_class) -> str | None:
    """The zone as the API knows it (or None); ValidationError listing every problem."""
    problems = []
    unknown = [item for item in gather if item not in GATHER_CHOICES + SECTION_CHOICES]
    if unknown:
        problems.append(f"gather: {', '.join(unknown)} not one of {', '.join(GATHER_CHOICES + SECTION_CHOICES)}")
    if stats_interval not in STATS_INTERVALS:
        problems.append(f"stats_interval: must be one of {', '.join(STATS_INTERVALS)}, got {stats_interval!r}")
    if isinstance(visitors_hours, bool) or not isinstance(visitors_hours, int) \
            or not 1 <= visitors_hours <= VISITOR_HOURS_MAX:
        problems.append(f"visitors_hours: must be a whole number from 1 to {VISITOR_HOURS_MAX}, got {visitors_hours!r}")
    if visitors_class is not None and visitors_class not in VISITOR_CLASSES:
        problems.append(f"visitors_class: must be one of {', '.join(VISITOR_CLASSES)}, got {visitors_class!r}")
    if zone:
        try:
            zone = checked_zone(zone)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems=problems)
    return zone or None


def gather_all_zone_info(client, zone: str | None = None, gather: list[str] | None = None,
                         stats_interval: str = STATS_INTERVAL_DEFAULT, visitors_hours: int = VISITOR_HOURS_DEFAULT,
                         visitors_class: str | None = None, visitors_geo: bool = False) -> dict:
    """Collect what ``gather`` asks for, for ``zone`` or for every zone of the account.

    ``zones`` and ``zone_ids`` cost at most one call (see ``gather_zone_info``). ``settings``,
    ``stats`` and ``visitors`` cost one call per zone each; without ``zone``, the zone names
    come from the zone list already read, or from one ``zone_load_multi``. Every option is
    checked before the first call.
    """
    gather = ["zones"] if gather is None else gather
    zone = _validate(zone, gather, stats_interval, visitors_hours, visitors_class)
    listing = [item for item in gather if item in GATHER_CHOICES]
    result = gather_zone_info(client, zone=zone, gather=listing) if listing else {}
    sections = [item for item in SECTION_CHOICES if item in gather]
    if not sections:
        return result
    if zone is not None:
        names = [zone]
    elif "zones" in result:
        names = [item["name"] for item in result["zones"]]
    elif "zone_ids" in result:
        names = sorted(result["zone_ids"])
    else:
        names = [item["name"] for item in list_zones(client)]
    readers = {
        "settings": lambda name: read_settings(client, name),
        "stats": lambda name: read_stats(client, name, stats_interval),
        "visitors": lambda name: read_visitors(client, name, hours=visitors_hours, visitor_class=visitors_class,
                                               geo=visitors_geo),
    }
    for section in sections:
        result[section] = {}
    for name in names:
        for section in sections:
            result[section][name] = readers[section](name)
    return result
