# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v1 spelling of traffic and threats: ``stats``, ``zone_ips`` (recent visitors) and ``ip_lkup``.

The only place that knows the v1 interval codes (``20`` = past 30 days), the visitor class
letters (``s`` = crawler) and the field names of the answers (``trafficBreakdown``,
``bandwidthServed``, times in milliseconds). Everything above it sees the normalised forms
of ``stats_from_v1`` and ``visitor_from_v1``.
"""

from __future__ import annotations

import datetime
import re

# Interval names and their v1 codes. 1d is the past day with data a day behind (every plan),
# 24h/12h/6h reach up to now (Pro zones only).
STATS_INTERVALS = {"30d": 20, "7d": 30, "1d": 40, "24h": 100, "12h": 110, "6h": 120}
PRO_ONLY_INTERVALS = ("24h", "12h", "6h")

VISITOR_CLASSES = {"regular": "r", "crawler": "s", "threat": "t"}

_TRAFFIC_CLASSES = ("regular", "threat", "crawler")

# v1 answers "<LABEL>:<score>" ("BAD:0"), false when it has no data, and nothing else is on record.
_LABEL_AND_SCORE = re.compile(r"^\s*(?P<label>[^:]*?)\s*:\s*(?P<score>-?\d+)\s*$")
_SCORE_ONLY = re.compile(r"^\s*-?\d+\s*$")


def _iso_time(milliseconds) -> str | None:
    """A v1 time in milliseconds since the epoch as ISO 8601 UTC, or None when it is not a number."""
    if isinstance(milliseconds, bool) or not isinstance(milliseconds, (int, float)):
        return None
    moment = datetime.datetime.fromtimestamp(milliseconds / 1000, tz=datetime.UTC)
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
    traffic = obj.get("trafficBreakdown")
    if not isinstance(traffic, dict):
        traffic = {}
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


def _coordinate(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def visitor_from_v1(entry: dict, geo: bool) -> dict:
    """One normalised visitor; with ``geo``, its location (None for both when v1 says 0, 0)."""
    visitor = {
        "ip": entry.get("ip"),
        "classification": entry.get("classification"),
        "hits": entry.get("hits"),
    }
    if geo:
        latitude = _coordinate(entry.get("latitude"))
        longitude = _coordinate(entry.get("longitude"))
        if latitude == 0 and longitude == 0:
            latitude = longitude = None
        visitor.update(latitude=latitude, longitude=longitude)
    return visitor


def parse_threat(value) -> tuple[str | None, int | None]:
    """``(label, score)`` from an ``ip_lkup`` value; None for whatever the value does not hold."""
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, int):
        return None, value
    text = str(value).strip()
    if not text:
        return None, None
    match = _LABEL_AND_SCORE.match(text)
    if match:
        return match.group("label") or None, int(match.group("score"))
    if _SCORE_ONLY.match(text):
        return None, int(text)
    return text, None
