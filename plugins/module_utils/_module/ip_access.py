# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_ip_access: IP access rules, or on API v1 the account's whitelist and blacklist.

API v1 has no call that reads its lists, so there nothing is compared with a current state:
every address is sent, and the result reports what the API confirmed for it. A backend that
reads the rules back (``capabilities.reads_ip_access``, API v4) reads the scope's rules once,
plans, and writes only the differences.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils import (
    _access_rules as rules_model,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    DeleteLimitError,
    InputProblem,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Progress,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_ips,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

# The modes of the ip form: v1's three, and the v4 modes (v4 only).
V1_MODES = ("whitelist", "blacklist", "none")
MODES = V1_MODES + tuple(mode for mode in rules_model.MODES if mode not in V1_MODES)
# The modes of a rules entry: the v4 modes, and blacklist for block.
RULE_MODES = rules_model.MODES + ("blacklist",)
# What the ip form's modes mean on a backend of rules.
_RULE_MODE = {"blacklist": "block"}
DEFAULT_MAX_DELETES = 10
_VERBS = {
    rules_model.CREATED: "Creating",
    rules_model.UPDATED: "Updating",
    rules_model.DELETED: "Deleting",
}

# The options only a backend of rules has (with what each means when left out).
V4_ONLY_OPTIONS = (
    "rules",
    "scope",
    "zone",
    "account_id",
    "notes",
    "prune",
    "max_deletes",
)

# What the diff shows as the state before the task when the API cannot read it.
UNKNOWN_BEFORE = "unknown"


def module_spec() -> ArgumentSpec:
    return connection_spec().merge(
        ArgumentSpec(
            argument_spec={
                "ip": {"type": "list", "elements": "str"},
                "mode": {"type": "str", "choices": list(MODES)},
                "notes": {"type": "str"},
                "rules": {
                    "type": "list",
                    "elements": "dict",
                    "options": {
                        "value": {"type": "str", "required": True},
                        "mode": {"type": "str", "choices": list(RULE_MODES)},
                        "notes": {"type": "str"},
                        "state": {
                            "type": "str",
                            "choices": ["present", "absent"],
                            "default": "present",
                        },
                    },
                },
                "scope": {"type": "str", "choices": ["account", "zone"]},
                "zone": {"type": "str"},
                "account_id": {"type": "str"},
                "prune": {"type": "bool", "default": False},
                "max_deletes": {"type": "int"},
            },
            mutually_exclusive=[["ip", "rules"]],
            required_one_of=[["ip", "rules"]],
            required_together=[["ip", "mode"]],
        )
    )


def set_ip_access(api, task) -> dict:
    """The runner: v1's lists, or the rules of a scope."""
    api.require("ip_access")
    if api.capabilities.reads_ip_access:
        return _manage_rules(api, task)
    return _send_lists(api, task)


# --- API v1: the whitelist and the blacklist -------------------------------------------------------


def _v1_problems(params: dict) -> list[str]:
    problems = [
        f"{option}: only API v4 has it (API v1 has one whitelist and one blacklist per account, and no "
        "call that reads them)"
        for option in V4_ONLY_OPTIONS
        if option not in ("prune",) and params.get(option) is not None
    ]
    if params.get("prune"):
        problems.append(
            "prune: only API v4 has it (API v1 cannot read its lists, so it cannot tell what else is listed)"
        )
    if params.get("mode") not in (None, *V1_MODES):
        problems.append(
            f"mode: {params['mode']} is an API v4 mode; API v1 has {', '.join(V1_MODES)}"
        )
    return problems


def _send_lists(api, task) -> dict:
    """Check the addresses, then send each one unless in check mode.

    Every address sent counts as a change, since the prior state cannot be read.
    """
    problems = _v1_problems(task.params)
    try:
        addresses = normalize_ips(task.params["ip"] or [])
    except ValidationError as error:
        problems.extend(error.problems)
    if problems:
        raise ValidationError(problems=problems)
    mode = task.params["mode"]
    result = {
        "changed": bool(addresses),
        "ips": [{"ip": address, "mode": mode} for address in addresses],
    }
    if task.diff:
        result["diff"] = {
            "before": {address: UNKNOWN_BEFORE for address in addresses},
            "after": {address: mode for address in addresses},
        }
    if task.check_mode or not addresses:
        return result
    progress = Progress(
        "ips", lambda done: f"{plural(len(done), 'address', 'addresses')} set before it"
    )
    for address in addresses:
        with progress.step(f"Setting {address} to {mode}"):
            progress.done.append(api.set_ip_access(address, mode))
    result["ips"] = progress.done
    return result


# --- a backend of rules (API v4) ---------------------------------------------------------------------


def _wanted(params: dict, problems: list[str]) -> list[rules_model.Wanted]:
    """The task's entries, checked; every problem goes to ``problems``."""
    if params.get("ip") is not None:
        try:
            addresses = normalize_ips(params["ip"])
        except ValidationError as error:
            problems.extend(error.problems)
            return []
        mode = params["mode"]
        return [
            rules_model.Wanted(
                *rules_model.target_of(address),
                mode=None if mode == "none" else _RULE_MODE.get(mode, mode),
                notes=params.get("notes"),
                state="absent" if mode == "none" else "present",
            )
            for address in addresses
        ]
    if params.get("notes") is not None:
        problems.append("notes: give notes per entry of rules (notes goes with ip)")
    wanted: list[rules_model.Wanted] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(params["rules"] or [], 1):
        where = f"rules[{number}]"
        try:
            target, value = rules_model.target_of(entry["value"])
        except InputProblem as problem:
            problems.append(f"{where}: {problem}")
            continue
        state = entry.get("state") or "present"
        mode = entry.get("mode")
        if state == "present" and not mode:
            problems.append(f"{where} ({value}): give a mode, or state absent")
            continue
        if value in seen:
            problems.append(
                f"{where}: {value} is given already in rules[{seen[value]}]; a scope has one rule per value"
            )
            continue
        seen[value] = number
        wanted.append(
            rules_model.Wanted(
                target,
                value,
                mode=_RULE_MODE.get(mode, mode) if state == "present" else None,
                notes=entry.get("notes") if state == "present" else None,
                state=state,
            )
        )
    return wanted


def _checked(params: dict) -> tuple[list[rules_model.Wanted], str, int]:
    """The entries, the scope kind and the delete bound; ValidationError listing every problem."""
    problems: list[str] = []
    wanted = _wanted(params, problems)
    kind = params.get("scope") or "account"
    if kind == "zone" and not params.get("zone"):
        problems.append("scope zone needs zone: the zone whose rules the task manages")
    if kind == "zone" and params.get("account_id"):
        problems.append("account_id goes with scope account, not with scope zone")
    max_deletes = params.get("max_deletes")
    if max_deletes is None:
        max_deletes = DEFAULT_MAX_DELETES
    elif max_deletes < 0:
        problems.append(
            f"max_deletes {max_deletes} is negative; use 0 to allow no delete"
        )
    if problems:
        raise ValidationError(problems=problems)
    return wanted, kind, max_deletes


def _diff(steps: list) -> dict:
    """Before and after of every rule the plan names, keyed by value."""
    return {
        side: {
            step.value: rules_model.rule_view(getattr(step, side))
            for step in steps
            if getattr(step, side) is not None
        }
        for side in ("before", "after")
    }


def _counts(steps: list) -> dict:
    return {
        action: sum(1 for step in steps if step.action == action)
        for action in rules_model.ACTIONS
    }


def _apply(api, scope, step):
    """Carry out one step; returns it with ``after`` as the API reports it."""
    if step.action == rules_model.CREATED:
        return rules_model.Step(
            step.action,
            step.target,
            step.value,
            None,
            api.create_access_rule(scope, step.after),
            step.pruned,
        )
    if step.action == rules_model.UPDATED:
        return rules_model.Step(
            step.action,
            step.target,
            step.value,
            step.before,
            api.edit_access_rule(scope, step.before, step.changes),
            step.pruned,
        )
    api.delete_access_rule(scope, step.before)
    return step


def _delete_limit_message(steps: list, max_deletes: int) -> str:
    doomed = [step.value for step in steps if step.action == rules_model.DELETED]
    return (
        f"the plan deletes {plural(len(doomed), 'rule')} ({', '.join(doomed[:10])}"
        f"{', ...' if len(doomed) > 10 else ''}), more than max_deletes ({max_deletes}) allows, so "
        f"nothing was written: list the rules to keep in rules, or set max_deletes to {len(doomed)} "
        "or more if these deletes are wanted"
    )


def _manage_rules(api, task) -> dict:
    """Check everything, read the scope's rules once, plan, write only the differences."""
    params = task.params
    wanted, kind, max_deletes = _checked(params)
    scope = api.access_scope(kind, params.get("zone"), params.get("account_id"))
    steps = rules_model.plan(api.access_rules(scope), wanted, params["prune"])
    changed = any(step.action != rules_model.UNCHANGED for step in steps)
    result: dict = {"scope": {"type": scope.kind, "id": scope.id}}
    if params.get("ip") is not None:
        result["ips"] = [
            {"ip": entry.value, "mode": params["mode"]} for entry in wanted
        ]
    if task.diff:
        result["diff"] = _diff(steps)
    deletes = sum(1 for step in steps if step.action == rules_model.DELETED)
    if deletes > max_deletes:
        raise DeleteLimitError(
            _delete_limit_message(steps, max_deletes),
            {
                "changed": False,
                "rules": [rules_model.step_result(step) for step in steps],
                **_counts(steps),
                **result,
            },
        )
    if not task.check_mode:
        progress = Progress(
            "rules",
            lambda done: f"{plural(len(done), 'rule')} written before it",
        )
        done = []
        for step in steps:
            if step.action == rules_model.UNCHANGED:
                done.append(step)
                continue
            with progress.step(
                f"{_VERBS[step.action]} the rule of {step.value} in {scope.label}"
            ):
                done.append(_apply(api, scope, step))
                progress.done.append(rules_model.step_result(done[-1]))
        steps = done
    result.update(
        changed=changed,
        rules=[rules_model.step_result(step) for step in steps],
        **_counts(steps),
    )
    return result
