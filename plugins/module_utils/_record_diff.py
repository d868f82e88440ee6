# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Ansible's diff of record changes: one block per record name, one line per record.

Ansible renders each item of a diff list as its own unified diff, so a name's records never
run into the block of another name. A record is one line (type, content, then attributes), so
a created record is one ``+`` line, a deleted one one ``-`` line and a changed one a ``-``/``+``
pair. Ids are left out: check mode, which knows no id of a record to create, shows the same
diff as the real run.
"""

from __future__ import annotations

import collections
import json

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    PRIORITY_TYPES,
    PROXIABLE_TYPES,
)

_QUOTED_TYPES = ("TXT", "SPF")


def record_line(record) -> str:
    """One record as a diff line: ``A 203.0.113.5 ttl=1 proxied=false`` (text content quoted).

    A comment, tags and the settings that are on follow when the record has them.
    """
    content = (
        json.dumps(record.content, ensure_ascii=False)
        if record.type in _QUOTED_TYPES
        else record.content
    )
    parts = [record.type, content, f"ttl={record.ttl}"]
    if record.type in PROXIABLE_TYPES:
        parts.append(f"proxied={'true' if record.proxied else 'false'}")
    if record.type in PRIORITY_TYPES:
        parts.append(f"priority={record.priority}")
    if record.comment:
        parts.append(f"comment={json.dumps(record.comment, ensure_ascii=False)}")
    if record.tags:
        parts.append(f"tags={','.join(sorted(record.tags))}")
    if record.settings:
        parts.append(f"settings={','.join(sorted(record.settings))}")
    return " ".join(str(part) for part in parts)


def _text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in sorted(lines))


def records_diff(operations, kept=()) -> list[dict]:
    """The diff of ``operations`` (Operation objects), one item per record name, in DNS order.

    ``kept`` are records the task names and leaves as they are (the record a ``solo`` task
    keeps, say); those of a name with changes show on both sides of its block.
    """
    before = collections.defaultdict(list)
    after = collections.defaultdict(list)
    for operation in operations:
        if operation.before is not None:
            before[operation.before.name].append(record_line(operation.before))
        if operation.after is not None:
            after[operation.after.name].append(record_line(operation.after))
    for record in kept:
        if record.name in before or record.name in after:
            before[record.name].append(record_line(record))
            after[record.name].append(record_line(record))
    return [
        {
            "before_header": name,
            "after_header": name,
            "before": _text(before[name]),
            "after": _text(after[name]),
        }
        for name in sorted(set(before) | set(after), key=_dns_order)
    ]


def _dns_order(name: str) -> tuple:
    """Names in DNS order: the apex first, then each name after its parent (``example.com``, ``a.example.com``)."""
    return tuple(reversed(name.split(".")))


def summary_diff(zone: str, counts: dict, unchanged: int) -> dict:
    """A diff item that only says how many records each kind of change touches and how many stay as they are."""
    changes = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    return {"prepared": f"{zone}: {changes}; {unchanged} unchanged (not shown)\n"}
