# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Record content in normalised form, per type, and the checks of what a value means.

Pure and backend-neutral: an IPv6 address compressed, host names lower case without the
trailing dot, LOC and SRV content in their text forms within their ranges, text within the
API's length; numbers that are whole numbers, never booleans.

The structured types (CAA, CERT, DNSKEY, DS, HTTPS, NAPTR, SMIMEA, SSHFP, SVCB, TLSA, URI)
have named fields; their content is the DNS presentation form of the fields, in one canonical
spelling (numbers as digits, hex in lower case, Base64 without spaces, text fields quoted),
so every spelling of one record compares equal.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import ipaddress
import math
import re
from collections.abc import Callable

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_hostname,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import shown

HOSTNAME_CONTENT_TYPES = ("CNAME", "MX", "NS", "PTR")
MAX_UINT8 = 255
MAX_UINT16 = 65535
# The longest TXT/SPF content the API takes, in characters.
MAX_TEXT_LENGTH = 2048
# The longest character string of a TXT record, in bytes (RFC 1035 3.3); longer text is split.
TXT_STRING_BYTES = 255

# RFC 1876 text form: d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]
_LOC_RE = re.compile(
    r"^(?P<lat>\d{1,2})(?: (?P<lat_min>\d{1,2})(?: (?P<lat_sec>\d{1,2}(?:\.\d{1,3})?))?)? (?P<lat_dir>[NS]) "
    r"(?P<long>\d{1,3})(?: (?P<long_min>\d{1,2})(?: (?P<long_sec>\d{1,2}(?:\.\d{1,3})?))?)? (?P<long_dir>[EW]) "
    r"(?P<alt>-?\d{1,8}(?:\.\d{1,2})?)m?(?P<sizes>(?: \d{1,8}(?:\.\d{1,2})?m?){0,3})$",
    re.ASCII,
)
# RFC 1876 section 3: the ranges of the text form.
LOC_ALTITUDE = (-100000.0, 42849672.95)
LOC_SIZE_MAX = 90000000.0
# RFC 1876 section 3: size, horizontal and vertical precision when the text leaves them out.
LOC_DEFAULT_SIZES = (1.0, 10000.0, 10.0)
# Addresses CloudFlare cannot proxy besides loopback, link-local, multicast and unspecified ones.
_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)


def is_routable(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (
        address.is_loopback
        or address.is_unspecified
        or address.is_link_local
        or address.is_multicast
        or any(address in network for network in _PRIVATE_NETWORKS)
    )


def normalize_content(rtype: str, content: str) -> str:
    """Content in normalised form for its type; raises InputProblem when it is not valid for the type.

    A/AAAA: canonical address (IPv6 compressed, lower case); CNAME/MX/NS/PTR: host name;
    LOC: every field, in fixed form; SRV: ``weight port target``; the structured types: their
    fields in presentation form; OPENPGPKEY: Base64 without spaces; TXT/SPF: the text, without
    the quotes of a single character string or of the 255-byte strings long text is split into.
    """
    if rtype in ("A", "AAAA"):
        version = 4 if rtype == "A" else 6
        try:
            address = ipaddress.ip_address(content.strip())
        except ValueError:
            address = None
        if address is None or address.version != version:
            raise InputProblem(
                f"{rtype} content {shown(content)} is not an IPv{version} address"
            )
        scope = getattr(address, "scope_id", None)
        if scope:
            raise InputProblem(
                f"{rtype} content {shown(content)} has a zone index (%{scope}), which "
                "only means something on one host: give the address alone"
            )
        return str(address)
    if rtype in HOSTNAME_CONTENT_TYPES:
        return _target(content, f"{rtype} content", rtype != "CNAME")
    if rtype == "LOC":
        return _loc(content)
    if rtype == "SRV":
        parts = content.split()
        if len(parts) != 3:
            raise InputProblem(
                f"SRV content {shown(content)} is not 'weight port target'"
            )
        weight = uint16(parts[0], "SRV weight")
        port = uint16(parts[1], "SRV port")
        return f"{weight} {port} {_target(parts[2], 'SRV target', True)}"
    if rtype in STRUCTURED_FIELDS:
        return structured_content(rtype, structured_fields(rtype, content))
    if rtype == "OPENPGPKEY":
        return _base64(content, "OPENPGPKEY content")
    return _text(rtype, content)


def _target(value: str, what: str, host_only: bool) -> str:
    """A host name in content; with ``host_only`` an IP address is refused (MX, NS and SRV name hosts)."""
    if host_only and is_ip_literal(value.strip().rstrip(".")):
        raise InputProblem(
            f"{what} {shown(value)} is an IP address, but it must name a host: give the host's "
            "name, and an A or AAAA record for its address"
        )
    return normalize_hostname(value, what)


def _loc(content: str) -> str:
    """LOC content in RFC 1876 text form within its ranges, every field written out.

    ``51 30 12.748 N 0 7 39.611 W 0.00m`` becomes ``51 30 12.748 N 0 7 39.611 W 0m 1m 10000m 10m``:
    the form does not depend on how the numbers were spelt or which defaults were left out.
    """
    text = " ".join(content.split())
    match = _LOC_RE.match(text)
    if not match:
        raise InputProblem(
            f"LOC content {shown(content)} is not in RFC 1876 text form "
            "(for example '51 30 12.748 N 0 7 39.611 W 0.00m')"
        )
    out_of_range = [
        problem
        for problem in (
            _loc_angle(match, "lat", 90, "latitude"),
            _loc_angle(match, "long", 180, "longitude"),
        )
        if problem
    ]
    altitude = float(match.group("alt"))
    if not LOC_ALTITUDE[0] <= altitude <= LOC_ALTITUDE[1]:
        out_of_range.append(
            f"altitude {_meters(altitude)} is outside {_meters(LOC_ALTITUDE[0])} to "
            f"{_meters(LOC_ALTITUDE[1])}"
        )
    sizes = [float(size.rstrip("m")) for size in match.group("sizes").split()]
    if any(size > LOC_SIZE_MAX for size in sizes):
        out_of_range.append(f"size and precision go up to {_meters(LOC_SIZE_MAX)}")
    if out_of_range:
        raise InputProblem(
            f"LOC content {shown(content)} is out of range: {'; '.join(out_of_range)}"
        )
    sizes += LOC_DEFAULT_SIZES[len(sizes) :]
    angles = [
        f"{int(match.group(prefix))} {int(match.group(prefix + '_min') or 0)} "
        f"{_decimal(float(match.group(prefix + '_sec') or 0), 3)} {match.group(prefix + '_dir')}"
        for prefix in ("lat", "long")
    ]
    return " ".join(angles + [f"{_decimal(value, 2)}m" for value in [altitude, *sizes]])


def _decimal(value: float, places: int) -> str:
    """A number with at most ``places`` decimals and no trailing zeros: 12.748, 0, 10000."""
    return f"{value + 0.0:.{places}f}".rstrip("0").rstrip(".")


def _meters(value: float) -> str:
    return _decimal(value, 2) + " m"


def _loc_angle(match, prefix: str, degrees_max: int, what: str) -> str | None:
    degrees = int(match.group(prefix))
    minutes = int(match.group(prefix + "_min") or 0)
    seconds = float(match.group(prefix + "_sec") or 0)
    if minutes > 59 or seconds >= 60:
        return f"{what} minutes and seconds go from 0 to 59"
    if degrees > degrees_max or (degrees == degrees_max and (minutes or seconds)):
        return f"{what} goes up to {degrees_max} degrees"
    return None


def _text(rtype: str, content: str) -> str:
    """TXT/SPF content within the API's length and without control characters but tab.

    Text is kept as it is, except content that is all quoted character strings: one string, or
    long text split into strings of 255 bytes (as API v4 returns it), is the text they hold;
    other strings stay quoted, one space apart (``"a" "b"`` holds two strings).
    """
    strings = _character_strings(content)
    if strings is not None:
        whole = len(strings) == 1 or all(
            len(string.encode()) == TXT_STRING_BYTES for string in strings[:-1]
        )
        content = "".join(strings) if whole else " ".join(map(quoted, strings))
    if not content.strip():
        raise InputProblem(f"{rtype} content is empty")
    if len(content) > MAX_TEXT_LENGTH:
        raise InputProblem(
            f"{rtype} content {shown(content)} is longer than the {MAX_TEXT_LENGTH} characters "
            "the API takes"
        )
    control = next((char for char in content if ord(char) < 32 and char != "\t"), None)
    if control is not None:
        raise InputProblem(
            f"{rtype} content {shown(content)} holds the control character {control!r}; "
            "only tab is allowed"
        )
    return content


def whole_number(value, what: str) -> int:
    """``value`` as an int: an int, a float without fraction or a string of digits, never a boolean."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,12}\s*", value):
        return int(value)
    raise InputProblem(f"{what} {shown(value)} is not a whole number")


def uint16(value, what: str) -> int:
    number = whole_number(value, what)
    if not 0 <= number <= MAX_UINT16:
        raise InputProblem(f"{what} {number} is outside 0-{MAX_UINT16}")
    return number


def content_text(value) -> str | None:
    """Content as text: a string as it is, a number as its digits; a mapping, list or boolean is refused."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputProblem(
        f"content must be text, but it is a {_kind(value)} ({shown(value)})"
    )


def _kind(value) -> str:
    return {bool: "boolean", dict: "mapping", list: "list"}.get(
        type(value), type(value).__name__
    )


def is_ip_literal(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def quoted(value: str) -> str:
    """``value`` as a quoted character string of the presentation form (``\\`` and ``"`` escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# One token of the presentation form: a quoted character string or a bare word.
_TOKEN_RE = re.compile(
    r'"(?P<quoted>(?:[^"\\]|\\.)*)"(?=\s|$)|(?P<bare>[^\s"]+)(?=\s|$)'
)
_ESCAPE_RE = re.compile(r"\\(\d{3}|.)")


def _unescaped(text: str) -> str:
    return _ESCAPE_RE.sub(
        lambda match: (
            chr(int(match.group(1))) if len(match.group(1)) == 3 else match.group(1)
        ),
        text,
    )


def _next_token(content: str, start: int) -> tuple[str, int] | None:
    """The token of ``content`` at or after ``start`` (quotes and escapes removed) and where it ends."""
    position = len(content) - len(content[start:].lstrip())
    match = _TOKEN_RE.match(content, position)
    if match is None:
        return None
    if match.group("bare") is not None:
        return match.group("bare"), match.end()
    return _unescaped(match.group("quoted")), match.end()


def _character_strings(content: str) -> list[str] | None:
    """The strings of content made only of quoted character strings, else None."""
    strings = []
    position = 0
    while content[position:].strip():
        token = _next_token(content, position)
        if token is None or content[position : token[1]].lstrip()[:1] != '"':
            return None
        strings.append(token[0])
        position = token[1]
    return strings or None


def _uint8(value, what: str) -> int:
    number = whole_number(value, what)
    if not 0 <= number <= MAX_UINT8:
        raise InputProblem(f"{what} {number} is outside 0-{MAX_UINT8}")
    return number


def _dnskey_protocol(value, what: str) -> int:
    if _uint8(value, what) != DNSKEY_PROTOCOL:
        raise InputProblem(f"{what} must be {DNSKEY_PROTOCOL} (RFC 4034)")
    return DNSKEY_PROTOCOL


def _string(value, what: str) -> str:
    if not isinstance(value, str):
        raise InputProblem(f"{what} must be text, but it is {shown(value)}")
    control = next((char for char in value if ord(char) < 32 and char != "\t"), None)
    if control is not None:
        raise InputProblem(
            f"{what} {shown(value)} holds the control character {control!r}"
        )
    return value


def _filled(value, what: str) -> str:
    text = _string(value, what)
    if not text:
        raise InputProblem(f"{what} must not be empty")
    return text


def _unspaced(value, what: str) -> str:
    """Text in which white space (line breaks too) does not count, as in hex and Base64."""
    if not isinstance(value, str) or not value.strip():
        raise InputProblem(f"{what} must be non-empty text, but it is {shown(value)}")
    return "".join(value.split())


def _host_or_root(value, what: str) -> str:
    """A target host name, or ``.`` for none (SVCB/HTTPS alias to the owner, NAPTR without replacement)."""
    text = _filled(value, what).strip()
    return "." if text == "." else _target(text, what, True)


def _hex(value, what: str) -> str:
    text = _unspaced(value, what).lower()
    if not _HEX_RE.match(text):
        raise InputProblem(
            f"{what} {shown(value)} is not an even number of hexadecimal digits"
        )
    return text


def _base64(value, what: str) -> str:
    text = _unspaced(value, what)
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InputProblem(f"{what} {shown(value)} is not Base64") from None
    return text


def _caa_tag(value, what: str) -> str:
    tag = _filled(value, what).strip().lower()
    if tag not in CAA_TAGS:
        raise InputProblem(f"{what} {shown(value)} is not one of {', '.join(CAA_TAGS)}")
    return tag


def _naptr_flags(value, what: str) -> str:
    flags = _string(value, what)
    if not _NAPTR_FLAGS_RE.match(flags):
        raise InputProblem(f"{what} {shown(value)} may hold letters and digits only")
    return flags


def _svc_params(value, what: str) -> str:
    params = _string(value, what).split()
    bad = [param for param in params if not _SVC_PARAM_RE.match(param)]
    if bad:
        raise InputProblem(
            f"{what} {shown(bad[0])} is not a SvcParam such as alpn=h3,h2 or port=8443"
        )
    return " ".join(params)


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a structured type: its option name, its check, and how the content shows it.

    ``quoted`` fields are character strings in the content; a ``rest`` field takes whatever the
    content holds after the fields before it; a field with a ``default`` may be left out.
    """

    name: str
    check: Callable
    quoted: bool = False
    rest: bool = False
    default: str | int | None = None


CAA_TAGS = ("issue", "issuewild", "iodef")
# RFC 4034 2.1.2: the protocol of a DNSKEY record is always 3.
DNSKEY_PROTOCOL = 3
# Hex digits of a DS digest per digest type (SHA-1, SHA-256, SHA-384), and of an SSHFP
# fingerprint per fingerprint type (SHA-1, SHA-256); other types take any length.
DS_DIGEST_LENGTHS = {1: 40, 2: 64, 4: 96}
SSHFP_FINGERPRINT_LENGTHS = {1: 40, 2: 64}
_HEX_RE = re.compile(r"^(?:[0-9a-f]{2})+$")
_NAPTR_FLAGS_RE = re.compile(r"^[A-Za-z0-9]*$")
_SVC_PARAM_RE = re.compile(r'^[a-z0-9-]+(?:=(?:"[^"]*"|[^\s"]+))?$')

_SVCB = (
    Field("priority", uint16),
    Field("target", _host_or_root),
    Field("svc_params", _svc_params, rest=True, default=""),
)
_TLSA = (
    Field("usage", _uint8),
    Field("selector", _uint8),
    Field("matching_type", _uint8),
    Field("certificate", _hex, rest=True),
)
# The fields of each structured type, in the order of its presentation form (SRV, whose fields
# are in its name and content, is read by the record model itself).
STRUCTURED_FIELDS = {
    "CAA": (
        Field("flags", _uint8),
        Field("tag", _caa_tag),
        Field("caa_value", _filled, quoted=True),
    ),
    "CERT": (
        Field("cert_type", uint16),
        Field("key_tag", uint16),
        Field("algorithm", _uint8),
        Field("certificate", _base64, rest=True),
    ),
    "DNSKEY": (
        Field("flags", uint16),
        Field("protocol", _dnskey_protocol, default=DNSKEY_PROTOCOL),
        Field("algorithm", _uint8),
        Field("public_key", _base64, rest=True),
    ),
    "DS": (
        Field("key_tag", uint16),
        Field("algorithm", _uint8),
        Field("digest_type", _uint8),
        Field("digest", _hex, rest=True),
    ),
    "HTTPS": _SVCB,
    "NAPTR": (
        Field("order", uint16),
        Field("preference", uint16),
        Field("flags", _naptr_flags, quoted=True, default=""),
        Field("service", _string, quoted=True, default=""),
        Field("regex", _string, quoted=True, default=""),
        Field("replacement", _host_or_root),
    ),
    "SMIMEA": _TLSA,
    "SSHFP": (
        Field("algorithm", _uint8),
        Field("fingerprint_type", _uint8),
        Field("fingerprint", _hex, rest=True),
    ),
    "SVCB": _SVCB,
    "TLSA": _TLSA,
    "URI": (Field("weight", uint16), Field("target", _filled, quoted=True)),
}


def structured_fields(rtype: str, content: str) -> dict:
    """The fields of structured content, as they are written in it (checked by ``structured_content``)."""
    fields = STRUCTURED_FIELDS[rtype]
    values: dict = {}
    position = 0
    for field in fields:
        if field.rest:
            values[field.name] = content[position:].strip()
            position = len(content)
            continue
        token = _next_token(content, position)
        if token is None:
            break
        values[field.name], position = token
    if len(values) < len(fields) or content[position:].strip():
        form = " ".join(
            quoted(field.name) if field.quoted else field.name for field in fields
        )
        raise InputProblem(f"{rtype} content {shown(content)} is not '{form}'")
    return values


def structured_content(rtype: str, values: dict) -> str:
    """The canonical content of a structured type from its fields; raises InputProblem listing what is wrong.

    A field missing from ``values`` (or None) takes its default; one without a default is an error.
    """
    problems = []
    checked = {}
    for field in STRUCTURED_FIELDS[rtype]:
        value = values.get(field.name)
        if value is None:
            value = field.default
        if value is None:
            problems.append(f"{field.name} is missing")
            continue
        try:
            checked[field.name] = field.check(value, f"{rtype} {field.name}")
        except InputProblem as problem:
            problems.append(str(problem))
    if not problems:
        problems = _field_agreement(rtype, checked)
    if problems:
        raise InputProblem("; ".join(problems))
    return " ".join(
        part
        for part in (
            quoted(checked[field.name]) if field.quoted else str(checked[field.name])
            for field in STRUCTURED_FIELDS[rtype]
        )
        if part
    )


def _field_agreement(rtype: str, values: dict) -> list[str]:
    """What fields that are each valid get wrong together."""
    length = None
    if rtype == "DS":
        what, length = "digest", DS_DIGEST_LENGTHS.get(values["digest_type"])
    elif rtype == "SSHFP":
        what, length = "fingerprint", SSHFP_FINGERPRINT_LENGTHS.get(
            values["fingerprint_type"]
        )
    if length is not None and len(values[what]) != length:
        kind = "digest_type" if rtype == "DS" else "fingerprint_type"
        return [
            f"{rtype} {what} must be {length} hexadecimal digits for {kind} {values[kind]}"
        ]
    if rtype in ("HTTPS", "SVCB") and values["priority"] == 0 and values["svc_params"]:
        return [f"{rtype} svc_params must be empty with priority 0 (alias mode)"]
    return []
