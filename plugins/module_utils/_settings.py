# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Zone settings in option terms: the settings the modules manage, their values, their checks.

The options of cf_zone_setting and the keys cf_zone_info reports come from ``SETTINGS``; a
backend maps each option to its own spelling (``_v1.settings``, ``_v4.settings``) and says in
its ``Capabilities`` which options and values it has.
"""

from __future__ import annotations

import dataclasses
import re

# A setting id of the API (the option settings of cf_zone_setting): lower case letters, digits
# and underscores (0rtt, tls_1_3).
SETTING_ID = re.compile(r"^[a-z0-9_]{1,64}$")


@dataclasses.dataclass(frozen=True)
class Setting:
    """One setting: a choice among ``choices``, a switch (``choices`` empty), or a set of ``choices`` (``many``)."""

    option: str
    choices: tuple = ()
    many: bool = False

    def option_spec(self) -> dict:
        if self.many:
            return {"type": "list", "elements": "str", "choices": list(self.choices)}
        if self.choices:
            return {"type": "str", "choices": list(self.choices)}
        return {"type": "bool"}

    def problem(self, value) -> str | None:
        """What is wrong with ``value`` for this setting, or None."""
        if self.many:
            if isinstance(value, (list, tuple)) and all(
                isinstance(item, str) and item in self.choices for item in value
            ):
                return None
            return f"must be a list of {', '.join(self.choices)} (an empty list turns it off), got {value!r}"
        if self.choices:
            return (
                None
                if value in self.choices
                else f"must be one of {', '.join(self.choices)}, got {value!r}"
            )
        return (
            None if isinstance(value, bool) else f"must be true or false, got {value!r}"
        )

    def canonical(self, value):
        """``value`` in the form settings are compared and reported in: a set in the order of ``choices``."""
        if self.many:
            return [name for name in self.choices if name in value]
        return value


SETTINGS = (
    # "off" and "simplified" are values only API v4 has (Capabilities.setting_values).
    Setting(
        "security_level",
        ("under_attack", "high", "medium", "low", "essentially_off", "off"),
    ),
    Setting("cache_level", ("aggressive", "basic", "simplified")),
    Setting("development_mode"),
    Setting("ipv6"),
    Setting("rocket_loader", ("off", "automatic", "manual")),
    Setting("minify", ("js", "css", "html"), many=True),
    Setting("mirage"),
)

SETTING_OPTIONS = tuple(setting.option for setting in SETTINGS)

BY_OPTION = {setting.option: setting for setting in SETTINGS}


def setting_argument_spec() -> dict:
    """The setting options of cf_zone_setting, as a fresh dict on every call."""
    return {setting.option: setting.option_spec() for setting in SETTINGS}
