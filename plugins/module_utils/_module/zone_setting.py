# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_zone_setting: bring the settings a task names to their values; the others are left alone."""

from __future__ import annotations

import dataclasses
import re
import time

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    ZoneSettings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
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
    SETTING_ID,
    SETTING_OPTIONS,
    setting_argument_spec,
)

# Development mode turns itself off this long after it was turned on.
DEVELOPMENT_MODE_SECONDS = 3 * 3600


def module_spec() -> ArgumentSpec:
    spec = setting_argument_spec()
    spec["settings"] = {"type": "dict"}
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec=spec,
                required_one_of=[[*SETTING_OPTIONS, "settings"]],
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


def _advice(caps, key) -> str:
    advice = caps.setting_advice.get(key)
    return f": {advice}" if advice else ""


def _option_problem(caps, option: str, value) -> str | None:
    """What keeps the backend from taking ``option: value``, or None."""
    setting = BY_OPTION.get(option)
    if setting is None:
        return (
            f"{option}: not a setting this module manages ({', '.join(caps.settings)})"
        )
    if option not in caps.settings:
        if option in caps.setting_advice:
            return f"{option}: not a setting API {caps.api} has" + _advice(caps, option)
        return (
            f"{option}: not a setting this module manages ({', '.join(caps.settings)})"
        )
    if isinstance(value, str) and (option, value) in caps.setting_advice:
        return f"{option}: {value} is not a value API {caps.api} has" + _advice(
            caps, (option, value)
        )
    allowed = caps.setting_values.get(option)
    if allowed is not None:
        setting = dataclasses.replace(setting, choices=tuple(allowed))
    problem = setting.problem(value)
    return f"{option}: {problem}" if problem else None


def _id_problems(caps, wanted: dict, by_id: dict) -> list[str]:
    """What is wrong with the settings given by id: a malformed or retired id, one also given as an option."""
    problems = []
    named_ids = {
        caps.setting_ids[option]: option
        for option in wanted
        if option in caps.setting_ids
    }
    for setting_id in by_id:
        if not isinstance(setting_id, str) or not SETTING_ID.match(setting_id):
            problems.append(
                f"settings: {setting_id!r} is not a setting id (lower case letters, digits and _)"
            )
        elif setting_id in caps.setting_advice:
            problems.append(
                f"settings.{setting_id}: not a setting API {caps.api} has"
                + _advice(caps, setting_id)
            )
        elif setting_id in named_ids:
            problems.append(
                f"settings.{setting_id}: given both as the option {named_ids[setting_id]} and in settings; "
                "give it once"
            )
    return problems


def _validate(zone: str, wanted: dict, by_id: dict, caps) -> tuple[str, dict]:
    """The zone as the API knows it and ``wanted`` with canonical values; ValidationError listing every problem."""
    problems = []
    canonical = {}
    try:
        zone = checked_zone(zone)
    except ValidationError as exc:
        problems.extend(exc.problems)
    for option, value in wanted.items():
        problem = _option_problem(caps, option, value)
        if problem:
            problems.append(problem)
        else:
            canonical[option] = BY_OPTION[option].canonical(value)
    problems.extend(_id_problems(caps, wanted, by_id))
    if not wanted and not by_id:
        names = ", ".join(caps.settings)
        if "settings_by_id" in caps.features:
            names += ", or settings by id in settings"
        problems.append(f"name at least one setting: {names}")
    if problems:
        raise ValidationError(problems=problems)
    return zone, canonical


def api_value(given, current):
    """``given`` spelled as the API spells ``current``: a boolean as on/off, a number as a string or a string as a number."""
    if isinstance(given, bool):
        if current in ("on", "off"):
            return "on" if given else "off"
        return given
    if isinstance(given, (int, float)) and isinstance(current, str):
        return str(given)
    if (
        isinstance(given, str)
        and isinstance(current, int)
        and not isinstance(current, bool)
        and re.fullmatch(r"-?[0-9]+", given.strip())
    ):
        return int(given)
    return given


def _expiry_report(expires_on: int | None, now: float) -> dict:
    """The development mode expiry and the seconds left until then (both None when off)."""
    seconds_left = None if expires_on is None else max(0, expires_on - int(now))
    return {
        "development_mode_expires_on": expires_on,
        "development_mode_seconds_left": seconds_left,
    }


def _refuse_read_only(zone: str, names: list[str]) -> None:
    if names:
        raise InputError(
            f"Cannot change {', '.join(names)} of zone {zone}: CloudFlare reports "
            f"{'it' if len(names) == 1 else 'them'} as not editable (editable: false), "
            "usually because the zone's plan does not include "
            f"{'it' if len(names) == 1 else 'them'}; nothing was changed"
        )


def apply_zone_settings(
    api,
    zone: str,
    wanted: dict,
    check_mode: bool = False,
    diff: bool = False,
    clock=None,
    by_id: dict | None = None,
) -> dict:
    """Bring the settings named in ``wanted`` (options) and ``by_id`` (API ids) to their values.

    Costs one read of the settings (on v4: one per setting the task manages) and one write per
    setting that differs (none in check mode). A value the API reports that no option value
    stands for counts as different. A setting to change that the API reports as not editable
    fails the task before any write. ``clock`` (default ``time.time``) gives the time the
    development mode time left counts from.
    """
    clock = clock or time.time
    by_id = dict(by_id or {})
    api.require("settings")
    api.require("setting_changes")
    if by_id:
        api.require("settings_by_id")
    zone, wanted = _validate(zone, wanted, by_id, api.capabilities)
    if wanted:
        current = api.read_settings(zone, list(wanted))
    else:
        current = ZoneSettings(values={})
    ids_now = api.read_api_settings(zone, list(by_id)) if by_id else {}
    before = current.values
    after = dict(before)
    expires_on = current.development_mode_expires_on
    changed_settings = [
        option
        for option in SETTING_OPTIONS
        if option in wanted
        and (option in current.unmapped or before[option] != wanted[option])
    ]
    ids_before = {setting_id: found.value for setting_id, found in ids_now.items()}
    ids_wanted = {
        setting_id: api_value(value, ids_before[setting_id])
        for setting_id, value in by_id.items()
    }
    changed_ids = [
        setting_id
        for setting_id in by_id
        if ids_wanted[setting_id] != ids_before[setting_id]
    ]
    _refuse_read_only(
        zone,
        [option for option in changed_settings if option in current.read_only]
        + [
            f"settings.{setting_id}"
            for setting_id in changed_ids
            if not ids_now[setting_id].editable
        ],
    )
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
    ids_after = dict(ids_before)
    for setting_id in changed_ids:
        ids_after[setting_id] = ids_wanted[setting_id]
        with progress.step(f"Changing settings.{setting_id} of zone {zone}"):
            written = (
                None
                if check_mode
                else api.write_api_setting(zone, setting_id, ids_wanted[setting_id])
            )
        if written is not None:
            ids_after[setting_id] = written.value
            progress.done.append(setting_id)

    result = {
        "changed": bool(changed_settings or changed_ids),
        "settings": after,
        "changed_settings": changed_settings + changed_ids,
        "settings_by_id": ids_after,
    }
    result.update(
        _expiry_report(
            expires_on if after.get("development_mode") is True else None, clock()
        )
    )
    if diff:
        result["diff"] = {
            "before": {
                **{
                    option: before[option]
                    for option in SETTING_OPTIONS
                    if option in wanted
                },
                **ids_before,
            },
            "after": {
                **{
                    option: after[option]
                    for option in SETTING_OPTIONS
                    if option in wanted
                },
                **ids_after,
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
        by_id=task.params.get("settings"),
    )
