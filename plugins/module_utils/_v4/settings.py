# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v4 spelling of zone settings: the setting id that holds each option, and its values.

v4 reads and writes one setting per call (``/zones/{id}/settings/{setting_id}``). ``minify``
and ``mirage`` are retired on v4, and so is Rocket Loader's manual mode: ``RETIRED`` says so
before any call. A v4 value no option value stands for is kept as reported and marked
unmapped, as on v1. Settings by their own id (the option ``settings``) keep v4's spelling.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    ApiSetting,
    ZoneSettings,
)

_SWITCH = {"on": True, "off": False}

# option -> (v4 setting id, v4 value -> option value).
V4_SETTINGS: dict[str, tuple[str, dict]] = {
    "security_level": (
        "security_level",
        {
            value: value
            for value in (
                "under_attack",
                "high",
                "medium",
                "low",
                "essentially_off",
                "off",
            )
        },
    ),
    "cache_level": (
        "cache_level",
        {"aggressive": "aggressive", "basic": "basic", "simplified": "simplified"},
    ),
    "development_mode": ("development_mode", _SWITCH),
    "ipv6": ("ipv6", _SWITCH),
    # v4 has no "manual": its "on" is v1's automatic mode.
    "rocket_loader": ("rocket_loader", {"on": "automatic", "off": "off"}),
}

# What v4 no longer has (notes 1.4), by option, (option, value) and v4 setting id.
_MINIFY = "CloudFlare retired Auto Minify on 2024-08-05, so API v4 no longer has the setting minify"
_MIRAGE = "CloudFlare retired Mirage in January 2026, so API v4 no longer has the setting mirage"
RETIRED: dict = {
    "minify": _MINIFY,
    "mirage": _MIRAGE,
    (
        "rocket_loader",
        "manual",
    ): "CloudFlare retired Rocket Loader's manual mode: API v4 has only "
    "on (automatic) and off",
}


def v4_value(option: str, value) -> str:
    """An option value as v4 spells it (``True`` -> ``"on"``, ``automatic`` -> ``"on"``)."""
    spellings = V4_SETTINGS[option][1]
    return next(raw for raw, named in spellings.items() if named == value)


def _expiry(obj: dict, now: float) -> int | None:
    """When development mode turns itself off, from ``time_remaining``; None when it is off."""
    remaining = obj.get("time_remaining")
    if obj.get("value") != "on" or isinstance(remaining, bool):
        return None
    if not isinstance(remaining, (int, float)) or remaining <= 0:
        return None
    return int(now + remaining)


def settings_from_v4(results: dict, now: float) -> ZoneSettings:
    """The settings in option terms from ``{option: the setting object v4 returned}`` (the options read).

    ``now`` is the Unix time of the read: development mode reports the seconds it has left.
    """
    values = {}
    unmapped = set()
    read_only = set()
    for option, (dummy, spellings) in V4_SETTINGS.items():
        if option not in results:
            continue
        raw = results[option].get("value")
        if isinstance(raw, str) and raw in spellings:
            values[option] = spellings[raw]
        else:
            values[option] = raw
            unmapped.add(option)
        if results[option].get("editable") is False:
            read_only.add(option)
    expires_on = None
    if values.get("development_mode") is True:
        expires_on = _expiry(results["development_mode"], now)
    return ZoneSettings(
        values=values,
        unmapped=frozenset(unmapped),
        development_mode_expires_on=expires_on,
        read_only=frozenset(read_only),
    )


def api_setting_from_v4(setting_id: str, obj: dict, now: float) -> ApiSetting:
    """One setting object of v4 as an ApiSetting."""
    return ApiSetting(
        setting_id=setting_id,
        value=obj.get("value"),
        editable=obj.get("editable") is not False,
        expires_on=_expiry(obj, now) if setting_id == "development_mode" else None,
    )
