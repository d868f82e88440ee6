# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What the action modules share: input checks made before any call, and partial failures.

The action modules are cf_cache_purge, cf_zone_snapshot, cf_ip_access and cf_ip_info.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    CloudflareError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import RecordProblem, normalize_zone


def checked_zone(value: str) -> str:
    """The zone name as the API knows it (lower case, no trailing dot, punycode); ValidationError if invalid."""
    try:
        return normalize_zone(value)
    except RecordProblem as problem:
        raise ValidationError(problems=[str(problem)]) from None


def normalize_ips(values: list, option: str = "ip") -> list[str]:
    """Single IPv4/IPv6 addresses in canonical text form, duplicates dropped, first-seen order.

    An IPv4-mapped IPv6 address (``::ffff:198.51.100.7``) is its IPv4 address.

    Every bad entry is reported at once, in a ValidationError, before any call is made.
    """
    addresses: list[str] = []
    problems = []
    for value in values:
        text = str(value).strip()
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            if "/" in text:
                problems.append(f"{option}: {value!r} is a network; give single addresses")
            else:
                problems.append(f"{option}: {value!r} is not an IPv4 or IPv6 address")
            continue
        if getattr(address, "scope_id", None):
            problems.append(f"{option}: {value!r} has a scope (%{address.scope_id}); give the address alone")
            continue
        # An IPv4 visitor is seen by its IPv4 address: ::ffff:198.51.100.7 is 198.51.100.7.
        address = getattr(address, "ipv4_mapped", None) or address
        canonical = str(address)
        if canonical not in addresses:
            addresses.append(canonical)
    if problems:
        raise ValidationError(problems=problems)
    return addresses


class StepError(CloudflareError):
    """One call of a task that makes several failed; wraps that call's error under a clearer message.

    ``done`` lists what earlier calls already applied. When it is not empty the failed result
    carries it under ``done_key`` and reports ``changed: true``, so the user sees what happened
    before the failure.
    """

    def __init__(self, msg: str, cause: CloudflareError, done_key: str, done: list) -> None:
        super().__init__(msg, action=cause.action, err_code=cause.err_code, attempts=cause.attempts)
        self.cause = cause
        self.done_key = done_key
        self.done = list(done)

    def details(self) -> dict:
        extra = self.cause.details()
        if self.done:
            extra["changed"] = True
            extra[self.done_key] = list(self.done)
        return extra
