# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""DNS records in normalised terms: the model, reading a task's record, identity and planning.

Everything here is pure (no HTTP, no API spellings), so every record module and every
backend share one set of rules; what a backend allows (types, TTL range, proxiable types)
comes from its Capabilities:

* A record is ``name`` (full, lower case, no trailing dot), ``type``, ``content``
  (normalised per type), ``ttl`` (1 = automatic), ``proxied`` and ``priority``.
* Identity is ``(name, type, content)``; a CNAME is identified by ``(name, type)``.
* Omitted means untouched: an attribute a task leaves as None keeps its current value.
* SRV records keep their fields in the name (``_service._proto.owner``) and content
  (``weight port target``), the way the API stores them.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_hostname,
    normalize_name,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_content import (
    content_text,
    is_ip_literal,
    is_routable,
    normalize_content,
    uint16,
    whole_number,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import (
    SHOWN_VALUE_LENGTH,
    shown,
)

PRIORITY_TYPES = ("MX", "SRV")
# CloudFlare proxies these types only, on every API.
PROXIABLE_TYPES = ("A", "AAAA", "CNAME")
SRV_PROTOCOLS = ("_tcp", "_udp", "_tls")
SRV_FIELDS = ("service", "proto", "weight", "port", "target")
AUTOMATIC_TTL = 1

_SRV_SERVICE_RE = re.compile(r"^_[a-z0-9][a-z0-9-]{0,62}$")


@dataclasses.dataclass(frozen=True)
class Record:
    """One DNS record in normalised terms.

    A record read from the API has every field set (``priority`` only for MX and SRV). In a
    record a task asks for, None means "not given": ``content`` None matches any content (only
    for state absent), and ``ttl``, ``proxied`` and ``priority`` None keep the current value.
    """

    name: str
    type: str
    content: str | None
    ttl: int | None = None
    proxied: bool | None = None
    priority: int | None = None
    id: str | None = None

    @property
    def key(self) -> tuple:
        """The identity: ``(name, type, content)``, or ``(name, type)`` for a CNAME."""
        if self.type == "CNAME":
            return (self.name, self.type)
        return (self.name, self.type, self.content)

    def srv_fields(self) -> dict:
        """``service``, ``proto``, ``weight``, ``port`` and ``target`` of an SRV record (None where unreadable)."""
        labels = self.name.split(".")
        data = (self.content or "").split()
        fields: dict[str, str | int | None] = {
            "service": labels[0] if len(labels) > 2 else None,
            "proto": labels[1] if len(labels) > 2 else None,
            "weight": None,
            "port": None,
            "target": None,
        }
        if len(data) == 3 and data[0].isdigit() and data[1].isdigit():
            fields.update(weight=int(data[0]), port=int(data[1]), target=data[2])
        return fields

    def to_dict(self) -> dict:
        """The record as modules return it (the same keys a task can set)."""
        result = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "content": self.content,
            "ttl": self.ttl,
            "proxied": self.proxied,
            "priority": self.priority,
        }
        if self.type == "SRV":
            result.update(self.srv_fields())
        return result


@dataclasses.dataclass(frozen=True)
class Operation:
    """One write: ``create`` (after only), ``edit`` (before and after, same id) or ``delete`` (before only)."""

    kind: str
    before: Record | None
    after: Record | None

    def __post_init__(self) -> None:
        if (self.before is not None, self.after is not None) != _OPERATION_SIDES[
            self.kind
        ]:
            raise ValueError(
                f"a {self.kind} operation needs {_OPERATION_SIDES_TEXT[self.kind]}"
            )

    @property
    def written(self) -> Record:
        """The record a create or an edit writes."""
        if self.after is None:
            raise ValueError(f"a {self.kind} operation writes no record")
        return self.after

    @property
    def existing(self) -> Record:
        """The record an edit or a delete changes."""
        if self.before is None:
            raise ValueError(f"a {self.kind} operation changes no existing record")
        return self.before

    @property
    def subject(self) -> Record:
        """The record the operation is named after: the one it changes, else the one it creates."""
        return self.before if self.before is not None else self.written


# Whether each operation kind has a record before and after it.
_OPERATION_SIDES = {
    "create": (False, True),
    "edit": (True, True),
    "delete": (True, False),
}
_OPERATION_SIDES_TEXT = {
    "create": "a record after only",
    "edit": "a record before and after",
    "delete": "a record before only",
}


@dataclasses.dataclass(frozen=True)
class Plan:
    """What a task needs: the writes, in order, and the record the task ends up with (None for absent).

    ``unchanged`` holds the record a task found as it wanted it, so a diff can show it on both sides.
    """

    operations: tuple
    record: Record | None
    unchanged: tuple = ()

    @property
    def changed(self) -> bool:
        return bool(self.operations)


def describe(record: Record) -> str:
    """A short human form of a record: ``www.example.com A 203.0.113.5`` (a CNAME by name and type)."""
    if record.type == "CNAME" or record.content is None:
        return f"{record.name} {record.type}"
    content = (
        record.content
        if len(record.content) <= SHOWN_VALUE_LENGTH
        else shown(record.content)
    )
    return f"{record.name} {record.type} {content}"


# What a plan calls each operation kind.
OPERATION_NAMES = {"create": "create", "edit": "update", "delete": "delete"}


def describe_operation(operation: Operation) -> str:
    """A short human form of an operation: ``update www.example.com A 203.0.113.5``."""
    return f"{OPERATION_NAMES[operation.kind]} {describe(operation.subject)}"


def _srv_label(value) -> str:
    label = str(value).strip().lower()
    return label if label.startswith("_") else "_" + label


class _Problems:
    """Collects problems; ``check`` runs a step and records its InputProblem instead of raising."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    def check(self, func, *args):
        try:
            return func(*args)
        except InputProblem as problem:
            self.add(str(problem))
            return None

    def check_content(self, name: str | None, func, *args):
        """``check`` for a problem of the content, which then names the record it is about."""
        try:
            return func(*args)
        except InputProblem as problem:
            self.add(f"{problem} (record {name})" if name else str(problem))
            return None


def read_record(zone: str, params: dict, caps, state: str = "present") -> Record:
    """Turn a task's record options into a Record, validating them all against the backend's ``caps``.

    ``zone`` must be normalised. ``params`` holds the per-record options (``name``, ``type``,
    ``content``, ``ttl``, ``proxied``, ``priority`` and the SRV fields; missing keys count as
    not given). Raises ValidationError listing every problem found.
    """
    problems = _Problems()
    rtype = str(params.get("type") or "").strip().upper()
    if rtype not in caps.record_types:
        problems.add(
            f"type {params.get('type')!r} is not one of {', '.join(caps.record_types)}"
        )
        raise ValidationError(problems=problems.items)
    raw_name = params.get("name")
    name = problems.check(
        normalize_name, "@" if raw_name is None else str(raw_name), zone
    )
    raw_content = problems.check_content(name, content_text, params.get("content"))
    content = None

    if rtype == "SRV":
        name, content = _read_srv(
            zone, name, dict(params, content=raw_content), state, problems
        )
    else:
        given = [field for field in SRV_FIELDS if params.get(field) is not None]
        if given:
            problems.add(
                f"the SRV options {', '.join(given)} do not apply to {rtype} records"
            )
        if raw_content:
            content = problems.check_content(
                name, normalize_content, rtype, raw_content
            )
        elif state == "present" and params.get("content") in (None, ""):
            problems.add(f"content is required for {rtype} records with state present")
    if rtype == "CNAME" and content is not None and content == name:
        problems.add(
            f"the CNAME {name} points at itself, which no resolver can ever answer"
        )

    ttl = params.get("ttl")
    if ttl is not None:
        ttl = problems.check(_ttl, ttl, caps)
    proxied = params.get("proxied")
    if proxied:
        if rtype not in caps.proxiable_types:
            problems.add(
                f"proxied: true is only possible for {', '.join(caps.proxiable_types)} records, "
                f"not for {rtype}"
            )
        elif (
            rtype != "CNAME"
            and content is not None
            and not is_routable(ipaddress.ip_address(content))
        ):
            problems.add(
                f"proxied: true is not possible for {content}: CloudFlare only proxies public addresses"
            )
    priority = params.get("priority")
    if priority is not None:
        if rtype not in PRIORITY_TYPES:
            problems.add(
                f"priority only applies to {' and '.join(PRIORITY_TYPES)} records, not to {rtype}"
            )
        priority = problems.check(uint16, priority, "priority")

    if problems.items:
        raise ValidationError(problems=problems.items)
    return Record(
        name=name,
        type=rtype,
        content=content,
        ttl=ttl,
        proxied=None if proxied is None else bool(proxied),
        priority=priority,
    )


def _ttl(value, caps) -> int:
    ttl = whole_number(value, "ttl")
    if ttl != AUTOMATIC_TTL and not caps.ttl_min <= ttl <= caps.ttl_max:
        raise InputProblem(
            f"ttl {ttl} is outside the allowed values: 1 (automatic) or {caps.ttl_min}-{caps.ttl_max}"
        )
    return ttl


def _read_srv(
    zone: str, owner: str | None, params: dict, state: str, problems: _Problems
) -> tuple:
    """Name and content of an SRV record from its fields, its name and its content.

    ``service`` and ``proto`` may also come from a name that already starts with them, and
    ``weight``, ``port``, ``target`` from ``content`` (``weight port target``), so a record
    returned by the modules can be fed back as it is.
    """
    fields = {field: params.get(field) for field in SRV_FIELDS}
    labels = owner.split(".") if owner else []
    named = len(labels) > 2 and labels[0].startswith("_") and labels[1] in SRV_PROTOCOLS
    service = proto = None
    if fields["service"] is not None:
        service = _srv_label(fields["service"])
        if not _SRV_SERVICE_RE.match(service):
            problems.add(
                f"service {fields['service']!r} is not a service label such as _sip"
            )
    if fields["proto"] is not None:
        proto = _srv_label(fields["proto"])
        if proto not in SRV_PROTOCOLS:
            problems.add(
                f"proto {fields['proto']!r} is not one of {', '.join(SRV_PROTOCOLS)}"
            )
    name = None
    if owner is not None:
        if (
            named
            and (service or labels[0]) == labels[0]
            and (proto or labels[1]) == labels[1]
        ):
            name = owner
        elif named:
            problems.add(
                f"name {owner!r} already names the service {labels[0]}.{labels[1]}, "
                f"but service and proto say {service}.{proto}"
            )
        elif service and proto:
            name = f"{service}.{proto}.{owner}"
        else:
            problems.add(
                "an SRV record needs service and proto (or a name starting with _service._proto)"
            )

    content = None
    raw_content = params.get("content")
    if raw_content is not None and str(raw_content) != "":
        content = problems.check(normalize_content, "SRV", str(raw_content))
    data = [fields["weight"], fields["port"], fields["target"]]
    if all(value is not None for value in data):
        weight = problems.check(uint16, data[0], "weight")
        port = problems.check(uint16, data[1], "port")
        target = problems.check(normalize_hostname, str(data[2]), "target")
        if None not in (weight, port, target):
            from_fields = f"{weight} {port} {target}"
            if content is not None and content != from_fields:
                problems.add(
                    f"content {raw_content!r} disagrees with weight, port and target ({from_fields})"
                )
            content = from_fields
    elif any(value is not None for value in data):
        problems.add(
            "an SRV record needs all of weight, port and target, or none of them"
        )
    elif content is None and state == "present":
        problems.add(
            "an SRV record needs weight, port and target (or content 'weight port target')"
        )
    return name, content


def record_warnings(record: Record) -> list[str]:
    """What is legal but most likely a mistake in a record a task asks for."""
    if (
        record.type == "CNAME"
        and record.content is not None
        and is_ip_literal(record.content)
    ):
        return [
            f"the CNAME {record.name} points at {record.content}, which is an IP address, not a host name: "
            "resolvers look it up as a name and find nothing; use an A or AAAA record for an address"
        ]
    return []


def conflict_problems(current, desired: Record) -> list[str]:
    """Problems of placing ``desired`` beside the ``current`` records: a CNAME shares its name with nothing."""
    others = [
        record
        for record in current
        if record.name == desired.name and record.type != desired.type
    ]
    if desired.type == "CNAME" and others:
        kinds = ", ".join(sorted({record.type for record in others}))
        return [
            f"a CNAME at {desired.name} cannot exist beside the other records of that name ({kinds})"
        ]
    if desired.type != "CNAME" and any(record.type == "CNAME" for record in others):
        return [
            f"{desired.name} has a CNAME record, so no {desired.type} record can exist beside it"
        ]
    return []


def edit_problems(after: Record) -> list[str]:
    """Problems of writing ``after``, the merge of a record and a task, that only the merge shows.

    A proxied record keeps its proxy when the task leaves ``proxied`` out, so moving it to an
    address CloudFlare cannot proxy would fail at the write.
    """
    if (
        after.proxied
        and after.type in ("A", "AAAA")
        and after.content is not None
        and not is_routable(ipaddress.ip_address(after.content))
    ):
        return [
            f"{after.name} {after.type} is proxied, and CloudFlare cannot proxy {after.content} (not a public "
            "address): set proxied: false to move the record there"
        ]
    return []


def merge(current: Record, desired: Record) -> Record:
    """``current`` with what ``desired`` sets: omitted (None) attributes keep their current values."""
    return dataclasses.replace(
        current,
        name=desired.name,
        type=desired.type,
        content=desired.content if desired.content is not None else current.content,
        ttl=desired.ttl if desired.ttl is not None else current.ttl,
        proxied=desired.proxied if desired.proxied is not None else current.proxied,
        priority=desired.priority if desired.priority is not None else current.priority,
    )


def new_record(desired: Record) -> tuple[Record | None, list[str]]:
    """The record a create sends: omitted TTL is automatic, omitted proxied is off; MX/SRV need a priority."""
    if desired.type in PRIORITY_TYPES and desired.priority is None:
        return None, [
            f"priority is required to create the {desired.type} record {desired.name} {desired.content}"
        ]
    return (
        dataclasses.replace(
            desired,
            ttl=AUTOMATIC_TTL if desired.ttl is None else desired.ttl,
            proxied=bool(desired.proxied),
            id=None,
        ),
        [],
    )


def plan_record(
    current, desired: Record, state: str = "present", solo: bool = False
) -> Plan:
    """The writes that bring ``current`` (the zone's records) to what one task asks for.

    present: the record matching ``desired`` by identity is edited in place when an attribute
    differs, or created when none matches. With ``solo`` the task owns every record of its
    (name, type): when none has the content, one is edited in place, and the others are deleted.
    absent: deletes the records of (name, type) whose content is ``desired.content`` (all of
    them when the content is not given or with ``solo``).
    Raises ValidationError listing every problem when the task cannot be carried out
    (a CNAME beside other records, an MX or SRV create without priority).
    """
    group = [
        record
        for record in current
        if record.name == desired.name and record.type == desired.type
    ]
    if state == "absent":
        doomed = [
            record
            for record in group
            if solo or desired.content is None or record.content == desired.content
        ]
        return Plan(
            operations=tuple(Operation("delete", record, None) for record in doomed),
            record=None,
        )

    problems = conflict_problems(current, desired)
    matches = [record for record in group if record.key == desired.key]
    match = None
    if matches:
        match = next(
            (record for record in matches if record.content == desired.content),
            matches[0],
        )
    elif solo and group:
        match = group[0]
    operations = []
    after: Record | None
    if match is not None:
        after = merge(match, desired)
        if after != match:
            problems.extend(edit_problems(after))
            operations.append(Operation("edit", match, after))
    else:
        after, create_problems = new_record(desired)
        problems.extend(create_problems)
        if after is not None:
            operations.append(Operation("create", None, after))
    if problems:
        raise ValidationError(problems=problems)
    if solo:
        operations.extend(
            Operation("delete", record, None) for record in group if record is not match
        )
    edited = any(operation.kind == "edit" for operation in operations)
    unchanged = (match,) if match is not None and not edited else ()
    return Plan(operations=tuple(operations), record=after, unchanged=unchanged)


def matches_filter(
    record: Record,
    name: str | None = None,
    rtype: str | None = None,
    content: str | None = None,
) -> bool:
    """Whether ``record`` passes the info filters (a None filter passes everything).

    ``name`` must be a full normalised name. ``content`` is compared in normalised form for
    the record's type, so ``2001:DB8:0::1`` finds ``2001:db8::1``.
    """
    if rtype is not None and record.type != rtype.upper():
        return False
    if name is not None and record.name != name:
        return False
    if content is not None:
        try:
            wanted = normalize_content(record.type, content)
        except InputProblem:
            return False
        if record.content != wanted:
            return False
    return True
