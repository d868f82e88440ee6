# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Reading a zone's records and carrying out record plans through ``V1Client.call``."""

from __future__ import annotations

import dataclasses

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    OutcomeUnknownError,
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import Operation, Plan, Record, describe
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_v1 import (
    delete_params,
    edit_params,
    new_params,
    record_from_v1,
    record_obj,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

CREATE_ATTEMPTS = 2


def load_zone_records(client, zone: str) -> list[Record]:
    """Every record of ``zone`` (all ``rec_load_all`` pages), normalised."""
    try:
        objs = client.load_records(zone)
    except ZoneNotFoundError as exc:
        raise ZoneNotFoundError.in_account(zone, action=exc.action, err_code=exc.err_code,
                                           attempts=exc.attempts) from None
    return [record_from_v1(obj) for obj in objs]


def _edit(client, zone: str, record: Record) -> Record:
    return record_from_v1(record_obj(client.call("rec_edit", edit_params(zone, record))))


def _find(client, zone: str, record: Record) -> Record | None:
    wanted = (record.name, record.type, record.content)
    return next((found for found in load_zone_records(client, zone)
                 if (found.name, found.type, found.content) == wanted), None)


def _create(client, zone: str, record: Record) -> Record:
    """``rec_new``, then ``rec_edit`` when the record the API holds differs from ``record``.

    rec_new always creates a DNS-only record, so a proxied create takes the rec_edit too. When
    a rec_new gets no usable answer it may still have been applied, so the zone is read again:
    a record that is now there is adopted; only when it is not is rec_new sent again, at most
    CREATE_ATTEMPTS times in all. A rec_new refused because the record exists (another writer,
    or an earlier run that was cut off, made it) adopts it the same way. A duplicate is never
    created, and the adopted record gets the attributes of ``record``.
    """
    created = None
    lost = None
    for dummy in range(CREATE_ATTEMPTS):
        try:
            created = record_from_v1(record_obj(client.call("rec_new", new_params(zone, record))))
        except OutcomeUnknownError as exc:
            lost = exc
            created = _find(client, zone, record)
        except RecordExistsError:
            created = _find(client, zone, record)
            if created is None:
                raise
        if created is not None:
            break
    if created is None:
        raise TransportError(
            f"{describe(record)} was not created: rec_new got no usable answer {plural(CREATE_ATTEMPTS, 'time')} "
            f"(last: {lost.reason}), and the zone, read again after each, does not hold the record",
            status=lost.status, action="rec_new", attempts=CREATE_ATTEMPTS)
    wanted = dataclasses.replace(record, id=created.id)
    if (created.ttl, created.proxied, created.priority) != (wanted.ttl, wanted.proxied, wanted.priority):
        created = _edit(client, zone, wanted)
    return created


def apply_operation(client, zone: str, operation: Operation) -> Operation:
    """Carry out one operation; returns it with ``after`` as the API reports it."""
    if operation.kind == "create":
        return dataclasses.replace(operation, after=_create(client, zone, operation.after))
    if operation.kind == "edit":
        return dataclasses.replace(operation, after=_edit(client, zone, operation.after))
    try:
        client.call("rec_delete", delete_params(zone, operation.before))
    except RecordNotFoundError:
        # Gone already: deleted by an earlier attempt of this call or by someone else.
        pass
    return operation


def execute_plan(client, zone: str, plan: Plan) -> Plan:
    """Carry out every operation of ``plan`` in order; returns the plan as applied."""
    done = tuple(apply_operation(client, zone, operation) for operation in plan.operations)
    record = next((operation.after for operation in done if operation.kind != "delete"), plan.record)
    return dataclasses.replace(plan, operations=done, record=record)
