# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Planning a whole zone for cf_dns_records: many record entries, one read, one set of writes.

Pure (no HTTP). It keeps the one-record rules of ``_records`` (identity, omitted means
untouched, ``merge``, ``new_record``) and adds what only a list of records needs:

* entries that describe the same record twice are an error;
* a (name, type) group is *owned* when an entry of it has ``solo`` or the task prunes: the
  records of the group that no entry names are changed in place to what unmatched entries
  ask for, and the rest are deleted;
* with ``prune`` every (name, type) no entry names is deleted;
* the CNAME rule is judged on the zone as it will be after the plan, so a plan may replace
  the records of a name by a CNAME (and the other way round).

The order in which the writes are carried out is the backend's business (see
``CloudflareAPI.apply_changes``): v1 sends them one by one in steps, v4 in batches.

Everything is indexed by (name, type) or by name, so a plan costs linear time in the number
of records and entries.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
    conflict_problems,
    describe,
    edit_problems,
    merge,
    new_record,
    read_record,
)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One item of ``records``: the record it describes, its state and solo flag, and its index in the list."""

    index: int
    record: Record
    state: str = "present"
    solo: bool = False

    @property
    def group(self) -> tuple:
        return (self.record.name, self.record.type)

    @property
    def removes_all(self) -> bool:
        """Whether the entry removes every record of its name and type (absent without content, or solo)."""
        return self.state == "absent" and (self.solo or self.record.content is None)

    @property
    def label(self) -> str:
        return f"records[{self.index}]"


@dataclasses.dataclass(frozen=True)
class ZonePlan:
    """The writes a task needs, and the records present entries found as they asked."""

    operations: tuple
    kept: tuple = ()

    @property
    def unchanged(self) -> int:
        """How many present entries needed no write."""
        return len(self.kept)

    def count(self, kind: str) -> int:
        return sum(1 for operation in self.operations if operation.kind == kind)


def read_entries(zone: str, items: list, caps) -> list[Entry]:
    """Turn the ``records`` option into entries, validating them all.

    ``zone`` must be normalised, ``caps`` the backend's Capabilities; each item holds the
    per-record options plus ``state`` and ``solo``. Raises ValidationError listing every problem, each prefixed with its item's
    place in the list (``records[3]: ...``), before any API call.
    """
    problems: list[str] = []
    entries = []
    for index, item in enumerate(items):
        state = item.get("state") or "present"
        try:
            record = read_record(zone, item, caps, state)
        except ValidationError as error:
            problems.extend(
                f"records[{index}]: {problem}" for problem in error.problems
            )
            continue
        entries.append(
            Entry(index=index, record=record, state=state, solo=bool(item.get("solo")))
        )
    problems.extend(_duplicate_problems(entries))
    if problems:
        raise ValidationError(problems=problems)
    return entries


def _duplicate_problems(entries: list[Entry]) -> list[str]:
    """Entries that describe one record twice, and entries beside one that removes their whole (name, type)."""
    problems: list[str] = []
    first: dict[tuple, Entry] = {}
    groups = collections.defaultdict(list)
    for entry in entries:
        identity = ("every",) + entry.group if entry.removes_all else entry.record.key
        if identity in first:
            problems.append(
                f"{entry.label}: describes the same record as {first[identity].label} "
                f"({describe(entry.record)}); give each record once"
            )
        else:
            first[identity] = entry
        groups[entry.group].append(entry)
    for members in groups.values():
        remover = next((entry for entry in members if entry.removes_all), None)
        if remover is None:
            continue
        for entry in members:
            if not entry.removes_all:
                problems.append(
                    f"{entry.label}: {remover.label} removes every {entry.record.type} record of "
                    f"{entry.record.name}, so it cannot also ask for {describe(entry.record)}"
                )
    return problems


def plan_zone(
    current, entries: list[Entry], prune: bool = False, caps=None
) -> ZonePlan:
    """The writes that bring the zone's records ``current`` to what ``entries`` ask for.

    Present entries are matched to records by identity and edited in place when an attribute
    differs, or created. Absent entries delete what they name. In an owned group (an entry
    with ``solo``, or ``prune``) unmatched records are reused in place for unmatched entries,
    in zone order, and the rest deleted. With ``prune`` every (name, type) no entry names is
    deleted. ``caps``, the backend's Capabilities, adds its rules as ``plan_record`` takes
    them: a proxied record's TTL, and what a created record holds for the attributes its entry
    leaves out. Raises ValidationError listing the problems only the zone shows (a CNAME beside
    other records after the plan, an MX or SRV create without priority).
    """
    by_group = collections.defaultdict(list)
    for record in current:
        by_group[(record.name, record.type)].append(record)
    entry_groups = collections.defaultdict(list)
    for entry in entries:
        entry_groups[entry.group].append(entry)

    operations: list[Operation] = []
    problems: list[str] = []
    kept: list[Record] = []
    for group, members in entry_groups.items():
        owned = prune or any(
            entry.solo and entry.state == "present" for entry in members
        )
        kept.extend(
            _plan_group(
                by_group.get(group, ()), members, owned, caps, operations, problems
            )
        )
    if prune:
        for group, records in by_group.items():
            if group not in entry_groups:
                operations.extend(
                    Operation("delete", record, None) for record in records
                )
    problems.extend(_conflicts(current, entries, operations))
    if problems:
        raise ValidationError(problems=problems)
    return ZonePlan(operations=tuple(operations), kept=tuple(kept))


def _plan_group(
    existing, members: list[Entry], owned: bool, caps, operations: list, problems: list
) -> list[Record]:
    """Plan one (name, type) group into ``operations``; returns the records present entries found as they asked."""
    by_key = collections.defaultdict(list)
    for record in existing:
        by_key[record.key].append(record)
    taken = set()

    for entry in members:
        if entry.state != "absent":
            continue
        doomed = (
            existing
            if entry.removes_all
            else [
                record
                for record in by_key.get(entry.record.key, ())
                if record.content == entry.record.content
            ]
        )
        for record in doomed:
            if record.id not in taken:
                taken.add(record.id)
                operations.append(Operation("delete", record, None))

    kept = []
    unmatched = []
    for entry in members:
        if entry.state == "absent":
            continue
        candidates = [
            record
            for record in by_key.get(entry.record.key, ())
            if record.id not in taken
        ]
        if not candidates:
            unmatched.append(entry)
            continue
        match = next(
            (record for record in candidates if record.content == entry.record.content),
            candidates[0],
        )
        taken.add(match.id)
        after = merge(match, entry.record, caps)
        if after == match:
            kept.append(match)
        else:
            _edit(entry, match, after, caps, operations, problems)

    to_create = unmatched
    if owned:
        leftover = [record for record in existing if record.id not in taken]
        for entry, record in zip(unmatched, leftover, strict=False):
            _edit(
                entry,
                record,
                merge(record, entry.record, caps),
                caps,
                operations,
                problems,
            )
        operations.extend(
            Operation("delete", record, None) for record in leftover[len(unmatched) :]
        )
        to_create = unmatched[len(leftover) :]
    for entry in to_create:
        created, create_problems = new_record(
            entry.record, caps.record_attributes if caps else frozenset()
        )
        problems.extend(f"{entry.label}: {problem}" for problem in create_problems)
        if created is not None:
            operations.append(Operation("create", None, created))
    return kept


def _edit(
    entry: Entry, before: Record, after: Record, caps, operations: list, problems: list
) -> None:
    proxied_ttl = caps.proxied_ttl if caps else None
    problems.extend(
        f"{entry.label}: {problem}"
        for problem in edit_problems(after, entry.record, proxied_ttl)
    )
    operations.append(Operation("edit", before, after))


def _conflicts(current, entries: list[Entry], operations: list[Operation]) -> list[str]:
    """CNAME problems of the zone as it will be after ``operations``, for the names present entries use.

    The rule only looks at types, so one record per (name, type) stands for all of them.
    """
    names = {entry.record.name for entry in entries if entry.state == "present"}
    deleted = {
        operation.existing.id for operation in operations if operation.kind == "delete"
    }
    final: dict[str, dict[str, Record]] = collections.defaultdict(dict)
    for record in itertools.chain(
        current,
        (operation.written for operation in operations if operation.kind == "create"),
    ):
        if record.name in names and record.id not in deleted:
            final[record.name].setdefault(record.type, record)
    problems: list[str] = []
    for entry in entries:
        if entry.state == "present":
            others = final[entry.record.name].values()
            problems.extend(
                f"{entry.label}: {problem}"
                for problem in conflict_problems(others, entry.record)
            )
    return problems
