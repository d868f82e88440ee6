# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""v1 mapping for a zone's traffic: ``stats`` (statistics) and ``zone_ips`` (recent visitors).

The only place that knows the v1 interval codes (``20`` = past 30 days), the visitor class
letters (``s`` = crawler) and the field names of the answers (``trafficBreakdown``,
``bandwidthServed``, times in milliseconds). Everything above it sees the normalised forms
of ``stats_from_v1`` and ``visitor_from_v1``.
"""

from __future__ import annotations

import datetime

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
    TransportError,
    ZoneNotFoundError,
)

# Interval names and their v1 codes. 1d is the past day with data a day behind (every plan),
# 24h/12h/6h reach up to now (Pro zones only).
STATS_INTERVALS = {"30d": 20, "7d": 30, "1d": 40, "24h": 100, "12h": 110, "6h": 120}
PRO_ONLY_INTERVALS = ("24h", "12h", "6h")

VISITOR_CLASSES = {"regular": "r", "crawler": "s", "threat": "t"}
VISITOR_HOURS_MAX = 48
VISITOR_HOURS_DEFAULT = 24

_TRAFFIC_CLASSES = ("regular", "threat", "crawler")


def zone_call(client, action: str, zone: str, params: dict | None = None) -> dict:
    """``client.call`` for an action on ``zone``; an unknown zone fails with a message naming it."""
    try:
        return client.call(action, {"z": zone, **(params or {})})
    except ZoneNotFoundError as exc:
        raise ZoneNotFoundError.in_account(zone, action=exc.action, err_code=exc.err_code,
                                           attempts=exc.attempts) from None


def _iso_time(milliseconds) -> str | None:
    """A v1 time in milliseconds since the epoch as ISO 8601 UTC, or None when it is not a number."""
    if isinstance(milliseconds, bool) or not isinstance(milliseconds, (int, float)):
        return None
    moment = datetime.datetime.fromtimestamp(milliseconds / 1000, tz=datetime.timezone.utc)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _counts(breakdown) -> dict:
    breakdown = breakdown if isinstance(breakdown, dict) else {}
    return {name: breakdown.get(name) for name in _TRAFFIC_CLASSES}


def _served(served) -> dict:
    served = served if isinstance(served, dict) else {}
    return {"cloudflare": served.get("cloudflare"), "origin": served.get("user")}


def stats_from_v1(result: dict, interval: str) -> dict:
    """The normalised statistics of one ``stats`` answer (``response.result``)."""
    objs = result.get("objs") or [{}]
    obj = objs[0] if isinstance(objs[0], dict) else {}
    traffic = obj.get("trafficBreakdown") if isinstance(obj.get("trafficBreakdown"), dict) else {}
    return {
        "interval": interval,
        "start": _iso_time(result.get("timeZero")),
        "end": _iso_time(result.get("timeEnd")),
        "pageviews": _counts(traffic.get("pageviews")),
        "uniques": _counts(traffic.get("uniques")),
        "requests": _served(obj.get("requestsServed")),
        "bandwidth": _served(obj.get("bandwidthServed")),
        "pro_zone": bool(obj.get("pro_zone")),
        "page_load_time": obj.get("pageLoadTime"),
    }


def read_stats(client, zone: str, interval: str) -> dict:
    """The statistics of ``zone`` over ``interval`` (a key of STATS_INTERVALS), one ``stats`` call."""
    try:
        envelope = zone_call(client, "stats", zone, {"interval": STATS_INTERVALS[interval]})
    except InputError as exc:
        hint = " (the intervals 24h, 12h and 6h need a Pro zone)" if interval in PRO_ONLY_INTERVALS else ""
        raise InputError(f"Statistics of zone {zone} over {interval}: {exc.msg}{hint}", action=exc.action,
                         err_code=exc.err_code, attempts=exc.attempts) from None
    result = (envelope.get("response") or {}).get("result")
    if not isinstance(result, dict):
        raise TransportError(f"stats for zone {zone} answered without response.result", action="stats")
    return stats_from_v1(result, interval)


def _coordinate(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def visitor_from_v1(entry: dict, geo: bool) -> dict:
    """One normalised visitor; with ``geo``, its location (None for both when v1 says 0, 0)."""
    visitor = {"ip": entry.get("ip"), "classification": entry.get("classification"), "hits": entry.get("hits")}
    if geo:
        latitude = _coordinate(entry.get("latitude"))
        longitude = _coordinate(entry.get("longitude"))
        if latitude == 0 and longitude == 0:
            latitude = longitude = None
        visitor.update(latitude=latitude, longitude=longitude)
    return visitor


def read_visitors(client, zone: str, hours: int = VISITOR_HOURS_DEFAULT, visitor_class: str | None = None,
                  geo: bool = False) -> list[dict]:
    """The recent visitors of ``zone``, one ``zone_ips`` call.

    ``hours`` (1-48) looks back that far, ``visitor_class`` (a key of VISITOR_CLASSES) keeps
    one kind of visitor, ``geo`` adds each visitor's location.
    """
    params = {"hours": hours, "class": VISITOR_CLASSES[visitor_class] if visitor_class else None,
              "geo": 1 if geo else None}
    envelope = zone_call(client, "zone_ips", zone, params)
    ips = (envelope.get("response") or {}).get("ips")
    if not isinstance(ips, list):
        raise TransportError(f"zone_ips for zone {zone} answered without response.ips", action="zone_ips")
    return [visitor_from_v1(entry, geo) for entry in ips if isinstance(entry, dict)]
