# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Record writes on v1: one call per write, and the order a zone plan's writes need.

v1 has one call per record change and no transaction, so a zone plan is carried out in
steps: first the deletes that make room (records beside a CNAME to come, or a CNAME where
others come), then the creates and edits, last the other deletes, once what replaces them
exists. The zone never holds a CNAME beside other records, and a record goes only after its
replacement is there. Within a step the writes run concurrently.
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import itertools
import threading

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    APPLIED,
    FAILED,
    NOT_ATTEMPTED,
    Outcome,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    CloudflareError,
    RecordNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
    describe_operation,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import shorten
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.records import (
    delete_params,
    edit_params,
    new_params,
    record_from_v1,
    record_obj,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._writes import (
    create_or_adopt,
)

# The steps of a zone plan. A step starts only when every write of the steps before it succeeded.
STEP_CLEAR = 0  # deletes that make room: records beside a CNAME to come, or a CNAME where others come
STEP_WRITE = 1  # creates and edits
STEP_DELETE = 2  # every other delete, once what replaces it exists

_ERROR_TEXT_LENGTH = 300


class RecordWriter:
    """The record writes of one zone through a V1Client; ``load`` reads the zone again (to adopt a record)."""

    def __init__(self, client, zone: str, load) -> None:
        self.client = client
        self.zone = zone
        self.load = load

    def apply(self, operation: Operation) -> Operation:
        """Carry out one operation; returns it with ``after`` as the API reports it."""
        if operation.kind == "create":
            return dataclasses.replace(operation, after=self._create(operation.written))
        if operation.kind == "edit":
            return dataclasses.replace(operation, after=self._edit(operation.written))
        try:
            self.client.call("rec_delete", delete_params(self.zone, operation.existing))
        except RecordNotFoundError:
            # Gone already: deleted by an earlier attempt of this call or by someone else.
            pass
        return operation

    def _edit(self, record: Record) -> Record:
        return record_from_v1(
            record_obj(self.client.call("rec_edit", edit_params(self.zone, record)))
        )

    def _find(self, record: Record) -> Record | None:
        wanted = (record.name, record.type, record.content)
        return next(
            (
                found
                for found in self.load(self.zone)
                if (found.name, found.type, found.content) == wanted
            ),
            None,
        )

    def _create(self, record: Record) -> Record:
        """``rec_new``, then ``rec_edit`` when the record the API holds differs from ``record``.

        rec_new always creates a DNS-only record, so a proxied create takes the rec_edit too.
        A lost answer or an "already exists" adopts the record found on a re-read of the zone
        (``create_or_adopt``), and the adopted record gets the attributes of ``record``.
        """
        created = create_or_adopt(
            record,
            lambda: record_from_v1(
                record_obj(self.client.call("rec_new", new_params(self.zone, record)))
            ),
            self._find,
            "rec_new",
        )
        wanted = dataclasses.replace(record, id=created.id)
        if (created.ttl, created.proxied, created.priority) != (
            wanted.ttl,
            wanted.proxied,
            wanted.priority,
        ):
            created = self._edit(wanted)
        return created

    def apply_changes(self, operations, concurrency: int) -> list[Outcome]:
        """Carry out ``operations`` step by step, up to ``concurrency`` writes at a time; one Outcome each, in order.

        A step starts only when every write of the steps before succeeded; otherwise its writes
        are not attempted. Within a step a failed write does not stop the others, unless its
        error stops writes (authentication, rate limit, transport after retries, the
        controller gone): then no new write is started. A write not attempted says in its error
        what stopped it. The writers share one ``requests`` session, whose connection pool is
        thread-safe; the session is never reconfigured once writes start.
        """
        operations = list(operations)
        steps = write_steps(operations)
        order = sorted(range(len(operations)), key=lambda index: steps[index])
        outcomes: list = [None] * len(operations)
        stopped_by: list[str] = []
        lock = threading.Lock()

        def stop(cause: str) -> None:
            with lock:
                if not stopped_by:
                    stopped_by.append(cause)

        def write(index: int) -> Outcome:
            operation = operations[index]
            if stopped_by:
                return Outcome(
                    NOT_ATTEMPTED, operation, f"not attempted: {stopped_by[0]}"
                )
            try:
                return Outcome(APPLIED, self.apply(operation))
            except CloudflareError as error:
                if error.stops_writes:
                    stop(
                        f"{describe_operation(operation)} failed first: {shorten(str(error), _ERROR_TEXT_LENGTH)}"
                    )
                return Outcome(FAILED, operation, str(error), error.retry_round)

        with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
            for dummy, grouped in itertools.groupby(
                order, key=lambda index: steps[index]
            ):
                step = list(grouped)
                failed = next(
                    (
                        outcome
                        for outcome in outcomes
                        if outcome is not None and outcome.status != APPLIED
                    ),
                    None,
                )
                if failed is not None:
                    stop(
                        f"it waits for {describe_operation(failed.operation)}, which was not applied"
                    )
                for index, outcome in zip(step, pool.map(write, step), strict=True):
                    outcomes[index] = outcome
        return outcomes


def write_steps(operations: list[Operation]) -> list[int]:
    """The step of each operation (see STEP_CLEAR, STEP_WRITE, STEP_DELETE)."""
    created_kinds = collections.defaultdict(set)
    for operation in operations:
        if operation.kind == "create":
            created_kinds[operation.written.name].add(operation.written.type == "CNAME")

    def step(operation: Operation) -> int:
        if operation.kind != "delete":
            return STEP_WRITE
        is_cname = operation.existing.type == "CNAME"
        if any(
            kind != is_cname for kind in created_kinds.get(operation.existing.name, ())
        ):
            return STEP_CLEAR
        return STEP_DELETE

    return [step(operation) for operation in operations]
