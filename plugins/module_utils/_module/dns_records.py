# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_dns_records: validate everything, read the zone once, plan, write, read again after faults, report."""

from __future__ import annotations

import dataclasses

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    APPLIED,
    FAILED,
    NOT_ATTEMPTED,
    PLANNED,
    Outcome,
    WriteOptions,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    record_options_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    CloudflareError,
    DeleteLimitError,
    PartialFailureError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    OPERATION_NAMES,
    Operation,
    describe,
    describe_operation,
    record_warnings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_diff import (
    records_diff,
    summary_diff,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_plan import (
    Entry,
    plan_zone,
    read_entries,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import (
    plural,
    shorten,
)

# Each writer keeps a connection of the client's pool, which holds 10 (the requests default);
# more writers would open and close one per call.
DEFAULT_CONCURRENCY = 10
MAX_CONCURRENCY = 10
DEFAULT_MAX_DELETES = 10

# What the result counts of each operation kind.
COUNT_NAMES = {"create": "created", "edit": "updated", "delete": "deleted"}

# After errors a new round may cure, the task reads the zone again and carries out what is
# still missing, in at most ``Capabilities.write_rounds`` rounds of writes in all. The new read
# is what makes this safe: a create whose answer was lost is found there and adopted, never
# sent twice.

_ERRORS_IN_MESSAGE = 3
_ERROR_TEXT_LENGTH = 300
_DELETES_IN_MESSAGE = 20


def module_spec() -> ArgumentSpec:
    entry = record_options_spec()
    # Ignored: accepted so that what cf_dns_record_info returns can be given back as it is.
    entry["id"] = {"type": "str"}
    entry["solo"] = {"type": "bool", "default": False}
    entry["state"] = {
        "type": "str",
        "default": "present",
        "choices": ["present", "absent"],
    }
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec={
                    "records": {
                        "type": "list",
                        "elements": "dict",
                        "required": True,
                        "options": entry,
                    },
                    "prune": {"type": "bool", "default": False},
                    "max_deletes": {"type": "int", "default": DEFAULT_MAX_DELETES},
                    "concurrency": {"type": "int", "default": DEFAULT_CONCURRENCY},
                    "batch_size": {"type": "int"},
                }
            )
        )
    )


def _read_task(params: dict, caps) -> tuple[str, list[Entry]]:
    """The normalised zone and the entries; every problem of the options is reported at once."""
    problems = []
    if not 1 <= params["concurrency"] <= MAX_CONCURRENCY:
        problems.append(
            f"concurrency {params['concurrency']} is outside 1-{MAX_CONCURRENCY}"
        )
    if params["max_deletes"] < 0:
        problems.append(
            f"max_deletes {params['max_deletes']} is negative; use 0 to allow no delete"
        )
    batch_size = params.get("batch_size")
    if batch_size is not None:
        if caps.batch_limit is None:
            problems.append(
                f"batch_size is an API v4 option: API {caps.api} writes one record a call "
                "(concurrency sets how many at once)"
            )
        elif not 1 <= batch_size <= caps.batch_limit:
            problems.append(f"batch_size {batch_size} is outside 1-{caps.batch_limit}")
    try:
        zone = checked_zone(params["zone"])
        entries = read_entries(zone, params["records"], caps)
    except ValidationError as error:
        raise ValidationError(problems=problems + error.problems) from None
    if problems:
        raise ValidationError(problems=problems)
    return zone, entries


def change_result(operation: Operation, outcome: str, error: str | None = None) -> dict:
    """One item of the result's ``plan``: what the write does, and what became of it."""
    return {
        "action": OPERATION_NAMES[operation.kind],
        "before": operation.before.to_dict() if operation.before is not None else None,
        "after": operation.after.to_dict() if operation.after is not None else None,
        "outcome": outcome,
        "error": error,
    }


def _zone_after(current, outcomes: list[Outcome]) -> dict:
    """The zone's records by id: ``current`` with the applied operations of ``outcomes`` carried out."""
    records = {record.id: record for record in current}
    for outcome in outcomes:
        if outcome.status != APPLIED:
            continue
        operation = outcome.operation
        if operation.kind == "delete":
            records.pop(operation.existing.id, None)
        else:
            records[operation.written.id] = operation.written
    return records


class _ZoneIndex:
    """The zone's records by id and by everything but the id, so each pending change resolves in constant time.

    ``kept`` are the records a new plan found as the task asks: a pending create or edit whose
    record is among them needs nothing more (another writer, or the write whose answer was
    lost, made it so), even when it differs in what the task leaves out (a comment).
    """

    def __init__(self, records: dict, kept=()) -> None:
        self.ids = records
        self.by_value = {
            dataclasses.replace(record, id=None): record for record in records.values()
        }
        self.kept_ids = {record.id: record for record in kept}
        self.kept_keys = {record.key: record for record in kept}

    def resolve(self, outcome: Outcome) -> Outcome:
        """``outcome`` as applied when the zone already shows its effect, else unchanged."""
        operation = outcome.operation
        if operation.kind == "delete":
            return (
                outcome
                if operation.existing.id in self.ids
                else Outcome(APPLIED, operation)
            )
        found = self.by_value.get(dataclasses.replace(operation.written, id=None))
        if found is None and operation.kind == "edit":
            found = self.kept_ids.get(operation.existing.id)
        if found is None and operation.kind == "create":
            found = self.kept_keys.get(operation.written.key)
        if found is None:
            return outcome
        return Outcome(APPLIED, dataclasses.replace(operation, after=found))


def _change_key(operation: Operation) -> tuple:
    """What identifies a change across rounds: the record a delete or an edit touches, the record a create makes."""
    if operation.kind == "create":
        return ("create",) + operation.written.key
    return (operation.kind, operation.existing.id)


def _settle(outcome: Outcome, zone: _ZoneIndex, latest: dict) -> Outcome:
    """``outcome`` after a new round: applied if the zone shows it, else what the round made of it (the last cause)."""
    resolved = zone.resolve(outcome)
    if resolved.status == APPLIED:
        return resolved
    newer = latest.get(_change_key(outcome.operation))
    if newer is None:
        return outcome
    return dataclasses.replace(newer, operation=outcome.operation)


def _write_options(params: dict) -> WriteOptions:
    return WriteOptions(
        concurrency=params["concurrency"], batch_size=params.get("batch_size")
    )


def _retry_rounds(
    api, zone: str, entries, params: dict, outcomes: list[Outcome]
) -> list[Outcome]:
    """After errors a round may cure, read the zone again, write what is still missing, and resolve ``outcomes``.

    Each round plans afresh from a new read, so a write that was applied although its answer
    was lost is not repeated; a change of ``outcomes`` counts as applied once the zone shows it,
    and a change still pending carries the outcome and error of the last round that tried it.
    """
    for dummy in range(api.capabilities.write_rounds - 1):
        pending = [outcome for outcome in outcomes if outcome.status != APPLIED]
        if not pending or any(
            outcome.status == FAILED and not outcome.retry_round for outcome in pending
        ):
            break
        try:
            current = api.load_records(zone)
            rest = plan_zone(current, entries, params["prune"], api.capabilities)
        except CloudflareError:
            break
        deletes = sum(
            1
            for outcome in outcomes
            if outcome.status == APPLIED and outcome.operation.kind == "delete"
        )
        if deletes + rest.count("delete") > params["max_deletes"]:
            break
        later = (
            api.apply_changes(
                zone, api.write_order(rest.operations), _write_options(params)
            )
            if rest.operations
            else []
        )
        index = _ZoneIndex(_zone_after(current, later), rest.kept)
        latest = {_change_key(outcome.operation): outcome for outcome in later}
        outcomes = [
            outcome if outcome.status == APPLIED else _settle(outcome, index, latest)
            for outcome in outcomes
        ]
    return _settle_lost_answers(api, zone, entries, params, outcomes)


def _settle_lost_answers(
    api, zone: str, entries, params: dict, outcomes: list[Outcome]
) -> list[Outcome]:
    """One more read, and no write, when the last round lost answers: the zone tells whether those writes were applied."""
    if not any(
        outcome.status != APPLIED and outcome.maybe_applied for outcome in outcomes
    ):
        return outcomes
    try:
        current = api.load_records(zone)
        kept = plan_zone(current, entries, params["prune"], api.capabilities).kept
    except CloudflareError:
        return outcomes
    index = _ZoneIndex({record.id: record for record in current}, kept)
    return [
        outcome if outcome.status == APPLIED else _settle(outcome, index, {})
        for outcome in outcomes
    ]


def _result(zone: str, plan, outcomes: list[Outcome], diff: bool) -> dict:
    done = [
        outcome.operation
        for outcome in outcomes
        if outcome.status in (APPLIED, PLANNED)
    ]
    counts = dict.fromkeys(COUNT_NAMES.values(), 0)
    for operation in done:
        counts[COUNT_NAMES[operation.kind]] += 1
    result = {
        "changed": bool(done),
        "zone": zone,
        "unchanged": plan.unchanged,
        "plan": [
            change_result(outcome.operation, outcome.status, outcome.error)
            for outcome in outcomes
        ],
    }
    result.update(counts)
    if diff:
        result["diff"] = records_diff(done, plan.kept) + [
            summary_diff(zone, counts, plan.unchanged)
        ]
    return result


def _failure_message(outcomes: list[Outcome]) -> str:
    failed = [outcome for outcome in outcomes if outcome.status == FAILED]
    skipped = [outcome for outcome in outcomes if outcome.status == NOT_ATTEMPTED]
    applied = sum(1 for outcome in outcomes if outcome.status == APPLIED)
    unapplied = failed + skipped
    errors = "; ".join(
        f"{describe_operation(outcome.operation)}: {shorten(outcome.error or 'no error recorded', _ERROR_TEXT_LENGTH)}"
        for outcome in unapplied[:_ERRORS_IN_MESSAGE]
    )
    more = (
        f" (and {len(unapplied) - _ERRORS_IN_MESSAGE} more)"
        if len(unapplied) > _ERRORS_IN_MESSAGE
        else ""
    )
    if all(outcome.retry_round for outcome in failed):
        next_step = "running the task again reads the zone afresh and completes it"
    else:
        next_step = "running the task again does not cure an error about a record: fix what it names first"
    return (
        f"{len(failed)} of {len(outcomes)} changes failed, {len(skipped)} not attempted, {applied} applied; "
        f"the plan lists each with its outcome and last error, and {next_step}. Errors: {errors}{more}"
    )


def _delete_limit_message(operations, max_deletes: int) -> str:
    doomed = [
        operation.before for operation in operations if operation.kind == "delete"
    ]
    named = ", ".join(describe(record) for record in doomed[:_DELETES_IN_MESSAGE])
    more = (
        f" and {len(doomed) - _DELETES_IN_MESSAGE} more"
        if len(doomed) > _DELETES_IN_MESSAGE
        else ""
    )
    return (
        f"the plan deletes {plural(len(doomed), 'record')}, more than max_deletes ({max_deletes}) allows, so "
        f"nothing was changed: {named}{more}. Check the records list (with prune, a record missing from it is "
        f"deleted), or set max_deletes to {len(doomed)} or more if these deletes are wanted"
    )


def ensure_records(api, task) -> dict:
    """Validate everything, read the zone once, plan, check max_deletes, write unless in check mode."""
    api.require("records")
    api.require("zone_records")
    params = task.params
    zone, entries = _read_task(params, api.capabilities)
    plan = plan_zone(api.load_records(zone), entries, params["prune"], api.capabilities)
    operations = api.write_order(plan.operations)
    options = _write_options(params)
    planned_calls = api.api_calls + (
        api.write_calls(zone, operations, options) if operations else 0
    )
    warnings = [
        f"{entry.label}: {text}"
        for entry in entries
        if entry.state == "present"
        for text in record_warnings(entry.record)
    ]

    def result(outcomes: list[Outcome]) -> dict:
        return dict(
            _result(zone, plan, outcomes, task.diff),
            api_calls_planned=planned_calls,
            warnings=warnings,
        )

    if plan.count("delete") > params["max_deletes"]:
        raise DeleteLimitError(
            _delete_limit_message(operations, params["max_deletes"]),
            result([Outcome(NOT_ATTEMPTED, operation) for operation in operations]),
        )
    if task.check_mode:
        return result([Outcome(PLANNED, operation) for operation in operations])
    if not operations:
        # Nothing to write: no call (a batch backend would otherwise send an empty batch).
        return result([])
    outcomes = api.apply_changes(zone, operations, options)
    outcomes = _retry_rounds(api, zone, entries, params, outcomes)
    if any(outcome.status != APPLIED for outcome in outcomes):
        raise PartialFailureError(_failure_message(outcomes), result(outcomes))
    return result(outcomes)
