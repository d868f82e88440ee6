# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Record content in normalised form, per type, and the checks of what a value means.

Pure and backend-neutral: an IPv6 address compressed, host names lower case without the
trailing dot, LOC and SRV content in their text forms within their ranges, text within the
API's length; numbers that are whole numbers, never booleans.
"""

from __future__ import annotations

import ipaddress
import math
import re

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_hostname,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import shown

HOSTNAME_CONTENT_TYPES = ("CNAME", "MX", "NS")
MAX_UINT16 = 65535
# The longest TXT/SPF content the API takes, in characters.
MAX_TEXT_LENGTH = 2048

# RFC 1876 text form: d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]
_LOC_RE = re.compile(
    r"^(?P<lat>\d{1,2})(?: (?P<lat_min>\d{1,2})(?: (?P<lat_sec>\d{1,2}(?:\.\d{1,3})?))?)? [NS] "
    r"(?P<long>\d{1,3})(?: (?P<long_min>\d{1,2})(?: (?P<long_sec>\d{1,2}(?:\.\d{1,3})?))?)? [EW] "
    r"(?P<alt>-?\d{1,8}(?:\.\d{1,2})?)m?(?P<sizes>(?: \d{1,8}(?:\.\d{1,2})?m?){0,3})$",
    re.ASCII,
)
# RFC 1876 section 3: the ranges of the text form.
LOC_ALTITUDE = (-100000.0, 42849672.95)
LOC_SIZE_MAX = 90000000.0
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

    A/AAAA: canonical address (IPv6 compressed, lower case); CNAME/MX/NS: host name;
    LOC: single spaces; SRV: ``weight port target``; TXT/SPF: verbatim.
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
    """LOC content with single spaces, in RFC 1876 text form and within its ranges."""
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
    return text


def _meters(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + " m"


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
    """TXT/SPF content, verbatim, within the API's length and without control characters but tab."""
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
