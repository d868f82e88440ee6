# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v4 spelling of DNS records: dns_record objects to Records, Records to request bodies.

Only this layer knows v4's ``data`` (the structured types, SRV and LOC, whose fields it
holds), its top-level ``priority`` (MX and URI) and the JSON shape of ``comment``, ``tags``
and ``settings`` (v4-api-notes section 1.3). What v4 allows records to be is exported here
for the v4 Capabilities.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    TransportError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import api_name
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    PROXIABLE_TYPES,
    RECORD_ATTRIBUTES,
    Record,
    normalize_tag,
    settings_of_type,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_content import (
    STRUCTURED_FIELDS,
    normalize_content,
    structured_content,
)

V4_RECORD_TYPES = (
    "A",
    "AAAA",
    "CAA",
    "CERT",
    "CNAME",
    "DNSKEY",
    "DS",
    "HTTPS",
    "LOC",
    "MX",
    "NAPTR",
    "NS",
    "OPENPGPKEY",
    "PTR",
    "SMIMEA",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "TXT",
    "URI",
)
V4_PROXIABLE_TYPES = PROXIABLE_TYPES
V4_TTL_MIN = 60
V4_TTL_MAX = 86400
V4_RECORD_ATTRIBUTES = frozenset(RECORD_ATTRIBUTES)
# The longest comment of the paid plans; Free takes 100 characters, which the API enforces.
V4_COMMENT_MAX_LENGTH = 500
V4_TYPE_ADVICE = (
    (
        "SPF",
        "SPF records are gone from API v4; write the record as TXT, with the same content",
    ),
)

# The types whose priority is a top-level field (SRV has it in its data).
TOP_LEVEL_PRIORITY_TYPES = ("MX", "URI")
# The data fields whose option names differ from v4's (which are taken by other options).
_DATA_KEYS = {
    "caa_value": "value",
    "svc_params": "value",
    "cert_type": "type",
    "fingerprint_type": "type",
}
_LOC_KEYS = (
    "lat_degrees",
    "lat_minutes",
    "lat_seconds",
    "lat_direction",
    "long_degrees",
    "long_minutes",
    "long_seconds",
    "long_direction",
    "altitude",
    "size",
    "precision_horz",
    "precision_vert",
)


def record_from_v4(obj: dict) -> Record:
    """A Record from a v4 dns_record object (a list page entry, or the answer to a write).

    Content and data the API holds in a form our validation would reject are kept as the
    API gave them, so such a record is still shown and can be deleted.
    """
    if obj.get("id") in (None, ""):
        raise TransportError(
            f"a v4 dns_record object came without id: {sorted(obj)}",
            action="dns_records",
        )
    rtype = str(obj.get("type") or "").upper()
    data = obj.get("data") if isinstance(obj.get("data"), dict) else None
    priority = obj.get("priority") if rtype in TOP_LEVEL_PRIORITY_TYPES else None
    if rtype == "SRV" and data is not None:
        priority = data.get("priority")
    return Record(
        name=api_name(str(obj.get("name") or "")),
        type=rtype,
        content=_content(rtype, obj.get("content"), data),
        ttl=int(obj.get("ttl") or 1),
        proxied=obj.get("proxied") is True,
        priority=None if priority is None else int(priority),
        comment=obj.get("comment") or "",
        tags=frozenset(normalize_tag(tag) for tag in obj.get("tags") or ()),
        settings=frozenset(
            key for key, flag in (obj.get("settings") or {}).items() if flag is True
        ),
        id=str(obj["id"]),
    )


def _content(rtype: str, content, data: dict | None) -> str:
    """The normalised content of a record object: from ``data`` where the type has it."""
    text = "" if content is None else str(content)
    try:
        if data is not None and rtype == "SRV":
            return normalize_content(
                "SRV", f"{data['weight']} {data['port']} {data['target']}"
            )
        if data is not None and rtype == "LOC":
            return normalize_content("LOC", _loc_text(data))
        if data is not None and rtype in STRUCTURED_FIELDS:
            return structured_content(
                rtype,
                {
                    field.name: data.get(_DATA_KEYS.get(field.name, field.name))
                    for field in STRUCTURED_FIELDS[rtype]
                },
            )
        if rtype == "SRV":
            # v4's SRV content is "priority weight port target"; the model keeps the priority apart.
            text = text.split(" ", 1)[-1]
        return normalize_content(rtype, text)
    except (InputProblem, KeyError):
        return text


def _loc_text(data: dict) -> str:
    """RFC 1876 text of LOC data."""
    return (
        "{lat_degrees} {lat_minutes} {lat_seconds} {lat_direction} "
        "{long_degrees} {long_minutes} {long_seconds} {long_direction} "
        "{altitude}m {size}m {precision_horz}m {precision_vert}m"
    ).format(**data)


def _loc_data(content: str) -> dict:
    """LOC data from the model's content (always written out in full)."""
    values = [part.rstrip("m") for part in content.split()]
    data: dict = {}
    for key, value in zip(_LOC_KEYS, values, strict=True):
        if key.endswith("_direction"):
            data[key] = value
        else:
            number = float(value)
            data[key] = int(number) if number.is_integer() else number
    return data


def _data(record: Record) -> dict:
    """The ``data`` of a record of a type that is written as data."""
    if record.type == "SRV":
        fields = record.srv_fields()
        return {
            "priority": record.priority,
            "weight": fields["weight"],
            "port": fields["port"],
            "target": fields["target"],
        }
    if record.type == "LOC":
        return _loc_data(record.content or "")
    return {
        _DATA_KEYS.get(name, name): value
        for name, value in record.structured_fields().items()
    }


def _is_data_type(rtype: str) -> bool:
    return rtype in ("SRV", "LOC") or rtype in STRUCTURED_FIELDS


def _settings(record: Record) -> dict:
    settings = record.settings or frozenset()
    return {key: key in settings for key in settings_of_type(record.type)}


def record_body(record: Record) -> dict:
    """The body of a create (``POST dns_records``, a batch's ``posts`` item) for ``record``."""
    body: dict = {"name": record.name, "type": record.type}
    if record.ttl is not None:
        body["ttl"] = record.ttl
    if record.type in V4_PROXIABLE_TYPES:
        body["proxied"] = bool(record.proxied)
    if _is_data_type(record.type):
        body["data"] = _data(record)
    else:
        body["content"] = record.content
    if record.type in TOP_LEVEL_PRIORITY_TYPES:
        body["priority"] = record.priority
    # A new record has no comment, tags or settings unless the task gives them.
    if record.comment:
        body["comment"] = record.comment
    if record.tags:
        body["tags"] = sorted(record.tags)
    if record.settings:
        body["settings"] = _settings(record)
    return body


def patch_body(before: Record, after: Record) -> dict:
    """The body of an edit (``PATCH dns_records/{id}``, a batch's ``patches`` item, without ``id``).

    Only what differs is sent, so what the task leaves alone, and attributes set elsewhere
    since the zone was read, stay as they are. A type change is no patch (v4 refuses it):
    it is a delete and a create.
    """
    if before.type != after.type:
        raise ValueError(
            f"a patch cannot change a record's type ({before.type} to {after.type})"
        )
    body: dict = {}
    if after.name != before.name:
        body["name"] = after.name
    if after.ttl is not None and after.ttl != before.ttl:
        body["ttl"] = after.ttl
    if (
        after.type in V4_PROXIABLE_TYPES
        and after.proxied is not None
        and after.proxied != before.proxied
    ):
        body["proxied"] = after.proxied
    priority_changed = after.priority is not None and after.priority != before.priority
    if _is_data_type(after.type):
        if after.content != before.content or (
            after.type == "SRV" and priority_changed
        ):
            body["data"] = _data(after)
    elif after.content != before.content:
        body["content"] = after.content
    if after.type in TOP_LEVEL_PRIORITY_TYPES and priority_changed:
        body["priority"] = after.priority
    if after.comment is not None and after.comment != before.comment:
        body["comment"] = after.comment
    if after.tags is not None and after.tags != before.tags:
        body["tags"] = sorted(after.tags)
    if after.settings is not None and after.settings != before.settings:
        body["settings"] = _settings(after)
    return body
