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
  (normalised per type), ``ttl`` (1 = automatic), ``proxied`` and ``priority``, and where the
  backend has them ``comment``, ``tags`` (a set of ``name:value``) and ``settings``.
* Identity is ``(name, type, content)``; a CNAME is identified by ``(name, type)``.
* Omitted means untouched: an attribute a task leaves as None keeps its current value.
* SRV records keep their fields in the name (``_service._proto.owner``) and content
  (``weight port target``), the way the API stores them; the other structured types (CAA,
  DS, TLSA, ...) keep theirs in their content, in presentation form (``_record_content``).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from typing import Any

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_hostname,
    normalize_name,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_content import (
    STRUCTURED_FIELDS,
    content_text,
    is_ip_literal,
    is_routable,
    normalize_content,
    quoted,
    structured_content,
    structured_fields,
    uint16,
    whole_number,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import (
    SHOWN_VALUE_LENGTH,
    shown,
)

# The types whose priority is an attribute beside the content (HTTPS and SVCB have it in theirs).
PRIORITY_TYPES = ("MX", "SRV", "URI")
# CloudFlare proxies these types only, on every API.
PROXIABLE_TYPES = ("A", "AAAA", "CNAME")
SRV_PROTOCOLS = ("_tcp", "_udp", "_tls")
SRV_FIELDS = ("service", "proto", "weight", "port", "target")
AUTOMATIC_TTL = 1

# The attributes a backend may give records beside the core ones (Capabilities.record_attributes).
RECORD_ATTRIBUTES = ("comment", "tags", "settings")
# What a record of a backend that has these attributes holds when it has none of one.
EMPTY_ATTRIBUTES: dict[str, Any] = {
    "comment": "",
    "tags": frozenset(),
    "settings": frozenset(),
}
# The record settings and the types each applies to (None: every type).
RECORD_SETTINGS = {"ipv4_only": None, "ipv6_only": None, "flatten_cname": ("CNAME",)}

_SRV_SERVICE_RE = re.compile(r"^_[a-z0-9][a-z0-9-]{0,62}$")
_TAG_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclasses.dataclass(frozen=True)
class Record:
    """One DNS record in normalised terms.

    A record read from the API has every field set (``priority`` only for MX, SRV and URI;
    ``comment``, ``tags`` and ``settings`` only on a backend that has them: ``""`` and empty
    sets when there are none). In a record a task asks for, None means "not given": ``content``
    None matches any content (only for state absent), and the other attributes None keep the
    current value.

    ``tags`` holds ``name:value`` strings with the name in lower case (tag names ignore case);
    ``settings`` the names of the settings that are on (off is the default).
    """

    name: str
    type: str
    content: str | None
    ttl: int | None = None
    proxied: bool | None = None
    priority: int | None = None
    comment: str | None = None
    tags: frozenset | None = None
    settings: frozenset | None = None
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

    def structured_fields(self) -> dict:
        """The fields of a structured type (CAA, DS, ...) from its content (None where unreadable)."""
        fields = STRUCTURED_FIELDS[self.type]
        try:
            written = structured_fields(self.type, self.content or "")
            return {
                field.name: field.check(written[field.name], field.name)
                for field in fields
            }
        except InputProblem:
            return dict.fromkeys(field.name for field in fields)

    def to_dict(self) -> dict:
        """The record as modules return it (the same keys a task can set).

        ``comment``, ``tags`` (sorted) and ``settings`` (every setting of the type, on or off)
        are None on a backend whose records have none, so that feeding them back changes nothing.
        """
        result = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "content": self.content,
            "ttl": self.ttl,
            "proxied": self.proxied,
            "priority": self.priority,
            "comment": self.comment,
            "tags": None if self.tags is None else sorted(self.tags),
            "settings": (
                None
                if self.settings is None
                else {
                    setting: setting in self.settings
                    for setting in settings_of_type(self.type)
                }
            ),
        }
        if self.type == "SRV":
            result.update(self.srv_fields())
        elif self.type in STRUCTURED_FIELDS:
            result.update(self.structured_fields())
        return result


def settings_of_type(rtype: str) -> list[str]:
    """The record settings a type has."""
    return [
        setting
        for setting, types in RECORD_SETTINGS.items()
        if types is None or rtype in types
    ]


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
    ``content``, ``ttl``, ``proxied``, ``priority``, ``comment``, ``tags``, ``settings`` and the
    fields of the structured types; missing keys count as not given). Raises ValidationError
    listing every problem found.
    """
    problems = _Problems()
    rtype = str(params.get("type") or "").strip().upper()
    if rtype not in caps.record_types:
        advice = dict(caps.type_advice).get(rtype)
        problems.add(
            f"type {params.get('type')!r} is not supported by API {caps.api}: {advice}"
            if advice
            else f"type {params.get('type')!r} is not one of {', '.join(caps.record_types)}"
        )
        raise ValidationError(problems=problems.items)
    raw_name = params.get("name")
    name = problems.check(
        normalize_name, "@" if raw_name is None else str(raw_name), zone
    )
    raw_content = problems.check_content(name, content_text, params.get("content"))
    content = None

    misplaced = [
        option
        for option in _FIELD_OPTIONS
        if params.get(option) is not None and option not in _fields_of(rtype)
    ]
    if misplaced:
        owners = [
            other
            for other in caps.record_types
            if any(option in _fields_of(other) for option in misplaced)
        ]
        problems.add(
            f"the {'/'.join(owners)} options {', '.join(misplaced)} do not apply to {rtype} records"
        )
    if rtype == "SRV":
        name, content = _read_srv(
            zone, name, dict(params, content=raw_content), state, problems
        )
    elif rtype in STRUCTURED_FIELDS:
        content = _read_structured(rtype, name, params, raw_content, state, problems)
    elif raw_content:
        content = problems.check_content(name, normalize_content, rtype, raw_content)
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
    if proxied and caps.proxied_ttl is not None and ttl not in (None, caps.proxied_ttl):
        problems.add(_proxied_ttl_problem(name or rtype, ttl, caps.proxied_ttl))
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
    if priority is not None and "priority" not in _fields_of(rtype):
        if rtype not in PRIORITY_TYPES:
            takers = [
                other
                for other in caps.record_types
                if other in PRIORITY_TYPES or "priority" in _fields_of(other)
            ]
            problems.add(
                f"priority only applies to {_listed(takers)} records, not to {rtype}"
            )
        priority = problems.check(uint16, priority, "priority")
    else:
        priority = None
    attributes = _read_attributes(rtype, params, caps, problems)

    if problems.items:
        raise ValidationError(problems=problems.items)
    return Record(
        name=name,
        type=rtype,
        content=content,
        ttl=ttl,
        proxied=None if proxied is None else bool(proxied),
        priority=priority,
        **attributes,
    )


def _fields_of(rtype: str) -> tuple:
    """The names of the field options of a type (SRV's and the structured types')."""
    if rtype == "SRV":
        return SRV_FIELDS
    return tuple(field.name for field in STRUCTURED_FIELDS.get(rtype, ()))


# Every field option of any type but ``priority``, which is also an attribute.
_FIELD_OPTIONS = tuple(
    dict.fromkeys(
        option
        for rtype in ("SRV", *STRUCTURED_FIELDS)
        for option in _fields_of(rtype)
        if option != "priority"
    )
)


def _listed(items) -> str:
    """``A, B and C``."""
    items = list(items)
    return (
        ", ".join(items[:-1]) + " and " + items[-1]
        if len(items) > 1
        else "".join(items)
    )


def _read_structured(
    rtype: str,
    name: str | None,
    params: dict,
    raw_content: str | None,
    state: str,
    problems: _Problems,
) -> str | None:
    """The content of a structured type from its fields or its content (both: they must agree)."""
    fields = STRUCTURED_FIELDS[rtype]
    given = {
        field.name: params[field.name]
        for field in fields
        if params.get(field.name) is not None
    }
    required = [field.name for field in fields if field.default is None]
    content = None
    if raw_content:
        content = problems.check_content(name, normalize_content, rtype, raw_content)
    if given:
        missing = [option for option in required if option not in given]
        if missing:
            problems.add(
                f"a {rtype} record needs all of {', '.join(required)}, or content; "
                f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing"
            )
            return content
        built = problems.check_content(name, structured_content, rtype, given)
        if built is not None and content is not None and built != content:
            problems.add(
                f"content {raw_content!r} disagrees with the {rtype} fields ({built})"
            )
        return built if built is not None else content
    if content is None and state == "present" and not raw_content:
        form = " ".join(
            quoted(field.name) if field.quoted else field.name for field in fields
        )
        problems.add(
            f"a {rtype} record needs {', '.join(required)} (or content '{form}')"
        )
    return content


def _read_attributes(rtype: str, params: dict, caps, problems: _Problems) -> dict:
    """``comment``, ``tags`` and ``settings`` of a task (None where not given), checked against ``caps``.

    On a backend without an attribute, an empty value (no comment, no tags, every setting off,
    as a record read from a backend with them shows it) is the same as none, so a record one
    backend returned can be given to the other.
    """
    attributes: dict = {}
    for attribute in RECORD_ATTRIBUTES:
        value = params.get(attribute)
        if value is None:
            continue
        if attribute not in caps.record_attributes:
            if _empty(value):
                continue
            problems.add(
                f"{attribute} is not supported by API {caps.api}: its records have no {attribute}"
            )
            continue
        read = {"comment": _comment, "tags": _tags, "settings": _settings}[attribute]
        attributes[attribute] = problems.check(read, value, rtype, caps)
    return attributes


def _empty(value) -> bool:
    if isinstance(value, dict):
        return not any(flag is True for flag in value.values())
    return value in ("", [], ())


def _comment(value, rtype: str, caps) -> str:
    if not isinstance(value, str):
        raise InputProblem(f"comment must be text, but it is {shown(value)}")
    if "\n" in value or "\r" in value:
        raise InputProblem(f"comment {shown(value)} must be one line")
    if len(value) > caps.comment_max_length:
        raise InputProblem(
            f"comment is {len(value)} characters long; API {caps.api} takes at most "
            f"{caps.comment_max_length} (on some plans fewer)"
        )
    return value


def _tags(value, rtype: str, caps) -> frozenset:
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise InputProblem(
            f"tags must be a list of name:value, but it is {shown(value)}"
        )
    tags = set()
    for tag in value:
        tag_name, colon, dummy = str(tag).partition(":")
        if not isinstance(tag, str) or not colon or not _TAG_NAME_RE.match(tag_name):
            raise InputProblem(
                f"tag {shown(tag)} is not name:value with a name of letters, digits, - and _"
            )
        tags.add(normalize_tag(tag))
    return frozenset(tags)


def normalize_tag(tag) -> str:
    """A tag in the form tags compare in: its name in lower case (names ignore case), its value as it is."""
    name, colon, value = str(tag).partition(":")
    return f"{name.lower()}{colon}{value}"


def _settings(value, rtype: str, caps) -> frozenset:
    if not isinstance(value, dict):
        raise InputProblem(f"settings must be a mapping, but it is {shown(value)}")
    known = settings_of_type(rtype)
    unknown = sorted(str(key) for key in value if key not in known)
    if unknown:
        raise InputProblem(
            f"settings {', '.join(unknown)} do not apply to {rtype} records, which have "
            f"{_listed(known)}"
        )
    not_flags = sorted(key for key, flag in value.items() if not isinstance(flag, bool))
    if not_flags:
        raise InputProblem(f"settings {', '.join(not_flags)} must be true or false")
    on = frozenset(key for key, flag in value.items() if flag)
    if {"ipv4_only", "ipv6_only"} <= on:
        raise InputProblem("settings ipv4_only and ipv6_only cannot both be true")
    return on


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


def conflicting(current, desired: Record) -> list[Record]:
    """The records of ``current`` that ``desired`` cannot exist beside: a CNAME shares its name with nothing."""
    others = [
        record
        for record in current
        if record.name == desired.name and record.type != desired.type
    ]
    if desired.type == "CNAME":
        return others
    return [record for record in others if record.type == "CNAME"]


def conflict_problems(current, desired: Record) -> list[str]:
    """Problems of placing ``desired`` beside the ``current`` records: a CNAME shares its name with nothing."""
    others = conflicting(current, desired)
    if desired.type == "CNAME" and others:
        kinds = ", ".join(sorted({record.type for record in others}))
        return [
            f"a CNAME at {desired.name} cannot exist beside the other records of that name ({kinds})"
        ]
    if others:
        return [
            f"{desired.name} has a CNAME record, so no {desired.type} record can exist beside it"
        ]
    return []


def _proxied_ttl_problem(name: str, ttl: int, proxied_ttl: int) -> str:
    return (
        f"{name} is proxied, and the TTL of a proxied record is automatic on this API (CloudFlare "
        f"keeps it at {proxied_ttl} whatever is sent): leave ttl out, or set proxied: false to give "
        f"the record a TTL of {ttl}"
    )


def edit_problems(
    after: Record, desired: Record, proxied_ttl: int | None = None
) -> list[str]:
    """Problems of writing ``after``, the merge of a record and the task's ``desired``, that only the merge shows.

    A proxied record keeps its proxy when the task leaves ``proxied`` out, so moving it to an
    address CloudFlare cannot proxy would fail at the write; and on a backend whose proxied
    records all have the TTL ``proxied_ttl``, a TTL the task gives one would never be applied.
    """
    if (
        proxied_ttl is not None
        and after.proxied
        and desired.ttl not in (None, proxied_ttl)
    ):
        return [_proxied_ttl_problem(after.name, desired.ttl, proxied_ttl)]
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


def merge(current: Record, desired: Record, caps=None) -> Record:
    """``current`` with what ``desired`` sets: omitted (None) attributes keep their current values.

    On a backend whose proxied records all have the TTL ``caps.proxied_ttl``, a record that
    starts to be proxied gets that TTL, as the API gives it.
    """
    merged = dataclasses.replace(
        current,
        name=desired.name,
        type=desired.type,
        content=desired.content if desired.content is not None else current.content,
        ttl=desired.ttl if desired.ttl is not None else current.ttl,
        proxied=desired.proxied if desired.proxied is not None else current.proxied,
        priority=desired.priority if desired.priority is not None else current.priority,
        comment=desired.comment if desired.comment is not None else current.comment,
        tags=desired.tags if desired.tags is not None else current.tags,
        settings=desired.settings if desired.settings is not None else current.settings,
    )
    if (
        caps is not None
        and caps.proxied_ttl is not None
        and merged.proxied
        and not current.proxied
    ):
        return dataclasses.replace(merged, ttl=caps.proxied_ttl)
    return merged


def new_record(
    desired: Record, record_attributes: frozenset = frozenset()
) -> tuple[Record | None, list[str]]:
    """The record a create sends: omitted TTL is automatic, omitted proxied is off; MX/SRV/URI need a priority.

    Of the backend's ``record_attributes``, those the task leaves out are empty: the backend
    gives a new record none (on a backend without them they stay None).
    """
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
            **{
                attribute: EMPTY_ATTRIBUTES[attribute]
                for attribute in record_attributes
                if getattr(desired, attribute) is None
            },
        ),
        [],
    )


def plan_record(
    current,
    desired: Record,
    state: str = "present",
    solo: bool = False,
    caps=None,
) -> Plan:
    """The writes that bring ``current`` (the zone's records) to what one task asks for.

    present: the record matching ``desired`` by identity is edited in place when an attribute
    differs, or created when none matches. With ``solo`` the task owns every record of its
    (name, type): when none has the content, one is edited in place, and the others are deleted;
    and the records its record cannot exist beside (the other records of a CNAME's name, or the
    CNAME of a name) are deleted first, where a task without ``solo`` is refused.
    absent: deletes the records of (name, type) whose content is ``desired.content`` (all of
    them when the content is not given or with ``solo``).
    ``caps``, the backend's Capabilities, adds its rules: a proxied record's TTL, and what a
    created record holds for the attributes the task leaves out.
    Raises ValidationError listing every problem when the task cannot be carried out
    (a CNAME beside other records without ``solo``, an MX or SRV create without priority).
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

    # A solo task replaces the records its record cannot exist beside; any other task is refused.
    replaced = conflicting(current, desired) if solo else []
    problems = [] if solo else conflict_problems(current, desired)
    matches = [record for record in group if record.key == desired.key]
    match = None
    if matches:
        match = next(
            (record for record in matches if record.content == desired.content),
            matches[0],
        )
    elif solo and group:
        match = group[0]
    operations = [Operation("delete", record, None) for record in replaced]
    after: Record | None
    if match is not None:
        after = merge(match, desired, caps)
        if after != match:
            problems.extend(
                edit_problems(after, desired, caps.proxied_ttl if caps else None)
            )
            operations.append(Operation("edit", match, after))
    else:
        after, create_problems = new_record(
            desired, caps.record_attributes if caps else frozenset()
        )
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
