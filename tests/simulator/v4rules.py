# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""IP access rules on v4 (notes 1.6) at user, account and zone scope.

[unconfirmed] notes 1.6 map v1's wl/ban to whitelist/block only from memory, so v1's
account-wide lists (`Account.ip_rules`) and these rules are kept apart; each scope lists only
its own rules.
"""

from __future__ import annotations

import copy
import ipaddress
import re

from dnsrecords import iso_time
from v4core import (
    V4Error,
    bad_request,
    choice_param,
    not_routed,
    page_of,
    success,
    text_match,
    zone_by_id,
)

MODES = ("block", "challenge", "whitelist", "js_challenge", "managed_challenge")
TARGETS = ("ip", "ip6", "ip_range", "asn", "country")
RANGE_PREFIXES = {
    4: (16, 24),
    6: (32, 48, 64),
}  # SDK: IPv4 /16 and /24; IPv6 /32, /48 and /64
ASN_RE = re.compile(r"^AS([1-9][0-9]{0,9})$")
COUNTRY_RE = re.compile(r"^(?:[A-Z]{2}|T1)$")  # ISO 3166-1 alpha-2, and T1 for Tor
PER_PAGE_DEFAULT = (
    20  # [unconfirmed] SCHEMA-2024 gives no default or maximum for these lists
)
PER_PAGE_MAX = 1000
CODE_DUPLICATE = (
    10009  # [unconfirmed] notes 1.6 name no code for a rule that exists already
)
# Without `order` the rules come in the order they were made. [unconfirmed] SCHEMA-2024 gives no default.
ORDERS = {
    "configuration.target": lambda rule: rule["configuration"]["target"],
    "configuration.value": lambda rule: rule["configuration"]["value"],
    "mode": lambda rule: rule["mode"],
}


class Scope:
    """Where rules live: the user's own, the account's, or a zone's; and who a rule shows as its scope."""

    def __init__(self, rules, view_scope, zone=None):
        self.rules = rules
        self.view_scope = view_scope
        self.zone = zone


def user_scope(caller, permission):
    caller.require_account_wide(permission)
    user = caller.user
    return Scope(
        user.user_rules, {"id": user.v4_user_id, "email": user.email, "type": "user"}
    )


def account_scope(caller, permission, account_id, path):
    if account_id != caller.user.account_id:
        raise not_routed(path)
    caller.require_account_wide(permission)
    return Scope(
        caller.user.account_rules,
        {"id": caller.user.account_id, "type": "organization"},
    )


def zone_scope(sim, caller, permission, zone_id, path):
    zone = zone_by_id(sim, caller, zone_id, path)
    caller.require(permission, zone)
    # SCHEMA-2024 shows no scope on a zone's rules (its scope types are user and organization).
    return Scope(zone.access_rules, None, zone)


def scope_of(sim, caller, request, permission, args):
    path = request.path
    if "zone_id" in args:
        return zone_scope(sim, caller, permission, args["zone_id"], path)
    if "account_id" in args:
        return account_scope(caller, permission, args["account_id"], path)
    return user_scope(caller, permission)


def rule_view(rule, scope):
    view = dict(copy.deepcopy(rule), allowed_modes=list(MODES))
    if scope.view_scope is not None:
        view["scope"] = dict(scope.view_scope)
    return view


# --- validation ------------------------------------------------------------------------------------


def configuration_of(value):
    if (
        not isinstance(value, dict)
        or value.get("target") not in TARGETS
        or not isinstance(value.get("value"), str)
    ):
        targets = ", ".join(TARGETS)
        raise bad_request(
            f'configuration must be {{"target": one of {targets}, "value": a string}}',
            pointer="/configuration",
        )
    target, raw = value["target"], value["value"].strip()
    return {"target": target, "value": TARGET_CHECKS[target](raw)}


def single_address(version):
    def check(raw):
        try:
            address = ipaddress.ip_address(raw)
        except ValueError:
            address = None
        if address is None or address.version != version:
            raise bad_request(
                f"{raw!r} is not an IPv{version} address",
                pointer="/configuration/value",
            )
        return str(address)

    return check


def address_range(raw):
    try:
        network = ipaddress.ip_network(raw, strict=True)
    except ValueError:
        network = None
    if network is None or network.prefixlen not in RANGE_PREFIXES[network.version]:
        raise bad_request(
            f"{raw!r} is not an IPv4 /16 or /24, or an IPv6 /32, /48 or /64 range",
            pointer="/configuration/value",
        )
    return str(network)


def asn(raw):
    match = ASN_RE.match(raw.upper())
    if match is None or int(match.group(1)) > 4294967295:
        raise bad_request(
            f"{raw!r} is not an ASN such as AS13335", pointer="/configuration/value"
        )
    return raw.upper()


def country(raw):
    if not COUNTRY_RE.match(raw):
        raise bad_request(
            f"{raw!r} is not a two-letter country code", pointer="/configuration/value"
        )
    return raw


TARGET_CHECKS = {
    "ip": single_address(4),
    "ip6": single_address(6),
    "ip_range": address_range,
    "asn": asn,
    "country": country,
}


def mode_of(value):
    if value not in MODES:
        raise bad_request(f"mode must be one of {', '.join(MODES)}", pointer="/mode")
    return value


def notes_of(value):
    if not isinstance(value, str):
        raise bad_request("notes must be a string", pointer="/notes")
    return value


def refuse_duplicate(scope, configuration, own_id=None):
    for rule in scope.rules.values():
        if rule["id"] != own_id and rule["configuration"] == configuration:
            raise V4Error(
                400, CODE_DUPLICATE, "firewallaccessrules.api.duplicate_of_existing"
            )


def find_rule(scope, rule_id, path):
    rule = scope.rules.get(rule_id)
    if rule is None:
        raise not_routed(path)
    return rule


# --- endpoints -----------------------------------------------------------------------------------------


def list_rules(sim, caller, request, **args):
    scope = scope_of(sim, caller, request, "firewall:read", args)
    rules = [rule for rule in scope.rules.values() if rule_filter(request)(rule)]
    if request.param("order") is not None:
        key = ORDERS[choice_param(request, "order", tuple(ORDERS), None)]
        rules.sort(
            key=key,
            reverse=choice_param(request, "direction", ("asc", "desc"), "asc")
            == "desc",
        )
    chunk, info = page_of(request, rules, PER_PAGE_DEFAULT, PER_PAGE_MAX)
    return success([rule_view(rule, scope) for rule in chunk], info)


def rule_filter(request):
    tests = []
    for name, test in (
        ("mode", lambda rule, wanted: rule["mode"] == wanted),
        (
            "configuration.target",
            lambda rule, wanted: rule["configuration"]["target"] == wanted,
        ),
        (
            "configuration.value",
            lambda rule, wanted: rule["configuration"]["value"] == wanted,
        ),
        ("notes", lambda rule, wanted: text_match("contains", rule["notes"], wanted)),
    ):
        for wanted in request.values(name):
            tests.append(lambda rule, test=test, wanted=wanted: test(rule, wanted))
    joined = (
        any if choice_param(request, "match", ("all", "any"), "all") == "any" else all
    )
    return lambda rule: joined(test(rule) for test in tests) if tests else True


def create_rule(sim, caller, request, **args):
    scope = scope_of(sim, caller, request, "firewall:edit", args)
    body = request.json_object()
    rule = {
        "id": None,
        "mode": mode_of(body.get("mode")),
        "configuration": configuration_of(body.get("configuration")),
        "notes": notes_of(body.get("notes", "")),
    }
    refuse_duplicate(scope, rule["configuration"])
    rule["id"] = sim.take_serial_id()
    rule["created_on"] = rule["modified_on"] = iso_time(sim.clock())
    scope.rules[rule["id"]] = rule
    return success(rule_view(rule, scope))


def get_rule(sim, caller, request, rule_id, **args):
    scope = scope_of(sim, caller, request, "firewall:read", args)
    return success(rule_view(find_rule(scope, rule_id, request.path), scope))


def edit_rule(sim, caller, request, rule_id, **args):
    scope = scope_of(sim, caller, request, "firewall:edit", args)
    rule = dict(find_rule(scope, rule_id, request.path))
    body = request.json_object()
    if "mode" in body:
        rule["mode"] = mode_of(body["mode"])
    if "configuration" in body:
        rule["configuration"] = configuration_of(body["configuration"])
        refuse_duplicate(scope, rule["configuration"], own_id=rule_id)
    if "notes" in body:
        rule["notes"] = notes_of(body["notes"])
    rule["modified_on"] = iso_time(sim.clock())
    scope.rules[rule_id] = rule
    return success(rule_view(rule, scope))


def delete_rule(sim, caller, request, rule_id, **args):
    scope = scope_of(sim, caller, request, "firewall:edit", args)
    find_rule(scope, rule_id, request.path)
    del scope.rules[rule_id]
    return success({"id": rule_id})
