# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DNS record model both faces share: names, v4 validation per type, v4 ids and views.

A stored record is one dict, whichever face wrote it:

    id            the v1 id, a decimal string (the v4 id is derived from it, see `v4_id`)
    name          full name, lower case, punycode
    type, ttl     ttl 1 means automatic
    content       the v1 presentation: SRV "weight port target", LOC RFC 1876 text, and for
                  the types v1 never knew the v4 presentation (e.g. CAA `0 issue "ca.example"`)
    prio          MX, SRV and URI priority, else None
    service_mode  1 when proxied

and, only when set, the v4 attributes: data (types v1 never knew), comment, tags, settings,
created_on, modified_on, comment_modified_on, tags_modified_on (ISO 8601 strings).

Validation here follows ../shared/docs/v4-api-notes.md ("notes 1.3" names its section 1.3)
and raises RecordError with the v4 error code; the v1 face keeps its own checks (v1state.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import ipaddress
import math
import re

V4_TYPES = (
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
PROXIABLE_TYPES = ("A", "AAAA", "CNAME")
# Types whose v4 answer carries `data`; SRV and LOC derive it from the shared content.
DATA_TYPES = (
    "CAA",
    "CERT",
    "DNSKEY",
    "DS",
    "HTTPS",
    "LOC",
    "NAPTR",
    "SMIMEA",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "URI",
)
PRIORITY_TYPES = ("MX", "URI")
CORE_KEYS = ("id", "name", "type", "content", "ttl", "prio", "service_mode")
V4_ATTRIBUTES = (
    "data",
    "comment",
    "tags",
    "settings",
    "created_on",
    "modified_on",
    "comment_modified_on",
    "tags_modified_on",
)
TIMESTAMPS = ("created_on", "modified_on", "comment_modified_on", "tags_modified_on")
SRV_PROTOCOLS = ("_tcp", "_udp", "_tls")
MAX_TXT_LENGTH = 2048  # [unconfirmed] notes 1.3 give 255-byte strings, not a total; v1state.py uses 2048 too.
TTL_AUTOMATIC = 1

# v4 error codes of DNS validation (notes 2). Since 2024-10-01 the root cause comes back directly,
# without the 1004 wrapper; where the notes name no code for a cause, 1004 stands for it.
CODE_VALIDATION = 1004  # [unconfirmed] notes 2: the generic "DNS Validation Error" code
CODE_A_CONTENT = 9005
CODE_AAAA_CONTENT = (
    9006  # [unconfirmed] notes 2 show 9005 for A only; AAAA takes the next code
)
CODE_PROXIED_TARGET = 9003
CODE_EXISTS = 81057
CODE_IDENTICAL = 81058
CODE_ADDRESS_NAME_TAKEN = 81053
CODE_CNAME_NAME_TAKEN = 81054
CODE_NS_NAME_TAKEN = 81056  # [unconfirmed] notes 1.3 give the NS rule, not its code

_LABEL = r"(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)"
HOSTNAME_RE = re.compile(rf"^(?:\*\.)?{_LABEL}(?:\.{_LABEL})*$")
TAG_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")
HEX_RE = re.compile(r"^(?:[0-9a-fA-F]{2})+$")
SVC_PARAM_RE = re.compile(r'^[a-z0-9-]+(?:=(?:"[^"]*"|[^\s"]+))?$')
NAPTR_FLAGS_RE = re.compile(r"^[A-Za-z0-9]*$")
LOC_PART = r"(\d{1,3})(?: (\d{1,2})(?: (\d{1,2}(?:\.\d{1,3})?))?)?"
LOC_TEXT_RE = re.compile(
    rf"^{LOC_PART} ([NS]) {LOC_PART} ([EW]) (-?\d+(?:\.\d+)?)m?((?: \d+(?:\.\d+)?m?){{0,3}})$",
    re.ASCII,
)
LOC_DEFAULT_SIZES = (
    1.0,
    10000.0,
    10.0,
)  # RFC 1876: size, horizontal and vertical precision
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
DIGEST_LENGTHS = {
    1: 40,
    2: 64,
    4: 96,
}  # DS digest types: hex digits of SHA-1, SHA-256, SHA-384
FINGERPRINT_LENGTHS = {1: 40, 2: 64}  # SSHFP fingerprint types: SHA-1, SHA-256
CAA_TAGS = ("issue", "issuewild", "iodef")


class RecordError(ValueError):
    """A record CloudFlare would refuse: the v4 code, a message, and the request field at fault."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def invalid(field, message, code=CODE_VALIDATION):
    return RecordError(code, message, field)


# --- names and ids -------------------------------------------------------------------------


def ascii_name(value):
    """A host name in lower-case punycode without the final dot; ValueError if it is not one."""
    name = value.strip().rstrip(".").lower()
    if not name.isascii():
        name = name.encode("idna").decode("ascii")
    if len(name) > 253 or not HOSTNAME_RE.match(name):
        raise ValueError("not a host name")
    return name


def in_zone(zone_name, name):
    """The full name of `name` (relative, `@`, or already full) in the zone."""
    if name == "@":
        return zone_name
    if name == zone_name or name.endswith("." + zone_name):
        return name
    return f"{name}.{zone_name}"


def v4_id(v1_id):
    """The 32-hex id v4 shows for a record: derived from its v1 id, so both ids are stable."""
    return hashlib.md5(
        f"cfsim-record:{v1_id}".encode(), usedforsecurity=False
    ).hexdigest()


def iso_time(epoch):
    """An epoch time as CloudFlare writes it: ISO 8601, microseconds, Z."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def is_proxiable(rtype, content):
    if rtype == "CNAME":
        return True
    if rtype not in ("A", "AAAA"):
        return False
    address = ipaddress.ip_address(content)
    private = any(
        address.version == network.version and address in network
        for network in PRIVATE_NETWORKS
    )
    return not (
        address.is_loopback
        or address.is_unspecified
        or address.is_link_local
        or address.is_multicast
        or private
    )


# --- numbers and strings in a request --------------------------------------------------------


def is_whole(value):
    """A JSON number that is a whole number: 2.0 counts; True, NaN and Infinity do not."""
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(value)
        and value == int(value)
    )


def whole(value, field, low, high):
    if not is_whole(value):
        raise invalid(field, f"{field} must be a whole number")
    if not low <= value <= high:
        raise invalid(field, f"{field} must be between {low} and {high}")
    return int(value)


def real(value, field, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid(field, f"{field} must be a number")
    if not low <= value <= high:
        raise invalid(field, f"{field} must be between {low:g} and {high:g}")
    return int(value) if value == int(value) else float(value)


def text(value, field, allow_empty=False):
    if not isinstance(value, str) or (not value and not allow_empty):
        raise invalid(field, f"{field} must be a non-empty string")
    return value


def hostname(value, field, allow_root=False):
    if allow_root and value == ".":
        return "."
    try:
        return ascii_name(text(value, field))
    except ValueError:
        raise invalid(field, f"{field} must be a host name") from None


def hex_string(value, field, length=None):
    value = text(value, field)
    if not HEX_RE.match(value) or (length is not None and len(value) != length):
        raise invalid(
            field, f"{field} must be {length or 'an even number of'} hexadecimal digits"
        )
    return value.lower()


def base64_string(value, field):
    value = text(value, field)
    try:
        base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        raise invalid(field, f"{field} must be Base64") from None
    return value


def quoted(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


# --- content of the types that take `content` ------------------------------------------------


def address_content(rtype, raw):
    version, code = (4, CODE_A_CONTENT) if rtype == "A" else (6, CODE_AAAA_CONTENT)
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        address = None
    if address is None or address.version != version:
        raise RecordError(
            code,
            f"Content for {rtype} record must be a valid IPv{version} address.",
            "content",
        )
    return str(address)


def txt_content(raw):
    if len(raw) > MAX_TXT_LENGTH:
        raise invalid(
            "content",
            f"Content for TXT record is longer than {MAX_TXT_LENGTH} characters.",
        )
    if any(ord(char) < 32 and char != "\t" for char in raw):
        raise invalid("content", "Content for TXT record contains control characters.")
    return raw


def content_of(rtype, body):
    """The stored content of a type that takes `content` (A, AAAA, CNAME, MX, NS, PTR, TXT, OPENPGPKEY)."""
    raw = body.get("content")
    if not isinstance(raw, str) or not raw.strip():
        raise invalid("content", f"Content for {rtype} record is required.")
    if rtype in ("A", "AAAA"):
        return address_content(rtype, raw)
    if rtype in ("CNAME", "MX", "NS", "PTR"):
        return hostname(raw, "content")
    if rtype == "OPENPGPKEY":
        return base64_string(raw, "content")
    return txt_content(raw)


# --- data of the structured types ------------------------------------------------------------


def srv_data(data):
    for retired in ("service", "proto", "name"):
        if retired in data:
            # notes 1.3: since 2024-05-31 an SRV's service/proto/name in data is an error.
            raise invalid(
                "data." + retired,
                f"data.{retired} is no longer supported for SRV records; put it in the name",
            )
    return {
        "priority": whole(data.get("priority"), "data.priority", 0, 65535),
        "weight": whole(data.get("weight"), "data.weight", 0, 65535),
        "port": whole(data.get("port"), "data.port", 0, 65535),
        "target": hostname(data.get("target"), "data.target", allow_root=True),
    }


def caa_data(data):
    tag = text(data.get("tag"), "data.tag").lower()
    if tag not in CAA_TAGS:
        raise invalid("data.tag", f"data.tag must be one of {', '.join(CAA_TAGS)}")
    return {
        "flags": whole(data.get("flags"), "data.flags", 0, 255),
        "tag": tag,
        "value": text(data.get("value"), "data.value"),
    }


def cert_data(data):
    return {
        "type": whole(data.get("type"), "data.type", 0, 65535),
        "key_tag": whole(data.get("key_tag"), "data.key_tag", 0, 65535),
        "algorithm": whole(data.get("algorithm"), "data.algorithm", 0, 255),
        "certificate": base64_string(data.get("certificate"), "data.certificate"),
    }


def dnskey_data(data):
    if data.get("protocol") != 3:
        raise invalid("data.protocol", "data.protocol must be 3 (RFC 4034)")
    return {
        "flags": whole(data.get("flags"), "data.flags", 0, 65535),
        "protocol": 3,
        "algorithm": whole(data.get("algorithm"), "data.algorithm", 0, 255),
        "public_key": base64_string(data.get("public_key"), "data.public_key"),
    }


def ds_data(data):
    digest_type = whole(data.get("digest_type"), "data.digest_type", 0, 255)
    return {
        "key_tag": whole(data.get("key_tag"), "data.key_tag", 0, 65535),
        "algorithm": whole(data.get("algorithm"), "data.algorithm", 0, 255),
        "digest_type": digest_type,
        "digest": hex_string(
            data.get("digest"), "data.digest", DIGEST_LENGTHS.get(digest_type)
        ),
    }


def svcb_data(data):
    priority = whole(data.get("priority"), "data.priority", 0, 65535)
    value = text(data.get("value", ""), "data.value", allow_empty=True).strip()
    if priority == 0 and value:
        raise invalid(
            "data.value",
            "data.value must be empty in a record of priority 0 (alias mode)",
        )
    if any(not SVC_PARAM_RE.match(param) for param in value.split()):
        raise invalid("data.value", 'data.value must be SvcParams such as alpn="h3,h2"')
    return {
        "priority": priority,
        "target": hostname(data.get("target"), "data.target", allow_root=True),
        "value": " ".join(value.split()),
    }


def naptr_data(data):
    flags = text(data.get("flags", ""), "data.flags", allow_empty=True)
    if not NAPTR_FLAGS_RE.match(flags):
        raise invalid("data.flags", "data.flags takes letters and digits only")
    return {
        "order": whole(data.get("order"), "data.order", 0, 65535),
        "preference": whole(data.get("preference"), "data.preference", 0, 65535),
        "flags": flags,
        "service": text(data.get("service", ""), "data.service", allow_empty=True),
        "regex": text(data.get("regex", ""), "data.regex", allow_empty=True),
        "replacement": hostname(
            data.get("replacement"), "data.replacement", allow_root=True
        ),
    }


def tlsa_data(data):
    return {
        "usage": whole(data.get("usage"), "data.usage", 0, 255),
        "selector": whole(data.get("selector"), "data.selector", 0, 255),
        "matching_type": whole(data.get("matching_type"), "data.matching_type", 0, 255),
        "certificate": hex_string(data.get("certificate"), "data.certificate"),
    }


def sshfp_data(data):
    kind = whole(data.get("type"), "data.type", 0, 255)
    return {
        "algorithm": whole(data.get("algorithm"), "data.algorithm", 0, 255),
        "type": kind,
        "fingerprint": hex_string(
            data.get("fingerprint"), "data.fingerprint", FINGERPRINT_LENGTHS.get(kind)
        ),
    }


def uri_data(data):
    return {
        "weight": whole(data.get("weight"), "data.weight", 0, 65535),
        "target": text(data.get("target"), "data.target"),
    }


LOC_WHOLE = (
    ("lat_degrees", 0, 90),
    ("lat_minutes", 0, 59),
    ("long_degrees", 0, 180),
    ("long_minutes", 0, 59),
)
LOC_REAL = (
    ("lat_seconds", 0, 59.999),
    ("long_seconds", 0, 59.999),
    ("altitude", -100000, 42849672.95),
    ("size", 0, 90000000),
    ("precision_horz", 0, 90000000),
    ("precision_vert", 0, 90000000),
)
LOC_DEFAULTS = {
    "lat_minutes": 0,
    "lat_seconds": 0,
    "long_minutes": 0,
    "long_seconds": 0,
    "size": 0,
    "precision_horz": 0,
    "precision_vert": 0,
}  # SCHEMA-2024 defaults (notes 3)


def loc_data(data):
    result = {}
    for fields, check in ((LOC_WHOLE, whole), (LOC_REAL, real)):
        for field, low, high in fields:
            result[field] = check(
                data.get(field, LOC_DEFAULTS.get(field)), "data." + field, low, high
            )
    for field, allowed in (
        ("lat_direction", ("N", "S")),
        ("long_direction", ("E", "W")),
    ):
        if data.get(field) not in allowed:
            raise invalid(
                "data." + field, f"data.{field} must be {' or '.join(allowed)}"
            )
        result[field] = data[field]
    return result


DATA_VALIDATORS = {
    "SRV": srv_data,
    "CAA": caa_data,
    "CERT": cert_data,
    "DNSKEY": dnskey_data,
    "DS": ds_data,
    "HTTPS": svcb_data,
    "SVCB": svcb_data,
    "NAPTR": naptr_data,
    "SMIMEA": tlsa_data,
    "TLSA": tlsa_data,
    "SSHFP": sshfp_data,
    "URI": uri_data,
    "LOC": loc_data,
}


def data_of(rtype, body):
    data = body.get("data")
    if not isinstance(data, dict):
        # [single-source] SCHEMA-2024 (notes 3): `data` is required and `content` read-only for these types.
        raise invalid("data", f"data is required for {rtype} records")
    return DATA_VALIDATORS[rtype](data)


# --- presentation of data as content, and back (SRV and LOC are stored as v1 content) ----------


def number_text(value, decimals):
    return (
        f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{int(value)}"
    )


def loc_text(data):
    """RFC 1876 text of LOC data, in the form v1's rec_new accepts."""

    def angle(prefix, direction):
        degrees, minutes, seconds = (
            data[prefix + "_degrees"],
            data[prefix + "_minutes"],
            data[prefix + "_seconds"],
        )
        return f"{degrees} {minutes} {number_text(seconds, 3)} {data[direction]}"

    sizes = " ".join(
        f"{number_text(data[field], 2)}m"
        for field in ("size", "precision_horz", "precision_vert")
    )
    latitude, longitude = angle("lat", "lat_direction"), angle("long", "long_direction")
    return f"{latitude} {longitude} {number_text(data['altitude'], 2)}m {sizes}"


def loc_from_text(content):
    """LOC data from RFC 1876 text. [unconfirmed] notes 1.3: absent sizes take the RFC defaults (1m,
    10000m, 10m), not SCHEMA-2024's 0, as v1 stored the text only."""
    match = LOC_TEXT_RE.match(content.strip())
    if match is None:
        raise ValueError("not LOC text")
    parts = match.groups()
    sizes = [float(size.rstrip("m")) for size in parts[9].split()] + list(
        LOC_DEFAULT_SIZES[len(parts[9].split()) :]
    )

    def num(raw):
        value = float(raw or 0)
        return int(value) if value == int(value) else value

    return {
        "lat_degrees": num(parts[0]),
        "lat_minutes": num(parts[1]),
        "lat_seconds": num(parts[2]),
        "lat_direction": parts[3],
        "long_degrees": num(parts[4]),
        "long_minutes": num(parts[5]),
        "long_seconds": num(parts[6]),
        "long_direction": parts[7],
        "altitude": num(parts[8]),
        "size": num(sizes[0]),
        "precision_horz": num(sizes[1]),
        "precision_vert": num(sizes[2]),
    }


def data_text(rtype, data):
    """The presentation form of structured data (the `content` v4 answers with)."""
    if rtype == "CAA":
        return f"{data['flags']} {data['tag']} {quoted(data['value'])}"
    if rtype == "CERT":
        return f"{data['type']} {data['key_tag']} {data['algorithm']} {data['certificate']}"
    if rtype == "DNSKEY":
        return f"{data['flags']} {data['protocol']} {data['algorithm']} {data['public_key']}"
    if rtype == "DS":
        return f"{data['key_tag']} {data['algorithm']} {data['digest_type']} {data['digest']}"
    if rtype in ("HTTPS", "SVCB"):
        return f"{data['priority']} {data['target']} {data['value']}".rstrip()
    if rtype == "NAPTR":
        flags, service, regex = (
            quoted(data["flags"]),
            quoted(data["service"]),
            quoted(data["regex"]),
        )
        return f"{data['order']} {data['preference']} {flags} {service} {regex} {data['replacement']}"
    if rtype in ("SMIMEA", "TLSA"):
        return f"{data['usage']} {data['selector']} {data['matching_type']} {data['certificate']}"
    if rtype == "SSHFP":
        return f"{data['algorithm']} {data['type']} {data['fingerprint']}"
    if rtype == "URI":
        # [unconfirmed] notes 1.3 give URI's data, not its content: weight and quoted target.
        return f"{data['weight']} {quoted(data['target'])}"
    raise KeyError(rtype)


def v4_data(record):
    """The `data` of a stored record as v4 shows it, or None for the types without data."""
    rtype = record["type"]
    if rtype == "SRV":
        weight, port, target = record["content"].split(" ", 2)
        return {
            "priority": record["prio"],
            "weight": int(weight),
            "port": int(port),
            "target": target,
        }
    if rtype == "LOC":
        return loc_from_text(record["content"])
    return record.get("data")


def v4_content(record):
    if record["type"] == "SRV":
        # [single-source] notes 1.3 (SDK SRVRecord.content): "Priority, weight, port, and SRV target".
        return f"{record['prio']} {record['content']}"
    return record["content"]


# --- a whole record from a v4 request body ---------------------------------------------------


def fields_of(zone_name, body):
    """name, type, content, prio and data of a create/overwrite body (v4 rules)."""
    rtype = body.get("type")
    if rtype not in V4_TYPES:
        hint = "; write SPF as TXT" if rtype == "SPF" else ""
        raise invalid("type", f"Invalid DNS record type {rtype!r}{hint}.")
    raw_name = body.get("name")
    if not isinstance(raw_name, str) or not raw_name.strip() or len(raw_name) > 255:
        raise invalid("name", "DNS name is invalid.")
    try:
        name = in_zone(
            zone_name, ascii_name(raw_name) if raw_name.strip() != "@" else "@"
        )
    except ValueError:
        raise invalid("name", "DNS name is invalid.") from None
    if len(name) > 253:
        raise invalid("name", "DNS name is invalid.")
    fields = {"name": name, "type": rtype, "prio": None, "data": None}
    if rtype in PRIORITY_TYPES:
        fields["prio"] = whole(body.get("priority"), "priority", 0, 65535)
    if rtype not in DATA_TYPES:
        fields["content"] = content_of(rtype, body)
        return fields
    data = data_of(rtype, body)
    if rtype == "SRV":
        check_srv_name(name, zone_name)
        fields.update(
            prio=data["priority"],
            content=f"{data['weight']} {data['port']} {data['target']}",
        )
    elif rtype == "LOC":
        fields["content"] = loc_text(data)
    else:
        fields.update(data=data, content=data_text(rtype, data))
    return fields


def check_srv_name(name, zone_name):
    labels = name.split(".")
    owner_ok = len(labels) > 2 and (
        ".".join(labels[2:]) == zone_name
        or ".".join(labels[2:]).endswith("." + zone_name)
    )
    if not (
        labels[0].startswith("_")
        and len(labels[0]) > 1
        and labels[1] in SRV_PROTOCOLS
        and owner_ok
    ):
        raise invalid(
            "name",
            f"SRV record names are _service._proto.name, e.g. _sip._tcp.{zone_name}",
        )


def ttl_of(value, plan, proxied):
    """1 (automatic) or 60-86400; 30 on Enterprise (notes 1.3). A proxied record's TTL is automatic."""
    if value is None:
        return TTL_AUTOMATIC
    low = 30 if plan == "enterprise" else 60
    if not is_whole(value) or not (value == TTL_AUTOMATIC or low <= value <= 86400):
        raise invalid(
            "ttl", f"TTL must be between {low} and 86400 seconds, or 1 for Automatic."
        )
    # [single-source] notes 1.3: a proxied record's TTL is Auto and cannot be edited; a sent TTL is ignored.
    return TTL_AUTOMATIC if proxied else int(value)


def proxied_of(value, fields):
    if value is None or value is False:
        return False
    if value is not True:
        raise invalid("proxied", "proxied must be true or false")
    if fields["type"] not in PROXIABLE_TYPES:
        # [unconfirmed] notes 1.3 name no code for proxying an unproxiable type.
        raise invalid("proxied", f"A {fields['type']} record cannot be proxied.")
    if not is_proxiable(fields["type"], fields["content"]):
        raise RecordError(
            CODE_PROXIED_TARGET,
            f"Target {fields['content']} is not allowed for a proxied record.",
            "proxied",
        )
    return True


# Per-plan limits of comments and tags. [unconfirmed] notes 1.3: comments of up to 100
# characters on Free are mentioned, tags are paid-plan only; the paid limits are not sourced.
COMMENT_LIMITS = {"free": 100, "pro": 500, "business": 500, "enterprise": 500}
TAG_LIMITS = {"free": 0, "pro": 20, "business": 50, "enterprise": 1000}


def comment_of(value, plan):
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise invalid("comment", "comment must be a string")
    if "\n" in value or "\r" in value:
        raise invalid("comment", "comment must not contain line breaks")
    if len(value) > COMMENT_LIMITS[plan]:
        raise invalid(
            "comment",
            f"comment is longer than the {COMMENT_LIMITS[plan]} characters of the {plan} plan",
        )
    return value


def tags_of(value, plan):
    """Tags as name:value with the name in lower case; duplicates dropped (notes 1.3)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise invalid("tags", "tags must be a list of strings")
    tags = []
    for tag in value:
        name, colon, tag_value = tag.partition(":")
        if not colon or not TAG_NAME_RE.match(name):
            raise invalid(
                "tags",
                f"tag {tag!r} is not name:value with a name of letters, digits, - and _",
            )
        normal = f"{name.lower()}:{tag_value}"
        if normal not in tags:
            tags.append(normal)
    if len(tags) > TAG_LIMITS[plan]:
        raise invalid(
            "tags", f"the {plan} plan allows {TAG_LIMITS[plan]} tags per record"
        )
    return tags


def settings_of(value, rtype, plan):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise invalid("settings", "settings must be an object")
    allowed = (
        ("ipv4_only", "ipv6_only", "flatten_cname")
        if rtype == "CNAME"
        else ("ipv4_only", "ipv6_only")
    )
    settings = {}
    for key, flag in value.items():
        if key not in allowed:
            raise invalid(
                "settings." + key, f"settings.{key} does not apply to {rtype} records"
            )
        if not isinstance(flag, bool):
            raise invalid("settings." + key, f"settings.{key} must be true or false")
        settings[key] = flag
    if settings.get("ipv4_only") and settings.get("ipv6_only"):
        raise invalid("settings", "ipv4_only and ipv6_only cannot both be true")
    if settings.get("flatten_cname") and plan == "free":
        # notes 1.3: flatten_cname is for CNAME records on paid plans.
        raise invalid(
            "settings.flatten_cname", "settings.flatten_cname needs a paid plan"
        )
    return settings


def build(zone_name, plan, body):
    """Every stored field a v4 create or overwrite sets, validated; RecordError otherwise."""
    fields = fields_of(zone_name, body)
    proxied = proxied_of(body.get("proxied"), fields)
    fields.update(
        service_mode=int(proxied),
        ttl=ttl_of(body.get("ttl"), plan, proxied),
        comment=comment_of(body.get("comment"), plan),
        tags=tags_of(body.get("tags"), plan),
        settings=settings_of(body.get("settings"), fields["type"], plan),
    )
    return fields


def stored(fields):
    """A stored record from its fields: the core keys, and the v4 attributes that are set."""
    record = {key: fields[key] for key in CORE_KEYS}
    record.update(
        (key, fields[key])
        for key in V4_ATTRIBUTES
        if fields.get(key) not in (None, [], {})
    )
    return record


def v4_attributes(seed, plan, rtype):
    """The v4 attributes a seed record gives (comment, tags, settings, timestamps), validated."""
    attributes = {
        "comment": comment_of(seed.get("comment"), plan),
        "tags": tags_of(seed.get("tags"), plan),
        "settings": settings_of(seed.get("settings"), rtype, plan),
    }
    attributes.update((key, str(seed[key])) for key in TIMESTAMPS if seed.get(key))
    return {
        key: value for key, value in attributes.items() if value not in (None, [], {})
    }


def v4_body(record):
    """A stored record as the body that would create it (the base a PATCH edits)."""
    body = {
        "type": record["type"],
        "name": record["name"],
        "ttl": record["ttl"],
        "proxied": record["service_mode"] == 1,
        "comment": record.get("comment"),
        "tags": list(record.get("tags") or []),
        "settings": dict(record.get("settings") or {}),
    }
    if record["type"] in DATA_TYPES:
        body["data"] = v4_data(record)
    else:
        body["content"] = record["content"]
    if record["type"] in PRIORITY_TYPES:
        body["priority"] = record["prio"]
    return body


# --- conflicts (notes 1.3: CNAME beside other records, NS beside other types) -------------------


def conflict(new, neighbours):
    """The RecordError a record would meet among the other records of its name, or None."""
    for other in neighbours:
        if (
            other["type"] == new["type"]
            and other["content"] == new["content"]
            and other["prio"] == new["prio"]
        ):
            if (
                other["ttl"] == new["ttl"]
                and other["service_mode"] == new["service_mode"]
            ):
                return RecordError(
                    CODE_IDENTICAL, "An identical record already exists."
                )
            # [unconfirmed] notes 2: 81057 for the same record with other TTL or proxy status.
            return RecordError(CODE_EXISTS, "Record already exists.")
    for other in neighbours:
        error = type_clash(new["type"], other["type"])
        if error is not None:
            return error
    return None


def type_clash(new_type, other_type):
    if "CNAME" in (new_type, other_type):
        if new_type in PROXIABLE_TYPES and other_type in PROXIABLE_TYPES:
            return RecordError(
                CODE_ADDRESS_NAME_TAKEN,
                "An A, AAAA, or CNAME record with that host already exists.",
            )
        return RecordError(
            CODE_CNAME_NAME_TAKEN, "A CNAME record with that host already exists."
        )
    if "NS" in (new_type, other_type) and new_type != other_type:
        return RecordError(
            CODE_NS_NAME_TAKEN,
            "An NS record cannot share its host with records of other types.",
        )
    return None
