# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The v1 spelling of DNS records: record objects to Records, Records to form fields.

Only this layer knows ``rec_id``, ``service_mode``, ``prio``, ``srvname``, ``protocol`` and
the rest of the v1 vocabulary (spec section 3.2 and 6, Appendix B rows 8-10).
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    TransportError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    api_name,
    relative_name,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    PRIORITY_TYPES,
    PROXIABLE_TYPES,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_content import (
    normalize_content,
)


def record_from_v1(obj: dict) -> Record:
    """A Record from a v1 record object (``rec_load_all`` page entry, ``rec_new``/``rec_edit`` answer).

    Content the API holds in a form our validation would reject is kept as the API gave it.
    """
    rtype = str(obj.get("type") or "").upper()
    raw_content = str(obj.get("content") if obj.get("content") is not None else "")
    try:
        content = normalize_content(rtype, raw_content)
    except InputProblem:
        content = raw_content
    prio = obj.get("prio")
    if obj.get("rec_id") in (None, ""):
        raise TransportError(
            f"a v1 record object came without rec_id: {sorted(obj)}",
            action="rec_load_all",
        )
    return Record(
        name=api_name(str(obj.get("name") or "")),
        type=rtype,
        content=content,
        ttl=int(obj.get("ttl") or 1),
        proxied=str(obj.get("service_mode")) == "1",
        priority=(
            int(prio) if rtype in PRIORITY_TYPES and prio not in (None, "") else None
        ),
        id=str(obj["rec_id"]),
    )


def record_obj(envelope: dict) -> dict:
    """The record object in a ``rec_new``/``rec_edit`` answer."""
    return ((envelope.get("response") or {}).get("rec") or {}).get("obj") or {}


def _v1_name(name: str, zone: str) -> str:
    """A name as rec_new/rec_edit take it: the label relative to the zone (the zone name for the apex).

    The API refuses the bare label ``*`` while it takes the full name of the apex wildcard, so
    that one is sent in full.
    """
    label = relative_name(name, zone)
    return name if label == "*" else label


def _record_fields(zone: str, record: Record) -> dict:
    fields = {"z": zone, "type": record.type, "ttl": record.ttl}
    if record.type in PRIORITY_TYPES:
        fields["prio"] = record.priority
    if record.type == "SRV":
        # Appendix B 10: SRV is sent as its fields, with no name and no content.
        srv = record.srv_fields()
        owner = record.name.split(".", 2)[2]
        fields.update(
            service=srv["service"],
            protocol=srv["proto"],
            srvname="@" if owner == zone else _v1_name(owner, zone),
            weight=srv["weight"],
            port=srv["port"],
            target=srv["target"],
        )
    else:
        fields.update(name=_v1_name(record.name, zone), content=record.content)
    return fields


def new_params(zone: str, record: Record) -> dict:
    """``rec_new`` form fields. No ``service_mode``: rec_new ignores it (Appendix B 8)."""
    return _record_fields(zone, record)


def edit_params(zone: str, record: Record) -> dict:
    """``rec_edit`` form fields: the whole record, since rec_edit replaces it (Appendix B 9)."""
    fields = {"id": record.id}
    fields.update(_record_fields(zone, record))
    if record.type in PROXIABLE_TYPES:
        fields["service_mode"] = "1" if record.proxied else "0"
    return fields


def delete_params(zone: str, record: Record) -> dict:
    """``rec_delete`` form fields."""
    return {"z": zone, "id": record.id}
