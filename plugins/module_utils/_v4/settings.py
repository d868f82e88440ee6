# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v4 spelling of zone settings: the setting id that holds each option, and its values.

v4 reads and writes one setting per call (``/zones/{id}/settings/{setting_id}``). ``minify``
and ``mirage`` are retired on v4, so they are not among the settings it manages. A v4 value no
option value stands for (``security_level: off``, ``cache_level: simplified``) is kept as
reported and marked unmapped, as on v1.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    ZoneSettings,
)

_SWITCH = {"on": True, "off": False}

# option -> (v4 setting id, v4 value -> option value).
V4_SETTINGS: dict[str, tuple[str, dict]] = {
    "security_level": (
        "security_level",
        {
            value: value
            for value in ("under_attack", "high", "medium", "low", "essentially_off")
        },
    ),
    "cache_level": (
        "cache_level",
        {"aggressive": "aggressive", "basic": "basic"},
    ),
    "development_mode": ("development_mode", _SWITCH),
    "ipv6": ("ipv6", _SWITCH),
    # v4 has no "manual": its "on" is v1's automatic mode.
    "rocket_loader": ("rocket_loader", {"on": "automatic", "off": "off"}),
}


def settings_from_v4(results: dict, now: float) -> ZoneSettings:
    """The settings in option terms from ``{option: the setting object v4 returned}``.

    ``now`` is the Unix time of the read: development mode reports the seconds it has left.
    """
    values = {}
    unmapped = set()
    for option, (dummy, spellings) in V4_SETTINGS.items():
        raw = results[option].get("value")
        if isinstance(raw, str) and raw in spellings:
            values[option] = spellings[raw]
        else:
            values[option] = raw
            unmapped.add(option)
    remaining = results["development_mode"].get("time_remaining")
    expires_on = None
    if values["development_mode"] is True and isinstance(remaining, (int, float)):
        expires_on = int(now + remaining) if remaining > 0 else None
    return ZoneSettings(
        values=values,
        unmapped=frozenset(unmapped),
        development_mode_expires_on=expires_on,
    )
