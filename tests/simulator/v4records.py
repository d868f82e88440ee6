# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DNS records on v4 (notes 1.3): list, get, create, overwrite, edit, delete, batch, export.

The records are the zone's shared records (dnsrecords.py); every write builds new record dicts,
so a batch can roll back by putting the zone's old record dict back.
"""

from __future__ import annotations

from dnsrecords import (
    DATA_TYPES,
    PRIORITY_TYPES,
    V4_TYPES,
    RecordError,
    build,
    conflict,
    data_text,
    is_proxiable,
    iso_time,
    stored,
    v4_body,
    v4_content,
    v4_data,
    v4_id,
)
from v4core import (
    ID_RE,
    Answer,
    V4Error,
    bad_request,
    choice_param,
    not_routed,
    page_of,
    success,
    text_match,
    zone_by_id,
)

PER_PAGE_DEFAULT = 100
PER_PAGE_MAX = (
    5000000  # SCHEMA-2024; users report 100 (notes 1.3): the --v4-per-page-cap knob
)
BATCH_LIMITS = {
    "free": 200,
    "pro": 3500,
    "business": 3500,
    "enterprise": 3500,
}  # notes 1.3
BATCH_KINDS = ("deletes", "patches", "puts", "posts")
CODE_NOT_FOUND = 81044
ORDERS = ("type", "name", "content", "ttl", "proxied")
BODY_FIELDS = (
    "type",
    "name",
    "content",
    "data",
    "priority",
    "ttl",
    "proxied",
    "comment",
    "tags",
    "settings",
)
LISTING_CACHE_SIZE = 8
NAME_SERVERS = ("norm.ns.cloudflare.com", "pat.ns.cloudflare.com")


# --- the record as v4 shows it ------------------------------------------------------------------


def record_view(record, zone_created):
    view = {
        "id": v4_id(record["id"]),
        "name": record["name"],
        "type": record["type"],
        "content": v4_content(record),
        "proxiable": is_proxiable(record["type"], record["content"]),
        "proxied": record["service_mode"] == 1,
        # [unconfirmed] notes 1.3: `meta` shows shadowing by NS delegations, which is not simulated.
        "ttl": record["ttl"],
        "settings": dict(record.get("settings", {})),
        "meta": {},
        # [unconfirmed] notes 5.1: clients read `comment` and `tags` directly, so both are always sent.
        "comment": record.get("comment"),
        "tags": list(record.get("tags", [])),
        "created_on": record.get("created_on", zone_created),
        "modified_on": record.get("modified_on", zone_created),
    }
    if record["type"] in PRIORITY_TYPES:
        view["priority"] = record["prio"]
    if record["type"] in DATA_TYPES:
        view["data"] = v4_data(record)
    for key in ("comment_modified_on", "tags_modified_on"):
        if key in record:
            view[key] = record[key]
    return view


def find(zone, record_id, path):
    """A record of the zone by v4 id: 7003 for a malformed id, 81044 for an unknown one."""
    if not ID_RE.match(record_id):
        raise not_routed(path)
    record = zone.records.get(zone.by_v4_id.get(record_id))
    # [unconfirmed] notes 1.3: SPF was dropped from v4; v1's SPF records are left out of v4 answers.
    if record is None or record["type"] not in V4_TYPES:
        raise V4Error(404, CODE_NOT_FOUND, "Record does not exist.")
    return record


def checked(zone, body, pointer=""):
    """build() with its RecordError turned into the v4 error, pointing at the field."""
    try:
        return build(zone.name, zone.plan, body)
    except RecordError as error:
        field = "/" + error.field.replace(".", "/") if error.field else ""
        raise V4Error(
            400, error.code, error.message, pointer=(pointer + field) or None
        ) from None


def check_neighbours(zone, fields, own_id, pointer):
    neighbours = [
        other for other in zone.named(fields["name"]) if other["id"] != own_id
    ]
    error = conflict(fields, neighbours)
    if error is not None:
        raise V4Error(400, error.code, error.message, pointer=pointer or None)


def store(sim, zone, fields, now, current=None):
    """Write a validated record: a new one, or `current` replaced (id and creation time kept)."""
    record = stored(
        dict(
            fields,
            id=current["id"] if current else sim.take_record_id(),
            modified_on=now,
            created_on=(
                current.get("created_on", iso_time(zone.created)) if current else now
            ),
        )
    )
    for key, stamp in (
        ("comment", "comment_modified_on"),
        ("tags", "tags_modified_on"),
    ):
        if key in record:
            unchanged = (
                current is not None
                and current.get(key) == record[key]
                and stamp in current
            )
            record[stamp] = current[stamp] if unchanged else now
    if current is None:
        zone.add(record)
    else:
        zone.replace(record)
    return record


# --- the writes, shared by the single endpoints and batch ---------------------------------------


def post(sim, zone, body, now, pointer=""):
    fields = checked(zone, body, pointer)
    check_neighbours(zone, fields, None, pointer)
    return store(sim, zone, fields, now)


def put(sim, zone, current, body, now, pointer=""):
    """Overwrite: what the body leaves out takes its default (notes 1.3)."""
    refuse_type_change(current, body, pointer)
    fields = checked(zone, body, pointer)
    check_neighbours(zone, fields, current["id"], pointer)
    return store(sim, zone, fields, now, current)


def patch(sim, zone, current, body, now, pointer=""):
    """Edit: only the fields the body gives change."""
    refuse_type_change(current, body, pointer)
    merged = v4_body(current)
    merged.update((key, body[key]) for key in BODY_FIELDS if key in body)
    fields = checked(zone, merged, pointer)
    check_neighbours(zone, fields, current["id"], pointer)
    return store(sim, zone, fields, now, current)


def refuse_type_change(current, body, pointer):
    if "type" in body and body["type"] != current["type"]:
        # notes 1.3: changing a type by PUT/PATCH reached its end of life on 2026-06-30.
        raise V4Error(
            400,
            1004,
            "A DNS record's type can no longer be changed; delete it and create a new record "
            "(one batch can do both)",
            pointer=pointer + "/type",
        )


# --- endpoints -------------------------------------------------------------------------------------


def records_zone(sim, caller, request, zone_id, permission):
    zone = zone_by_id(sim, caller, zone_id, request.path)
    caller.require(permission, zone)
    return zone


def list_records(sim, caller, request, zone_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:read")
    chunk, info = page_of(
        request,
        listing(zone, request),
        PER_PAGE_DEFAULT,
        PER_PAGE_MAX,
        cap=request.per_page_cap,
    )
    zone_created = iso_time(zone.created)
    return success([record_view(record, zone_created) for record in chunk], info)


def get_record(sim, caller, request, zone_id, dns_record_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:read")
    return success(
        record_view(find(zone, dns_record_id, request.path), iso_time(zone.created))
    )


def create_record(sim, caller, request, zone_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:edit")
    record = post(sim, zone, request.json_object(), iso_time(sim.clock()))
    return success(record_view(record, iso_time(zone.created)))


def overwrite_record(sim, caller, request, zone_id, dns_record_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:edit")
    current = find(zone, dns_record_id, request.path)
    record = put(sim, zone, current, request.json_object(), iso_time(sim.clock()))
    return success(record_view(record, iso_time(zone.created)))


def edit_record(sim, caller, request, zone_id, dns_record_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:edit")
    current = find(zone, dns_record_id, request.path)
    record = patch(sim, zone, current, request.json_object(), iso_time(sim.clock()))
    return success(record_view(record, iso_time(zone.created)))


def delete_record(sim, caller, request, zone_id, dns_record_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:edit")
    record = find(zone, dns_record_id, request.path)
    zone.remove(record)
    return success({"id": dns_record_id})


def batch_records(sim, caller, request, zone_id):
    """notes 1.3: one transaction, deletes then patches, puts and posts, each list in order; the
    first error refuses the whole batch. At most 200 records on Free, 3,500 on paid plans.
    """
    zone = records_zone(sim, caller, request, zone_id, "dns:edit")
    lists = batch_lists(request.json_object())
    size = sum(len(items) for items in lists.values())
    if size > BATCH_LIMITS[zone.plan]:
        raise bad_request(
            f"A batch on the {zone.plan} plan holds at most {BATCH_LIMITS[zone.plan]} records; this one has {size}"
        )
    before, next_id, done = dict(zone.records), sim.next_record_id, False
    try:
        answer = success(
            apply_batch(sim, zone, lists, iso_time(sim.clock()), request.path)
        )
        done = True
        return answer
    finally:
        if not done:
            zone.restore(before)
            sim.next_record_id = next_id


def batch_lists(body):
    lists = {}
    for kind in BATCH_KINDS:
        items = body.get(kind, [])
        if not isinstance(items, list) or not all(
            isinstance(item, dict) for item in items
        ):
            raise bad_request(f"{kind} must be a list of objects", pointer="/" + kind)
        lists[kind] = items
    return lists


def apply_batch(sim, zone, lists, now, path):
    """[unconfirmed] notes 1.3 show the result's lists, not whether absent ones come back: all
    four always do. An item's error keeps its own status (404 for a missing record)."""
    zone_created = iso_time(zone.created)
    result = {kind: [] for kind in BATCH_KINDS}
    for index, item in enumerate(lists["deletes"]):
        record = find_in_batch(zone, item, path, f"/deletes/{index}")
        zone.remove(record)
        result["deletes"].append(record_view(record, zone_created))
    for kind, write in (("patches", patch), ("puts", put)):
        for index, item in enumerate(lists[kind]):
            pointer = f"/{kind}/{index}"
            current = find_in_batch(zone, item, path, pointer)
            result[kind].append(
                record_view(write(sim, zone, current, item, now, pointer), zone_created)
            )
    for index, item in enumerate(lists["posts"]):
        result["posts"].append(
            record_view(post(sim, zone, item, now, f"/posts/{index}"), zone_created)
        )
    return result


def find_in_batch(zone, item, path, pointer):
    try:
        return find(zone, str(item.get("id", "")), path)
    except V4Error as error:
        error.pointer = pointer + "/id"
        raise


def export_records(sim, caller, request, zone_id):
    zone = records_zone(sim, caller, request, zone_id, "dns:read")
    return Answer(
        bind_text(zone, sim.clock()), content_type="text/plain; charset=utf-8"
    )


# --- listing: filters (notes 1.3) and order ----------------------------------------------------------


def listing(zone, request):
    """The zone's records that pass the filters, in the asked order; cached per zone version."""
    key = tuple(
        (name, value)
        for name, value in request.pairs
        if name not in ("page", "per_page")
    )
    cached = zone.v4_listings.get(key)
    if cached is not None and cached[0] == zone.version:
        return cached[1]
    keep = record_filter(request)
    order = choice_param(request, "order", ORDERS, "type")
    direction = choice_param(request, "direction", ("asc", "desc"), "asc")
    records = sorted(
        (
            record
            for record in zone.records.values()
            if record["type"] in V4_TYPES and keep(record)
        ),
        key=sort_key(order),
        reverse=direction == "desc",
    )
    if len(zone.v4_listings) >= LISTING_CACHE_SIZE:
        zone.v4_listings.clear()
    zone.v4_listings[key] = (zone.version, records)
    return records


def sort_key(order):
    def key(record):
        primary = {
            "type": record["type"],
            "name": record["name"],
            "content": v4_content(record),
            "ttl": record["ttl"],
            "proxied": record["service_mode"],
        }[order]
        # [unconfirmed] notes 1.3 give the orders, not the ties: name, type, content, then id.
        return (
            primary,
            record["name"],
            record["type"],
            record["content"],
            int(record["id"]),
        )

    return key


def record_filter(request):
    """A predicate of the list filters: `match` joins them, `tag_match` joins the tag filters
    first, `search` always applies on its own."""
    plain, tags = [], []
    for name, value in request.pairs:
        field, dummy, operator = name.partition(".")
        test = FILTERS.get(field)
        if test is not None:
            (tags if field == "tag" else plain).append(test(operator, value))
    joined = (
        any if choice_param(request, "match", ("all", "any"), "all") == "any" else all
    )
    tag_joined = (
        any
        if choice_param(request, "tag_match", ("all", "any"), "all") == "any"
        else all
    )
    if tags:
        plain.append(lambda record: tag_joined(check(record) for check in tags))
    search = request.param("search")

    def keep(record):
        if search is not None and not searched(record, search):
            return False
        return joined(check(record) for check in plain) if plain else True

    return keep


def text_filter(getter):
    def make(operator, wanted):
        operator = operator or "exact"
        if operator not in ("exact", "contains", "startswith", "endswith"):
            raise bad_request(f"unknown filter operator {operator!r}")
        return lambda record: text_match(operator, getter(record), wanted)

    return make


def type_filter(operator, wanted):
    if operator or wanted not in V4_TYPES:
        raise bad_request(f"type must be one of {', '.join(V4_TYPES)}")
    return lambda record: record["type"] == wanted


def proxied_filter(operator, wanted):
    if operator or wanted not in ("true", "false"):
        raise bad_request("proxied must be true or false")
    return lambda record: (record["service_mode"] == 1) == (wanted == "true")


def comment_filter(operator, wanted):
    if operator == "present":
        return lambda record: "comment" in record
    if operator == "absent":
        return lambda record: "comment" not in record
    inner = text_filter(lambda record: record.get("comment", ""))(operator, wanted)
    return lambda record: "comment" in record and inner(record)


def tag_filter(operator, wanted):
    name, dummy, value = wanted.partition(":")
    name = name.lower()

    def values(record):
        return [
            tag.partition(":")[2]
            for tag in record.get("tags", ())
            if tag.partition(":")[0] == name
        ]

    # [unconfirmed] notes 1.3: a plain `tag=name` tests presence, `tag=name:value` the value.
    if operator == "present" or (not operator and ":" not in wanted):
        return lambda record: bool(values(record))
    if operator == "absent":
        return lambda record: not values(record)
    operator = operator or "exact"
    if operator not in ("exact", "contains", "startswith", "endswith"):
        raise bad_request(f"unknown filter operator {operator!r}")
    return lambda record: any(
        text_match(operator, found, value) for found in values(record)
    )


def searched(record, wanted):
    """[unconfirmed] notes 1.3 leave `search` unspecified: a substring of name, content, comment or a tag."""
    wanted = wanted.lower()
    fields = [record["name"], v4_content(record), record.get("comment", "")] + list(
        record.get("tags", ())
    )
    return any(wanted in field.lower() for field in fields)


FILTERS = {
    # notes 1.3: since 2025-02-21 `name=contains:x` and comma lists are gone; values are literal.
    "name": text_filter(lambda record: record["name"]),
    "content": text_filter(v4_content),
    "type": type_filter,
    "proxied": proxied_filter,
    "comment": comment_filter,
    "tag": tag_filter,
}


# --- export as a BIND zone file ----------------------------------------------------------------------


def bind_text(zone, now):
    lines = [
        ";;",
        f";; Domain:     {zone.name}.",
        f";; Exported:   {iso_time(now)[:19].replace('T', ' ')}",
        ";;",
        ";; Exported by cfsim, the edgeops.cloudflare API simulator.",
        ";;",
        "",
        f"$ORIGIN {zone.name}.",
        "$TTL 3600",
        "",
        ";; SOA Record",
        f"{zone.name}.\t3600\tIN\tSOA\t{NAME_SERVERS[0]}. dns.cloudflare.com. 2050000000 10000 2400 604800 3600",
    ]
    records = [record for record in zone.records.values() if record["type"] in V4_TYPES]
    for rtype in sorted({record["type"] for record in records}):
        lines += ["", f";; {rtype} Records"]
        for record in sorted(
            (record for record in records if record["type"] == rtype),
            key=lambda rec: rec["name"],
        ):
            lines.append(
                f"{record['name']}.\t{record['ttl']}\tIN\t{rtype}\t{rdata(record)}{note(record)}"
            )
    return "\n".join(lines) + "\n"


def rdata(record):
    """The record's data in zone-file form: names absolute (with the final dot), TXT quoted."""
    rtype, content = record["type"], record["content"]
    if rtype in ("CNAME", "NS", "PTR"):
        return absolute(content)
    if rtype == "MX":
        return f"{record['prio']} {absolute(content)}"
    if rtype == "SRV":
        weight, port, target = content.split(" ", 2)
        return f"{record['prio']} {weight} {port} {absolute(target)}"
    if rtype == "TXT":
        return (
            content
            if content.startswith('"')
            else " ".join(
                '"{}"'.format(content[start : start + 255].replace('"', '\\"'))
                for start in range(0, len(content), 255)
            )
        )
    if rtype == "URI":
        return f"{record['prio']} {content}"
    if rtype in ("HTTPS", "SVCB", "NAPTR"):
        data = dict(record["data"])
        field = "replacement" if rtype == "NAPTR" else "target"
        data[field] = absolute(data[field])
        return data_text(rtype, data)
    return content


def absolute(name):
    return name if name.endswith(".") else name + "."


def note(record):
    """The zone-file comment: the record's comment, then cf_tags with its tags and, for the types
    that can be proxied, its proxy status. [unconfirmed] notes 1.3 give no export format.
    """
    tags = list(record.get("tags", ()))
    if record["type"] in ("A", "AAAA", "CNAME"):
        tags.append(f"cf-proxied:{'true' if record['service_mode'] else 'false'}")
    parts = ([record["comment"]] if "comment" in record else []) + (
        ["cf_tags=" + ",".join(tags)] if tags else []
    )
    return " ; " + " ".join(parts) if parts else ""
