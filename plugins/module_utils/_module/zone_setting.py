# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_zone_setting: bring the settings a task names to their values; the others are left alone."""

from __future__ import annotations

import time

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Progress,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._settings import (
    BY_OPTION,
    SETTING_OPTIONS,
    setting_argument_spec,
)

# Development mode turns itself off this long after it was turned on.
DEVELOPMENT_MODE_SECONDS = 3 * 3600


def module_spec() -> ArgumentSpec:
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec=setting_argument_spec(),
                required_one_of=[list(SETTING_OPTIONS)],
            )
        )
    )


def wanted_settings(params: dict) -> dict:
    """The settings a task names: the setting options of ``params`` that are not None."""
    return {
        option: params[option]
        for option in SETTING_OPTIONS
        if params.get(option) is not None
    }


def _validate(zone: str, wanted: dict, supported: tuple) -> tuple[str, dict]:
    """The zone as the API knows it and ``wanted`` with canonical values; ValidationError listing every problem."""
    problems = []
    canonical = {}
    try:
        zone = checked_zone(zone)
    except ValidationError as exc:
        problems.extend(exc.problems)
    for option, value in wanted.items():
        setting = BY_OPTION.get(option)
        if setting is None or option not in supported:
            problems.append(
                f"{option}: not a setting this module manages ({', '.join(supported)})"
            )
            continue
        problem = setting.problem(value)
        if problem:
            problems.append(f"{option}: {problem}")
        else:
            canonical[option] = setting.canonical(value)
    if not wanted:
        problems.append(f"name at least one setting: {', '.join(supported)}")
    if problems:
        raise ValidationError(problems=problems)
    return zone, canonical


def _expiry_report(expires_on: int | None, now: float) -> dict:
    """The development mode expiry and the seconds left until then (both None when off)."""
    seconds_left = None if expires_on is None else max(0, expires_on - int(now))
    return {
        "development_mode_expires_on": expires_on,
        "development_mode_seconds_left": seconds_left,
    }


def apply_zone_settings(
    api,
    zone: str,
    wanted: dict,
    check_mode: bool = False,
    diff: bool = False,
    clock=None,
) -> dict:
    """Bring the settings named in ``wanted`` to their values; return the module result.

    Costs one read of the settings and one write per setting that differs (none in check
    mode). A value the API reports that no option value stands for counts as different.
    ``clock`` (default ``time.time``) gives the time the development mode time left counts from.
    """
    clock = clock or time.time
    api.require("settings")
    api.require("setting_changes")
    zone, wanted = _validate(zone, wanted, api.capabilities.settings)
    current = api.read_settings(zone)
    before = current.values
    after = dict(before)
    expires_on = current.development_mode_expires_on
    changed_settings = [
        option
        for option in SETTING_OPTIONS
        if option in wanted
        and (option in current.unmapped or before[option] != wanted[option])
    ]
    progress = Progress(
        "changed_settings", lambda done: f"already changed: {', '.join(done)}"
    )
    for option in changed_settings:
        after[option] = wanted[option]
        with progress.step(f"Changing {option} of zone {zone}"):
            new_expiry = (
                None if check_mode else api.write_setting(zone, option, wanted[option])
            )
        if not check_mode:
            progress.done.append(option)
        if option == "development_mode" and wanted[option]:
            # In check mode, predict the expiry the API would set.
            expires_on = (
                int(clock()) + DEVELOPMENT_MODE_SECONDS if check_mode else new_expiry
            )

    result = {
        "changed": bool(changed_settings),
        "settings": after,
        "changed_settings": changed_settings,
    }
    result.update(
        _expiry_report(
            expires_on if after["development_mode"] is True else None, clock()
        )
    )
    if diff:
        result["diff"] = {
            "before": {
                option: before[option] for option in SETTING_OPTIONS if option in wanted
            },
            "after": {
                option: after[option] for option in SETTING_OPTIONS if option in wanted
            },
        }
    return result


def zone_setting(api, task) -> dict:
    return apply_zone_settings(
        api,
        task.params["zone"],
        wanted_settings(task.params),
        task.check_mode,
        task.diff,
    )
