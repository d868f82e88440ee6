# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v1 spelling of zone settings: which ``zone_settings`` field reports each, which action sets it.

``V1_SETTINGS`` is the only place that knows how v1 names and spells a setting: ``medium``
is ``med``, ``minify: [js, css]`` is the bitmask ``3``, IPv6 on is ``3``, development mode is
read as the Unix time it ends.
"""

from __future__ import annotations

import re

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    ZoneSettings,
)


class _Codec:
    """How v1 spells the values of one setting; ``decode`` gives None for a value no option value stands for."""

    def encode(self, value) -> str:
        raise NotImplementedError

    def decode(self, raw):
        raise NotImplementedError


class _Choice(_Codec):
    """One value of a fixed list; v1 spells each value its own way."""

    def __init__(self, spellings: dict[str, str]) -> None:
        self.spellings = spellings
        self._names = {v1_value: name for name, v1_value in spellings.items()}

    def encode(self, value) -> str:
        return self.spellings[value]

    def decode(self, raw):
        return self._names.get(str(raw))


class _Switch(_Codec):
    """On or off: v1 uses ``0`` for off and ``on`` for on, as a string or an integer."""

    def __init__(self, on: str = "1") -> None:
        self.on = on

    def encode(self, value) -> str:
        return self.on if value else "0"

    def decode(self, raw):
        return {"0": False, self.on: True}.get(str(raw))


class _Expiry(_Switch):
    """Development mode: set with 1 or 0, reported as 0 when off, else the Unix time it turns itself off."""

    def decode(self, raw):
        expires_on = expiry(raw)
        return None if expires_on is None else expires_on > 0


class _Flags(_Codec):
    """A set of names stored as a bitmask (``minify``: JS = 1, CSS = 2, HTML = 4)."""

    def __init__(self, bits: dict[str, int]) -> None:
        self.bits = bits

    def encode(self, value) -> str:
        return str(sum(self.bits[name] for name in set(value)))

    def decode(self, raw):
        text = str(raw)
        if isinstance(raw, bool) or not re.fullmatch(r"\d{1,3}", text):
            return None
        mask = int(text)
        if mask >= 2 ** len(self.bits):
            return None
        return [name for name, bit in self.bits.items() if mask & bit]


def expiry(raw) -> int | None:
    """A v1 development mode value as an int (0 = off), or None when ``raw`` is not a Unix time."""
    if isinstance(raw, bool) or not re.fullmatch(r"\d{1,12}", str(raw)):
        return None
    return int(raw)


class _V1Setting:
    """One setting in v1: the ``zone_settings`` field that reports it, the action that sets it, the codec."""

    def __init__(self, field: str, action: str, codec: _Codec) -> None:
        self.field = field
        self.action = action
        self.codec = codec


V1_SETTINGS = {
    "security_level": _V1Setting(
        "sec_lvl",
        "sec_lvl",
        _Choice(
            {
                "under_attack": "help",
                "high": "high",
                "medium": "med",
                "low": "low",
                "essentially_off": "eoff",
            }
        ),
    ),
    "cache_level": _V1Setting(
        "cache_lvl", "cache_lvl", _Choice({"aggressive": "agg", "basic": "basic"})
    ),
    "development_mode": _V1Setting("dev_mode", "devmode", _Expiry()),
    "ipv6": _V1Setting("ipv46", "ipv46", _Switch(on="3")),
    "rocket_loader": _V1Setting(
        "async", "async", _Choice({"off": "0", "automatic": "a", "manual": "m"})
    ),
    "minify": _V1Setting("minify", "minify", _Flags({"js": 1, "css": 2, "html": 4})),
    # [unconfirmed] v1 documents no read-back field for Mirage 2; the simulator reports `mirage2`.
    "mirage": _V1Setting("mirage2", "mirage2", _Switch(on="1")),
}


def settings_from_v1(raw_settings: dict) -> ZoneSettings:
    """The settings of a ``zone_settings`` object in option terms (values no option value maps to kept as reported)."""
    values = {}
    unmapped = set()
    for option, setting in V1_SETTINGS.items():
        raw = raw_settings.get(setting.field)
        value = setting.codec.decode(raw)
        if value is None:
            values[option] = raw
            unmapped.add(option)
        else:
            values[option] = value
    expires_on = expiry(raw_settings.get("dev_mode"))
    return ZoneSettings(
        values=values,
        unmapped=frozenset(unmapped),
        development_mode_expires_on=expires_on if expires_on else None,
    )
