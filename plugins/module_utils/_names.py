# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Names as the API knows them: zones, record names, host names, and IP addresses.

The one place that turns what a user types into a DNS name: lower case, no trailing dot,
IDNA 2008 for non-ASCII labels, at most 253 characters. Every module and backend uses it.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import shown

try:
    import idna
except ImportError:
    HAS_IDNA = False
else:
    HAS_IDNA = True

MAX_NAME_LENGTH = 253

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME_RE = re.compile(rf"^(?:\*\.)?{_LABEL}(?:\.{_LABEL})*$")


def _ascii_name(value: str) -> str:
    """Lower case, no surrounding blanks or trailing dot, IDNA 2008 (punycode) for non-ASCII labels.

    Each non-ASCII label goes through the UTS 46 mapping and then IDNA 2008. The mapping may
    change characters (a zero-width space vanishes, fullwidth letters become ASCII, ``ß`` would
    become ``ss`` under IDNA 2003): a name the conversion changes beyond case is refused, so a
    task never writes to another name than the one its author typed.
    """
    name = value.strip().rstrip(".")
    if name.isascii():
        return name.lower()
    if not HAS_IDNA:
        raise InputProblem(
            f"{shown(value)} has non-ASCII characters, which need the Python package idna"
        )
    return ".".join(_ascii_label(label, value) for label in name.split("."))


def _ascii_label(label: str, name: str) -> str:
    if label.isascii():
        return label.lower()
    try:
        mapped = idna.uts46_remap(label, std3_rules=True, transitional=False)
        encoded = idna.alabel(mapped).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise InputProblem(
            f"{shown(name)} is not a valid internationalised DNS name ({exc})"
        ) from None
    if mapped != unicodedata.normalize("NFC", label).lower():
        raise InputProblem(
            f"{shown(name)} would change in conversion to a DNS name ({label!r} becomes "
            f"{mapped!r}); write the name as it should be"
        )
    return encoded


def _check_hostname(name: str, original: str, what: str) -> str:
    if len(name) > MAX_NAME_LENGTH:
        raise InputProblem(
            f"{what} {shown(original)} is longer than {MAX_NAME_LENGTH} characters"
        )
    if not _HOSTNAME_RE.match(name):
        raise InputProblem(f"{what} {shown(original)} is not a valid DNS name")
    return name


def api_name(name: str) -> str:
    """A name as the API reported it, in the form names compare in: lower case, no trailing dot, not checked."""
    return name.strip().rstrip(".").lower()


def normalize_zone(zone: str) -> str:
    """The zone name as the API knows it: lower case, no trailing dot; InputProblem if invalid."""
    return _check_hostname(_ascii_name(zone), zone, "zone")


def checked_zone(value: str) -> str:
    """normalize_zone for a module's ``zone`` option: ValidationError instead of InputProblem."""
    try:
        return normalize_zone(value)
    except InputProblem as problem:
        raise ValidationError(problems=[str(problem)]) from None


def normalize_hostname(value: str, what: str = "host name") -> str:
    """A host name in content (CNAME/MX/NS target, SRV target): lower case, no trailing dot."""
    return _check_hostname(_ascii_name(value), value, what)


def normalize_name(name: str, zone: str) -> str:
    """The full name of ``name`` in ``zone`` (already normalised).

    ``@`` and the zone name are the apex. A name ending in the zone is full, with or without
    the trailing dot; any other name is relative to the zone, unless it ends in a dot, which
    makes it absolute and so outside the zone.
    """
    text = name.strip()
    if text == "@":
        return zone
    if not text.rstrip("."):
        raise InputProblem("name must not be empty (use @ for the zone apex)")
    full = _ascii_name(text)
    if full != zone and not full.endswith("." + zone):
        if text.endswith("."):
            raise InputProblem(f"name {name!r} is outside the zone {zone}")
        full = f"{full}.{zone}"
    return _check_hostname(full, name, "name")


def relative_name(name: str, zone: str) -> str:
    """The label of a full name relative to its zone; the zone name itself for the apex."""
    if name == zone:
        return zone
    return name[: -(len(zone) + 1)]


def normalize_ips(values: list, option: str = "ip") -> list[str]:
    """Single IPv4/IPv6 addresses in canonical text form, duplicates dropped, first-seen order.

    An IPv4-mapped IPv6 address (``::ffff:198.51.100.7``) is its IPv4 address. Every bad entry
    is reported at once, in a ValidationError, before any call is made.
    """
    addresses: list[str] = []
    problems = []
    for value in values:
        text = str(value).strip()
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            if "/" in text:
                problems.append(
                    f"{option}: {value!r} is a network; give single addresses"
                )
            else:
                problems.append(f"{option}: {value!r} is not an IPv4 or IPv6 address")
            continue
        scope = getattr(address, "scope_id", None)
        if scope:
            problems.append(
                f"{option}: {value!r} has a scope (%{scope}); give the address alone"
            )
            continue
        # An IPv4 visitor is seen by its IPv4 address: ::ffff:198.51.100.7 is 198.51.100.7.
        address = getattr(address, "ipv4_mapped", None) or address
        canonical = str(address)
        if canonical not in addresses:
            addresses.append(canonical)
    if problems:
        raise ValidationError(problems=problems)
    return addresses
