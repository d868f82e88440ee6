# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Zone settings: the v1 mapping table and the logic of the cf_zone_setting module.

``SETTINGS`` is the only place that knows how v1 names and spells a setting: which
``zone_settings`` field reports it, which setter action changes it and how a value is encoded
(``medium`` is ``med``, ``minify: [js, css]`` is the bitmask ``3``, IPv6 on is ``3``).
Reading, comparing, the setter calls, the result and the diff all come from that table.
"""

from __future__ import annotations

import re
import time

from ansible_collections.edgeops.cloudflare.plugins.module_utils._actions import StepError, checked_zone
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    CloudflareError,
    TransportError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._stats import zone_call

# v1 turns development mode off by itself this long after it was turned on.
DEVELOPMENT_MODE_SECONDS = 3 * 3600


class _Choice:
    """One value of a fixed list; v1 spells each value its own way."""

    def __init__(self, spellings: dict[str, str]) -> None:
        self.spellings = spellings
        self._names = {v1_value: name for name, v1_value in spellings.items()}

    def option_spec(self) -> dict:
        return {"type": "str", "choices": list(self.spellings)}

    def problem(self, value) -> str | None:
        if value in self.spellings:
            return None
        return f"must be one of {', '.join(self.spellings)}, got {value!r}"

    def canonical(self, value):
        return value

    def encode(self, value) -> str:
        return self.spellings[value]

    def decode(self, raw):
        return self._names.get(str(raw))


class _Switch:
    """On or off: v1 uses ``0`` for off and ``on`` for on, as a string or an integer."""

    def __init__(self, on: str = "1") -> None:
        self.on = on

    def option_spec(self) -> dict:
        return {"type": "bool"}

    def problem(self, value) -> str | None:
        return None if isinstance(value, bool) else f"must be true or false, got {value!r}"

    def canonical(self, value):
        return value

    def encode(self, value) -> str:
        return self.on if value else "0"

    def decode(self, raw):
        return {"0": False, self.on: True}.get(str(raw))


class _Expiry:
    """Development mode: v1 reports 0 when off, else the Unix time at which it turns itself off."""

    def option_spec(self) -> dict:
        return {"type": "bool"}

    def problem(self, value) -> str | None:
        return None if isinstance(value, bool) else f"must be true or false, got {value!r}"

    def canonical(self, value):
        return value

    def encode(self, value) -> str:
        return "1" if value else "0"

    def decode(self, raw):
        expires_on = self.expires_on(raw)
        if expires_on is None:
            return None
        return expires_on > 0

    @staticmethod
    def expires_on(raw) -> int | None:
        """The expiry as an int (0 = off), or None when ``raw`` is not a Unix time."""
        if isinstance(raw, bool) or not re.fullmatch(r"\d{1,12}", str(raw)):
            return None
        return int(raw)


class _Flags:
    """A set of names stored as a bitmask (``minify``: JS = 1, CSS = 2, HTML = 4)."""

    def __init__(self, bits: dict[str, int]) -> None:
        self.bits = bits

    def option_spec(self) -> dict:
        return {"type": "list", "elements": "str", "choices": list(self.bits)}

    def problem(self, value) -> str | None:
        if isinstance(value, (list, tuple)) and all(isinstance(item, str) and item in self.bits for item in value):
            return None
        return f"must be a list of {', '.join(self.bits)} (an empty list turns it off), got {value!r}"

    def canonical(self, value) -> list[str]:
        """The names in the table's order, each once."""
        return [name for name in self.bits if name in value]

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


class _Setting:
    """One managed setting: the option, the ``zone_settings`` field, the setter action, the codec."""

    def __init__(self, option: str, field: str, action: str, codec) -> None:
        self.option = option
        self.field = field
        self.action = action
        self.codec = codec


SETTINGS = (
    _Setting("security_level", "sec_lvl", "sec_lvl", _Choice({
        "under_attack": "help", "high": "high", "medium": "med", "low": "low", "essentially_off": "eoff"})),
    _Setting("cache_level", "cache_lvl", "cache_lvl", _Choice({"aggressive": "agg", "basic": "basic"})),
    _Setting("development_mode", "dev_mode", "devmode", _Expiry()),
    _Setting("ipv6", "ipv46", "ipv46", _Switch(on="3")),
    _Setting("rocket_loader", "async", "async", _Choice({"off": "0", "automatic": "a", "manual": "m"})),
    _Setting("minify", "minify", "minify", _Flags({"js": 1, "css": 2, "html": 4})),
    # [unconfirmed] v1 documents no read-back field for Mirage 2; the simulator reports `mirage2`.
    _Setting("mirage", "mirage2", "mirage2", _Switch(on="1")),
)

SETTING_OPTIONS = tuple(setting.option for setting in SETTINGS)

_BY_OPTION = {setting.option: setting for setting in SETTINGS}


def zone_setting_argument_spec() -> dict:
    """The options of cf_zone_setting besides the credentials, as a fresh dict on every call."""
    spec = {"zone": {"type": "str", "required": True, "aliases": ["domain"]}}
    for setting in SETTINGS:
        spec[setting.option] = setting.codec.option_spec()
    return spec


def wanted_settings(params: dict) -> dict:
    """The settings a task names: the setting options of ``params`` that are not None."""
    return {option: params[option] for option in SETTING_OPTIONS if params.get(option) is not None}


def read_zone_settings(client, zone: str) -> dict:
    """The raw v1 settings object of ``zone`` (one ``zone_settings`` call)."""
    envelope = zone_call(client, "zone_settings", zone)
    objs = ((envelope.get("response") or {}).get("result") or {}).get("objs")
    if not isinstance(objs, list) or not objs or not isinstance(objs[0], dict):
        raise TransportError(f"zone_settings for zone {zone} answered without response.result.objs",
                             action="zone_settings")
    return objs[0]


def _reading(setting: _Setting, raw_settings: dict) -> tuple[object, bool]:
    """``(value, mapped)``: the option's value, or the raw v1 value and False when it has none."""
    raw = raw_settings.get(setting.field)
    value = setting.codec.decode(raw)
    if value is None:
        return raw, False
    return value, True


def settings_from_v1(raw_settings: dict) -> dict:
    """Every managed setting in option terms (values the module cannot map are kept as reported)."""
    return {setting.option: _reading(setting, raw_settings)[0] for setting in SETTINGS}


def read_settings(client, zone: str) -> dict:
    """The settings of ``zone`` named and valued like the options of cf_zone_setting."""
    return settings_from_v1(read_zone_settings(client, checked_zone(zone)))


def _validate(zone: str, wanted: dict) -> tuple[str, dict]:
    """The zone as the API knows it and ``wanted`` with canonical values; ValidationError listing every problem."""
    problems = []
    canonical = {}
    try:
        zone = checked_zone(zone)
    except ValidationError as exc:
        problems.extend(exc.problems)
    for option, value in wanted.items():
        setting = _BY_OPTION.get(option)
        if setting is None:
            problems.append(f"{option}: not a setting this module manages ({', '.join(SETTING_OPTIONS)})")
            continue
        problem = setting.codec.problem(value)
        if problem:
            problems.append(f"{option}: {problem}")
        else:
            canonical[option] = setting.codec.canonical(value)
    if not wanted:
        problems.append(f"name at least one setting: {', '.join(SETTING_OPTIONS)}")
    if problems:
        raise ValidationError(problems=problems)
    return zone, canonical


def _expiry_report(expires_on: int | None, now: float) -> dict:
    """The development mode expiry and the seconds left until then (both None when off)."""
    seconds_left = None if expires_on is None else max(0, expires_on - int(now))
    return {"development_mode_expires_on": expires_on, "development_mode_seconds_left": seconds_left}


def _new_expiry(answer: dict) -> int | None:
    """The expiry a ``devmode`` answer reports (``response.expires_on``), when it is a Unix time."""
    return _Expiry.expires_on((answer.get("response") or {}).get("expires_on"))


def apply_zone_settings(client, zone: str, wanted: dict, check_mode: bool = False, diff: bool = False,
                        clock=None) -> dict:
    """Bring the settings named in ``wanted`` to their values; return the module result.

    Costs one ``zone_settings`` read and one setter call per setting that differs (none in
    check mode). A value the API reports that no option value maps to counts as different.
    ``clock`` (default ``time.time``) gives the time the development mode time left counts from.
    """
    clock = clock or time.time
    zone, wanted = _validate(zone, wanted)
    raw_settings = read_zone_settings(client, zone)
    before = settings_from_v1(raw_settings)
    after = dict(before)
    expires_on = _Expiry.expires_on(raw_settings.get("dev_mode"))
    changed_settings = []
    for setting in SETTINGS:
        if setting.option not in wanted:
            continue
        value, mapped = _reading(setting, raw_settings)
        if mapped and value == wanted[setting.option]:
            continue
        changed_settings.append(setting.option)
        after[setting.option] = wanted[setting.option]

    applied: list[str] = []
    try:
        for option in changed_settings:
            setting = _BY_OPTION[option]
            answer = None
            if not check_mode:
                answer = client.call(setting.action, {"z": zone, "v": setting.codec.encode(wanted[option])})
                applied.append(option)
            if option == "development_mode" and wanted[option]:
                # In check mode, predict the expiry the API would set.
                expires_on = int(clock()) + DEVELOPMENT_MODE_SECONDS if answer is None else _new_expiry(answer)
    except CloudflareError as exc:
        earlier = f" (already changed: {', '.join(applied)})" if applied else ""
        raise StepError(f"Changing {option} of zone {zone} failed{earlier}: {exc.msg}", exc, "changed_settings",
                        applied) from None

    result = {"changed": bool(changed_settings), "settings": after, "changed_settings": changed_settings}
    result.update(_expiry_report(expires_on if after["development_mode"] is True else None, clock()))
    if diff:
        result["diff"] = {
            "before": {option: before[option] for option in SETTING_OPTIONS if option in wanted},
            "after": {option: after[option] for option in SETTING_OPTIONS if option in wanted},
        }
    return result
