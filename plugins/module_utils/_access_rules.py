# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""IP access rules in option terms: what a value matches (its target), and the plan of a scope.

A rule matches one target, told by the value's form: an IPv4 address (``ip``), an IPv6
address (``ip6``), an IPv4 /16 or /24 or an IPv6 /32, /48 or /64 network (``ip_range``), an
autonomous system (``asn``, ``AS13335``) or a country (``country``, ISO 3166-1 alpha-2, or
``T1`` for Tor). A scope holds one rule per value, so the value is a rule's identity.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
)

MODES = ("whitelist", "block", "challenge", "js_challenge", "managed_challenge")
TARGETS = ("ip", "ip6", "ip_range", "asn", "country")
RANGE_PREFIXES = {4: (16, 24), 6: (32, 48, 64)}
# The most AS number there is (32 bits).
ASN_MAX = 4294967295
_ASN = re.compile(r"^AS([0-9]{1,10})$", re.IGNORECASE)

# ISO 3166-1 alpha-2 (officially assigned codes), and T1, CloudFlare's code for Tor.
_COUNTRY_TEXT = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW T1
    """
COUNTRY_CODES = frozenset(_COUNTRY_TEXT.split())

# What became of one rule (the ``action`` of a result entry).
CREATED = "created"
UPDATED = "updated"
DELETED = "deleted"
UNCHANGED = "unchanged"
ACTIONS = (CREATED, UPDATED, DELETED, UNCHANGED)


@dataclasses.dataclass(frozen=True)
class AccessRule:
    """One IP access rule: what it matches, its mode and notes, and its id once the API has it."""

    target: str
    value: str
    mode: str
    notes: str = ""
    id: str | None = None


@dataclasses.dataclass(frozen=True)
class AccessScope:
    """Where rules live: ``kind`` account or zone, the account's or the zone's id, and how to name it."""

    kind: str
    id: str
    label: str


@dataclasses.dataclass(frozen=True)
class Wanted:
    """One entry of the task: the rule's target and value, and the mode and notes it should have.

    ``state`` absent removes the rule; ``notes`` None leaves a rule's notes as they are.
    """

    target: str
    value: str
    mode: str | None
    notes: str | None
    state: str = "present"


@dataclasses.dataclass(frozen=True)
class Step:
    """One rule of the plan: the action, the rule as it is (None: there is none) and as it will be."""

    action: str
    target: str
    value: str
    before: AccessRule | None
    after: AccessRule | None
    pruned: bool = False

    @property
    def changes(self) -> dict:
        """For an update: the fields that change, as the API names them (``mode``, ``notes``)."""
        if self.before is None or self.after is None:
            return {}
        return {
            name: getattr(self.after, name)
            for name in ("mode", "notes")
            if getattr(self.after, name) != getattr(self.before, name)
        }


def target_of(raw) -> tuple[str, str]:
    """``(target, canonical value)`` of a rule value; InputProblem saying what is wrong."""
    text = str(raw).strip()
    if not text:
        raise InputProblem("the value is empty")
    match = _ASN.match(text)
    if match:
        number = int(match.group(1))
        if not 0 < number <= ASN_MAX:
            raise InputProblem(f"{raw!r} is not an AS number (AS1 to AS{ASN_MAX})")
        return "asn", f"AS{number}"
    if len(text) == 2 and text.isalpha() or text.upper() == "T1":
        code = text.upper()
        if code not in COUNTRY_CODES:
            raise InputProblem(
                f"{raw!r} is not an ISO 3166-1 alpha-2 country code (or T1 for Tor)"
            )
        return "country", code
    if "/" in text:
        return _range_of(raw, text)
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise InputProblem(
            f"{raw!r} is not an IP address, a network, an AS number (AS13335) or a country code (US)"
        ) from None
    if getattr(address, "scope_id", None):
        raise InputProblem(f"{raw!r} has a scope; give the address alone")
    address = getattr(address, "ipv4_mapped", None) or address
    return ("ip" if address.version == 4 else "ip6"), str(address)


def _range_of(raw, text: str) -> tuple[str, str]:
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise InputProblem(f"{raw!r} is not a network") from None
    if network.prefixlen == network.max_prefixlen:
        return ("ip" if network.version == 4 else "ip6"), str(network.network_address)
    allowed = RANGE_PREFIXES[network.version]
    if network.prefixlen not in allowed:
        spelled = " or ".join(f"/{length}" for length in allowed)
        raise InputProblem(
            f"{raw!r} is a /{network.prefixlen}: CloudFlare takes IPv{network.version} ranges of {spelled} only"
        )
    if ipaddress.ip_interface(text).ip != network.network_address:
        raise InputProblem(f"{raw!r} has host bits set; the network is {network}")
    return "ip_range", str(network)


def plan(current: list[AccessRule], wanted: list[Wanted], prune: bool) -> list[Step]:
    """What to do for each wanted entry (in order), then, with ``prune``, the deletes of every other rule."""
    by_value = {rule.value: rule for rule in current}
    steps = []
    for entry in wanted:
        rule = by_value.get(entry.value)
        if entry.state == "absent":
            steps.append(
                Step(
                    DELETED if rule else UNCHANGED,
                    entry.target,
                    entry.value,
                    rule,
                    None,
                )
            )
            continue
        if rule is None:
            after = AccessRule(
                entry.target, entry.value, entry.mode or "", entry.notes or ""
            )
            steps.append(Step(CREATED, entry.target, entry.value, None, after))
            continue
        after = dataclasses.replace(
            rule,
            mode=entry.mode or rule.mode,
            notes=rule.notes if entry.notes is None else entry.notes,
        )
        action = UPDATED if after != rule else UNCHANGED
        steps.append(Step(action, entry.target, entry.value, rule, after))
    if prune:
        named = {entry.value for entry in wanted}
        steps.extend(
            Step(DELETED, rule.target, rule.value, rule, None, pruned=True)
            for rule in current
            if rule.value not in named
        )
    return steps


def rule_view(rule: AccessRule | None) -> dict | None:
    """A rule as a diff shows it."""
    if rule is None:
        return None
    return {"target": rule.target, "mode": rule.mode, "notes": rule.notes}


def step_result(step: Step) -> dict:
    """One entry of the result's ``rules``."""
    shown = step.after if step.after is not None else step.before
    return {
        "value": step.value,
        "target": step.target,
        "mode": shown.mode if shown else None,
        "notes": shown.notes if shown else None,
        "state": "present" if step.after is not None else "absent",
        "action": step.action,
        "pruned": step.pruned,
        "id": shown.id if shown else None,
    }
