# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What the cf_dns_records module does: validate, read the zone once, plan, write concurrently, report."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import itertools
import threading

from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AbandonedError,
    AuthError,
    CloudflareError,
    OutcomeUnknownError,
    RateLimitError,
    TransportError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_diff import records_diff, summary_diff
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import (
    Operation,
    RecordProblem,
    describe,
    normalize_zone,
    record_warnings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_bulk import (
    ACTION_NAMES,
    APPLIED,
    FAILED,
    NOT_ATTEMPTED,
    PLANNED,
    change_result,
    plan_zone,
    read_entries,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_module import record_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural, shorten
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_runner import (
    apply_operation,
    load_zone_records,
)

# The client's connection pool keeps 10 connections (the requests default), so up to 10 writers
# each reuse a connection; more would open and close one per call.
DEFAULT_CONCURRENCY = 10
MAX_CONCURRENCY = 10
DEFAULT_MAX_DELETES = 10

# The result's count of each operation kind.
COUNT_NAMES = {"create": "created", "edit": "updated", "delete": "deleted"}

# Errors that say the API or the connection is in trouble, not one record: once one of these
# ends a write, no new write is started (the ones under way finish).
_SYSTEMIC_ERRORS = (AbandonedError, AuthError, RateLimitError, TransportError)

_ERRORS_IN_MESSAGE = 3
_ERROR_TEXT_LENGTH = 300
_DELETES_IN_MESSAGE = 20

# Errors that may pass: a lost answer (OutcomeUnknownError), or faults or E_MAXAPI answers
# that outlasted the client's retries. After one of them the task reads the zone again and
# carries out what is still missing, in at most MAX_ROUNDS rounds of writes in all. The new
# read is what makes this safe: a create whose answer was lost is found there and adopted,
# never sent a second time.
_TRANSIENT_ERRORS = (RateLimitError, TransportError)
MAX_ROUNDS = 3


def dns_records_argument_spec() -> dict:
    entry = record_argument_spec()
    # Ignored: accepted so that what cf_dns_record_info returns can be given back as it is.
    entry["id"] = {"type": "str"}
    entry["solo"] = {"type": "bool", "default": False}
    entry["state"] = {"type": "str", "default": "present", "choices": ["present", "absent"]}
    spec = auth_argument_spec()
    spec.update(
        zone={"type": "str", "required": True, "aliases": ["domain"]},
        records={"type": "list", "elements": "dict", "required": True, "options": entry},
        prune={"type": "bool", "default": False},
        max_deletes={"type": "int", "default": DEFAULT_MAX_DELETES},
        concurrency={"type": "int", "default": DEFAULT_CONCURRENCY},
    )
    return spec


class BulkError(CloudflareError):
    """cf_dns_records could not carry out its whole plan; ``result`` is what the failed task reports."""

    def __init__(self, msg: str, result: dict) -> None:
        super().__init__(msg)
        self.result = result

    def details(self) -> dict:
        return dict(self.result)


class DeleteLimitError(BulkError):
    """The plan deletes more records than ``max_deletes`` allows; nothing was written."""


class PartialFailureError(BulkError):
    """Some writes failed (or were not attempted after a failure); the others were applied."""


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What became of one change: its status, the operation as applied (or as planned) and the error."""

    status: str
    operation: Operation
    error: str | None = None
    transient: bool = False


def _zone(value: str) -> str:
    try:
        return normalize_zone(value)
    except RecordProblem as problem:
        raise ValidationError(problems=[str(problem)]) from None


def _option_problems(params: dict) -> list[str]:
    problems = []
    if not 1 <= params["concurrency"] <= MAX_CONCURRENCY:
        problems.append(f"concurrency {params['concurrency']} is outside 1-{MAX_CONCURRENCY}")
    if params["max_deletes"] < 0:
        problems.append(f"max_deletes {params['max_deletes']} is negative; use 0 to allow no delete")
    return problems


def _read_task(params: dict) -> tuple[str, list]:
    """The normalised zone and the entries; every problem of the options is reported at once."""
    problems = _option_problems(params)
    zone = entries = None
    try:
        zone = _zone(params["zone"])
    except ValidationError as error:
        problems.extend(error.problems)
    if zone is not None:
        try:
            entries = read_entries(zone, params["records"])
        except ValidationError as error:
            problems.extend(error.problems)
    if problems:
        raise ValidationError(problems=problems)
    return zone, entries


def execute_changes(client, zone: str, changes, concurrency: int) -> list[Outcome]:
    """Carry out ``changes`` step by step, up to ``concurrency`` writes at a time, sharing ``client``.

    A step starts only when every write of the steps before succeeded; otherwise its writes
    are not attempted. Within a step a failed write does not stop the others, unless its
    error is systemic (authentication, rate limit, transport after retries): then no new
    write is started. A write not attempted says in its error what stopped it.

    The writers share one ``requests`` session, whose connection pool is thread-safe; requests
    does not promise more than that, and the session is never reconfigured once writes start.
    """
    outcomes: list = [None] * len(changes)
    stopped_by: list[str] = []
    lock = threading.Lock()

    def stop(cause: str) -> None:
        with lock:
            if not stopped_by:
                stopped_by.append(cause)

    def apply(index: int) -> Outcome:
        operation = changes[index].operation
        if stopped_by:
            return Outcome(NOT_ATTEMPTED, operation, f"not attempted: {stopped_by[0]}")
        try:
            return Outcome(APPLIED, apply_operation(client, zone, operation))
        except CloudflareError as error:
            # A lost answer is about this one write (the API did take the request), not a sign of trouble.
            if isinstance(error, _SYSTEMIC_ERRORS) and not isinstance(error, OutcomeUnknownError):
                stop(f"{_doing(operation)} failed first: {shorten(str(error), _ERROR_TEXT_LENGTH)}")
            return Outcome(FAILED, operation, str(error), isinstance(error, _TRANSIENT_ERRORS))

    steps = itertools.groupby(range(len(changes)), key=lambda index: changes[index].step)
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        for dummy, step_indexes in steps:
            step_indexes = list(step_indexes)
            failed = next((outcome for outcome in outcomes if outcome is not None and outcome.status != APPLIED), None)
            if failed is not None:
                stop(f"it waits for {_doing(failed.operation)}, which was not applied")
            for index, outcome in zip(step_indexes, pool.map(apply, step_indexes)):
                outcomes[index] = outcome
    return outcomes


def _doing(operation: Operation) -> str:
    return f"{ACTION_NAMES[operation.kind]} {describe(operation.before or operation.after)}"


def _zone_after(current, outcomes: list[Outcome]) -> dict:
    """The zone's records by id: ``current`` with the applied operations of ``outcomes`` carried out."""
    records = {record.id: record for record in current}
    for outcome in outcomes:
        if outcome.status != APPLIED:
            continue
        operation = outcome.operation
        if operation.kind == "delete":
            records.pop(operation.before.id, None)
        else:
            records[operation.after.id] = operation.after
    return records


class _ZoneIndex:
    """The zone's records by id and by everything but the id, so each pending change resolves in constant time."""

    def __init__(self, records: dict) -> None:
        self.ids = records
        self.by_value = {dataclasses.replace(record, id=None): record for record in records.values()}

    def resolve(self, outcome: Outcome) -> Outcome:
        """``outcome`` as applied when the zone already shows its effect, else unchanged."""
        operation = outcome.operation
        if operation.kind == "delete":
            return outcome if operation.before.id in self.ids else Outcome(APPLIED, operation)
        found = self.by_value.get(dataclasses.replace(operation.after, id=None))
        if found is None:
            return outcome
        return Outcome(APPLIED, dataclasses.replace(operation, after=found))


def _change_key(operation: Operation) -> tuple:
    """What identifies a change across rounds: the record a delete or an edit touches, the record a create makes."""
    if operation.kind == "create":
        return ("create",) + operation.after.key
    return (operation.kind, operation.before.id)


def _settle(outcome: Outcome, zone: _ZoneIndex, latest: dict) -> Outcome:
    """``outcome`` after a new round: applied if the zone shows it, else what the round made of it (the last cause)."""
    resolved = zone.resolve(outcome)
    if resolved.status == APPLIED:
        return resolved
    newer = latest.get(_change_key(outcome.operation))
    if newer is None:
        return outcome
    return Outcome(newer.status, outcome.operation, newer.error, newer.transient)


def _retry_rounds(client, zone: str, entries, params: dict, outcomes: list[Outcome]) -> list[Outcome]:
    """After transient failures, read the zone again, write what is still missing, and resolve ``outcomes``.

    Each round plans afresh from a new read, so a write that was applied although its answer
    was lost is not repeated; a change of ``outcomes`` counts as applied once the zone shows it,
    and a change still pending carries the outcome and error of the last round that tried it.
    """
    for dummy in range(MAX_ROUNDS - 1):
        pending = [outcome for outcome in outcomes if outcome.status != APPLIED]
        if not pending or any(outcome.status == FAILED and not outcome.transient for outcome in pending):
            break
        try:
            current = load_zone_records(client, zone)
            rest = plan_zone(current, entries, params["prune"])
        except CloudflareError:
            break
        deletes = sum(1 for outcome in outcomes if outcome.status == APPLIED and outcome.operation.kind == "delete")
        if deletes + rest.count("delete") > params["max_deletes"]:
            break
        later = execute_changes(client, zone, rest.changes, params["concurrency"])
        index = _ZoneIndex(_zone_after(current, later))
        latest = {_change_key(outcome.operation): outcome for outcome in later}
        outcomes = [outcome if outcome.status == APPLIED else _settle(outcome, index, latest) for outcome in outcomes]
    return outcomes


def _result(zone: str, plan, outcomes: list[Outcome], client, diff: bool) -> dict:
    done = [outcome.operation for outcome in outcomes if outcome.status in (APPLIED, PLANNED)]
    counts = dict.fromkeys(COUNT_NAMES.values(), 0)
    for operation in done:
        counts[COUNT_NAMES[operation.kind]] += 1
    result = {
        "changed": bool(done),
        "zone": zone,
        "unchanged": plan.unchanged,
        "plan": [change_result(outcome.operation, outcome.status, outcome.error) for outcome in outcomes],
        "api_calls": client.api_calls,
    }
    result.update(counts)
    if diff:
        result["diff"] = records_diff(done, plan.kept) + [summary_diff(zone, counts, plan.unchanged)]
    return result


def _failure_message(outcomes: list[Outcome]) -> str:
    failed = [outcome for outcome in outcomes if outcome.status == FAILED]
    skipped = [outcome for outcome in outcomes if outcome.status == NOT_ATTEMPTED]
    applied = sum(1 for outcome in outcomes if outcome.status == APPLIED)
    unapplied = failed + skipped
    errors = "; ".join(f"{_doing(outcome.operation)}: {shorten(outcome.error or 'no error recorded', _ERROR_TEXT_LENGTH)}"
                       for outcome in unapplied[:_ERRORS_IN_MESSAGE])
    more = f" (and {len(unapplied) - _ERRORS_IN_MESSAGE} more)" if len(unapplied) > _ERRORS_IN_MESSAGE else ""
    if all(outcome.transient for outcome in failed):
        next_step = "running the task again reads the zone afresh and completes it"
    else:
        next_step = "running the task again does not cure an error about a record: fix what it names first"
    return (f"{len(failed)} of {len(outcomes)} changes failed, {len(skipped)} not attempted, {applied} applied; "
            f"the plan lists each with its outcome and last error, and {next_step}. Errors: {errors}{more}")


def _delete_limit_message(plan, max_deletes: int) -> str:
    doomed = [change.operation.before for change in plan.changes if change.operation.kind == "delete"]
    named = ", ".join(describe(record) for record in doomed[:_DELETES_IN_MESSAGE])
    more = f" and {len(doomed) - _DELETES_IN_MESSAGE} more" if len(doomed) > _DELETES_IN_MESSAGE else ""
    return (f"the plan deletes {plural(len(doomed), 'record')}, more than max_deletes ({max_deletes}) allows, so "
            f"nothing was changed: {named}{more}. Check the records list (with prune, a record missing from it is "
            f"deleted), or set max_deletes to {len(doomed)} or more if these deletes are wanted")


def ensure_records(client, params: dict, check_mode: bool = False, diff: bool = False) -> dict:
    """cf_dns_records: validate everything, read the zone once, plan, check max_deletes, write unless in check mode."""
    zone, entries = _read_task(params)
    plan = plan_zone(load_zone_records(client, zone), entries, params["prune"])
    warnings = [f"{entry.label}: {text}" for entry in entries if entry.state == "present"
                for text in record_warnings(entry.record)]

    def result(outcomes: list[Outcome]) -> dict:
        return dict(_result(zone, plan, outcomes, client, diff), warnings=warnings)

    deletes = plan.count("delete")
    if deletes > params["max_deletes"]:
        raise DeleteLimitError(_delete_limit_message(plan, params["max_deletes"]),
                               result([Outcome(NOT_ATTEMPTED, change.operation) for change in plan.changes]))
    if check_mode:
        return result([Outcome(PLANNED, change.operation) for change in plan.changes])
    outcomes = execute_changes(client, zone, plan.changes, params["concurrency"])
    outcomes = _retry_rounds(client, zone, entries, params, outcomes)
    if any(outcome.status != APPLIED for outcome in outcomes):
        raise PartialFailureError(_failure_message(outcomes), result(outcomes))
    return result(outcomes)
