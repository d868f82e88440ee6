# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_ip_access on API v4 through the real edge and the fake v4 transport: the exact calls and bodies.

A task reads its scope's rules once (all pages), then writes only the differences, so a task
that changes nothing costs 1 call per page (plus the zone lookup when a zone is given).
"""

from __future__ import annotations

import json

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_ip_access
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import (
    API_URL,
    TOKEN,
    assert_no_secret,
    error,
    failure,
    ok,
    page_info,
)

CREDENTIALS = {"api_token": TOKEN, "api_url": API_URL}
ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
ZONE_ID = "0123456789abcdef0123456789abcdef"
ACCOUNT_RULES = f"/accounts/{ACCOUNT}/firewall/access_rules/rules"
ZONE_RULES = f"/zones/{ZONE_ID}/firewall/access_rules/rules"
DOCUMENTED_RETURN = yaml.safe_load(cf_ip_access.RETURN)


def v4_rule(rule_id: str, target: str, value: str, mode: str, notes: str = "") -> dict:
    return {
        "id": rule_id,
        "allowed_modes": [
            "block",
            "challenge",
            "whitelist",
            "js_challenge",
            "managed_challenge",
        ],
        "configuration": {"target": target, "value": value},
        "mode": mode,
        "notes": notes,
        "created_on": "2026-01-01T00:00:00Z",
        "modified_on": "2026-01-01T00:00:00Z",
        "scope": {"id": ACCOUNT, "type": "organization"},
    }


OFFICE = v4_rule("1" * 32, "ip", "198.51.100.7", "whitelist", "office")
TOR = v4_rule("2" * 32, "country", "T1", "challenge")
SCANNERS = v4_rule("3" * 32, "ip_range", "203.0.113.0/24", "block")


def rules_page(*rules, page: int = 1, total_pages: int = 1) -> dict:
    return ok(list(rules), page_info(page, 1000, len(rules), total_pages))


def v4_zone(**extra) -> dict:
    return {
        "id": ZONE_ID,
        "name": "example.com",
        "status": "active",
        "type": "full",
        "development_mode": 0,
        "name_servers": [],
        "plan": {"legacy_id": "free"},
        "account": {"id": ACCOUNT, "name": "Example"},
        **extra,
    }


def run(**args):
    return run_module(cf_ip_access, {**CREDENTIALS, **args})


def test_rules_of_every_target_are_created_with_exact_bodies(fake_v4):
    created = [
        v4_rule("a" * 32, "ip", "198.51.100.7", "whitelist", "office"),
        v4_rule("b" * 32, "ip6", "2001:db8::7", "block"),
        v4_rule("c" * 32, "ip_range", "198.51.0.0/16", "managed_challenge"),
        v4_rule("d" * 32, "asn", "AS13335", "js_challenge"),
        v4_rule("e" * 32, "country", "NL", "block"),
    ]
    fake_v4.add(rules_page(), *(ok(rule) for rule in created))

    result = run(
        account_id=ACCOUNT,
        rules=[
            {"value": "198.51.100.7", "mode": "whitelist", "notes": "office"},
            {"value": "2001:DB8:0::7", "mode": "blacklist"},
            {"value": "198.51.0.0/16", "mode": "managed_challenge"},
            {"value": "as13335", "mode": "js_challenge"},
            {"value": "nl", "mode": "block"},
        ],
    )

    assert result["changed"] is True
    assert fake_v4.lines == [f"GET {ACCOUNT_RULES}"] + [f"POST {ACCOUNT_RULES}"] * 5
    assert fake_v4.calls[0].params == {"page": "1", "per_page": "1000"}
    assert [call.json for call in fake_v4.calls[1:]] == [
        {
            "mode": "whitelist",
            "configuration": {"target": "ip", "value": "198.51.100.7"},
            "notes": "office",
        },
        {
            "mode": "block",
            "configuration": {"target": "ip6", "value": "2001:db8::7"},
            "notes": "",
        },
        {
            "mode": "managed_challenge",
            "configuration": {"target": "ip_range", "value": "198.51.0.0/16"},
            "notes": "",
        },
        {
            "mode": "js_challenge",
            "configuration": {"target": "asn", "value": "AS13335"},
            "notes": "",
        },
        {
            "mode": "block",
            "configuration": {"target": "country", "value": "NL"},
            "notes": "",
        },
    ]
    assert [(r["value"], r["action"], r["id"]) for r in result["rules"]] == [
        ("198.51.100.7", "created", "a" * 32),
        ("2001:db8::7", "created", "b" * 32),
        ("198.51.0.0/16", "created", "c" * 32),
        ("AS13335", "created", "d" * 32),
        ("NL", "created", "e" * 32),
    ]
    assert (result["created"], result["updated"], result["deleted"]) == (5, 0, 0)
    assert result["scope"] == {"type": "account", "id": ACCOUNT}
    assert result.call_report["api_calls"] == 6
    assert (set(result) | set(result.call_report)) - {"changed"} == set(
        DOCUMENTED_RETURN
    ) - {"ips"}
    assert set(result["rules"][0]) == set(DOCUMENTED_RETURN["rules"]["contains"])
    assert fake_v4.calls[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert_no_secret(json.dumps(dict(result)), result.invocation)


def test_a_second_run_changes_nothing_and_costs_one_call_per_page(fake_v4):
    fake_v4.add(
        rules_page(OFFICE, TOR, page=1, total_pages=2),
        rules_page(SCANNERS, page=2, total_pages=2),
    )

    result = run(
        account_id=ACCOUNT,
        rules=[
            {"value": "198.51.100.7", "mode": "whitelist", "notes": "office"},
            {"value": "203.0.113.0/24", "mode": "blacklist"},
            {"value": "t1", "mode": "challenge"},
        ],
        _ansible_diff=True,
    )

    assert result["changed"] is False
    assert fake_v4.lines == [f"GET {ACCOUNT_RULES}", f"GET {ACCOUNT_RULES}"]
    assert sorted(call.params["page"] for call in fake_v4.calls) == ["1", "2"]
    assert result.call_report["api_calls"] == 2
    assert result["unchanged"] == 3
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_rule_whose_mode_or_notes_differ_is_patched_in_place(fake_v4):
    fake_v4.add(
        rules_page(OFFICE, TOR),
        ok(v4_rule("1" * 32, "ip", "198.51.100.7", "whitelist", "new office")),
        ok(v4_rule("2" * 32, "country", "T1", "block", "")),
    )

    result = run(
        account_id=ACCOUNT,
        rules=[
            {"value": "198.51.100.7", "mode": "whitelist", "notes": "new office"},
            # Notes left out: the rule keeps its notes; only the mode is sent.
            {"value": "T1", "mode": "block"},
        ],
        _ansible_diff=True,
    )

    assert result["changed"] is True
    assert fake_v4.lines == [
        f"GET {ACCOUNT_RULES}",
        f"PATCH {ACCOUNT_RULES}/{'1' * 32}",
        f"PATCH {ACCOUNT_RULES}/{'2' * 32}",
    ]
    assert fake_v4.calls[1].json == {"notes": "new office"}
    assert fake_v4.calls[2].json == {"mode": "block"}
    assert result["diff"] == {
        "before": {
            "198.51.100.7": {"target": "ip", "mode": "whitelist", "notes": "office"},
            "T1": {"target": "country", "mode": "challenge", "notes": ""},
        },
        "after": {
            "198.51.100.7": {
                "target": "ip",
                "mode": "whitelist",
                "notes": "new office",
            },
            "T1": {"target": "country", "mode": "block", "notes": ""},
        },
    }
    assert [r["action"] for r in result["rules"]] == ["updated", "updated"]
    assert result["rules"][0]["id"] == "1" * 32


def test_the_ip_form_blacklist_is_block_and_none_deletes(fake_v4):
    fake_v4.add(
        rules_page(OFFICE),
        ok(v4_rule("1" * 32, "ip", "198.51.100.7", "block", "office")),
    )

    blocked = run(account_id=ACCOUNT, ip=["198.51.100.7"], mode="blacklist")

    assert blocked["changed"] is True
    assert fake_v4.calls[1].json == {"mode": "block"}
    assert blocked["ips"] == [{"ip": "198.51.100.7", "mode": "blacklist"}]

    fake_v4.calls.clear()
    fake_v4.add(rules_page(OFFICE), ok({"id": "1" * 32}))

    removed = run(account_id=ACCOUNT, ip=["198.51.100.7", "198.51.100.8"], mode="none")

    assert removed["changed"] is True
    assert fake_v4.lines == [
        f"GET {ACCOUNT_RULES}",
        f"DELETE {ACCOUNT_RULES}/{'1' * 32}",
    ]
    assert [(r["value"], r["action"], r["state"]) for r in removed["rules"]] == [
        ("198.51.100.7", "deleted", "absent"),
        ("198.51.100.8", "unchanged", "absent"),
    ]


def test_check_mode_reads_only_and_the_diff_is_exact(fake_v4):
    fake_v4.add(rules_page(OFFICE, TOR))

    result = run(
        account_id=ACCOUNT,
        rules=[
            {"value": "203.0.113.0/24", "mode": "block", "notes": "scanners"},
            {"value": "198.51.100.7", "state": "absent"},
        ],
        _ansible_check_mode=True,
        _ansible_diff=True,
    )

    assert result["changed"] is True
    assert fake_v4.lines == [f"GET {ACCOUNT_RULES}"]
    assert result["diff"] == {
        "before": {
            "198.51.100.7": {"target": "ip", "mode": "whitelist", "notes": "office"}
        },
        "after": {
            "203.0.113.0/24": {
                "target": "ip_range",
                "mode": "block",
                "notes": "scanners",
            }
        },
    }
    assert [(r["action"], r["id"]) for r in result["rules"]] == [
        ("created", None),
        ("deleted", "1" * 32),
    ]


def test_prune_deletes_the_rules_not_named_within_max_deletes(fake_v4):
    fake_v4.add(rules_page(OFFICE, TOR, SCANNERS))

    refused = run(
        account_id=ACCOUNT,
        rules=[{"value": "198.51.100.7", "mode": "whitelist"}],
        prune=True,
        max_deletes=1,
    )

    assert refused["failed"] is True
    assert refused["msg"].startswith(
        "the plan deletes 2 rules (T1, 203.0.113.0/24), more than max_deletes (1) allows"
    )
    assert refused["changed"] is False
    assert fake_v4.lines == [f"GET {ACCOUNT_RULES}"]

    fake_v4.calls.clear()
    fake_v4.add(rules_page(OFFICE, TOR, SCANNERS), ok({"id": "2" * 32}), ok({}))

    pruned = run(
        account_id=ACCOUNT,
        rules=[{"value": "198.51.100.7", "mode": "whitelist"}],
        prune=True,
        max_deletes=2,
    )

    assert pruned["changed"] is True
    assert fake_v4.lines == [
        f"GET {ACCOUNT_RULES}",
        f"DELETE {ACCOUNT_RULES}/{'2' * 32}",
        f"DELETE {ACCOUNT_RULES}/{'3' * 32}",
    ]
    assert [(r["value"], r["action"], r["pruned"]) for r in pruned["rules"]] == [
        ("198.51.100.7", "unchanged", False),
        ("T1", "deleted", True),
        ("203.0.113.0/24", "deleted", True),
    ]


def test_zone_scope_looks_the_zone_up_once(fake_v4):
    fake_v4.add(
        ok([v4_zone()], page_info(1, 20, 1, 1)),
        rules_page(),
        ok(v4_rule("f" * 32, "country", "NL", "whitelist")),
    )

    result = run(
        scope="zone", zone="example.com", rules=[{"value": "NL", "mode": "whitelist"}]
    )

    assert result["changed"] is True
    assert fake_v4.lines == ["GET /zones", f"GET {ZONE_RULES}", f"POST {ZONE_RULES}"]
    assert fake_v4.calls[0].params == {"name": "example.com"}
    assert result["scope"] == {"type": "zone", "id": ZONE_ID}


def test_the_account_comes_from_the_zone_or_the_credentials_zones(fake_v4):
    fake_v4.add(ok([v4_zone()], page_info(1, 20, 1, 1)), rules_page(OFFICE))

    from_zone = run(zone="example.com", ip=["198.51.100.7"], mode="whitelist")

    assert from_zone["changed"] is False
    assert fake_v4.lines == ["GET /zones", f"GET {ACCOUNT_RULES}"]

    fake_v4.calls.clear()
    fake_v4.add(ok([v4_zone()], page_info(1, 50, 1, 1)), rules_page(OFFICE))

    from_credentials = run(ip=["198.51.100.7"], mode="whitelist")

    assert from_credentials["changed"] is False
    assert fake_v4.lines == ["GET /zones", f"GET {ACCOUNT_RULES}"]
    assert fake_v4.calls[0].params == {"per_page": "50"}

    fake_v4.calls.clear()
    other = v4_zone(id="9" * 32, name="example.net", account={"id": "8" * 32})
    fake_v4.add(ok([v4_zone(), other], page_info(1, 50, 2, 1)))

    ambiguous = run(ip=["198.51.100.7"], mode="whitelist")

    assert ambiguous["failed"] is True
    assert ambiguous["msg"] == (
        f"the credentials' zones show accounts {ACCOUNT}, {'8' * 32}: set account_id, "
        "or zone to use that zone's account"
    )
    assert fake_v4.lines == ["GET /zones"]


@pytest.mark.parametrize(
    "args, problems",
    [
        (
            {
                "rules": [
                    {"value": "10.0.0.0/8", "mode": "block"},
                    {"value": "XX", "mode": "block"},
                    {"value": "198.51.100.1/24", "mode": "block"},
                    {"value": "AS0", "mode": "block"},
                    {"value": "example.com", "mode": "block"},
                    {"value": "NL"},
                    {"value": "nl", "mode": "whitelist"},
                    {"value": "2001:db8::/40", "mode": "block"},
                ],
                "scope": "zone",
                "max_deletes": -1,
            },
            [
                "rules[1]: '10.0.0.0/8' is a /8: CloudFlare takes IPv4 ranges of /16 or /24 only",
                "rules[2]: 'XX' is not an ISO 3166-1 alpha-2 country code (or T1 for Tor)",
                "rules[3]: '198.51.100.1/24' has host bits set; the network is 198.51.100.0/24",
                "rules[4]: 'AS0' is not an AS number (AS1 to AS4294967295)",
                "rules[5]: 'example.com' is not an IP address, a network, an AS number (AS13335) "
                "or a country code (US)",
                "rules[6] (NL): give a mode, or state absent",
                "rules[8]: '2001:db8::/40' is a /40: CloudFlare takes IPv6 ranges of /32 or /48 or /64 only",
                "scope zone needs zone: the zone whose rules the task manages",
                "max_deletes -1 is negative; use 0 to allow no delete",
            ],
        ),
        (
            {
                "rules": [
                    {"value": "NL", "mode": "block"},
                    {"value": "nl", "state": "absent"},
                ],
                "notes": "x",
            },
            [
                "notes: give notes per entry of rules (notes goes with ip)",
                "rules[2]: NL is given already in rules[1]; a scope has one rule per value",
            ],
        ),
        (
            {"ip": ["198.51.100.0/24"], "mode": "block"},
            ["ip: '198.51.100.0/24' is a network; give single addresses"],
        ),
    ],
)
def test_every_input_problem_is_reported_before_any_call(fake_v4, args, problems):
    result = run(**args)

    assert result["failed"] is True
    assert result["problems"] == problems
    assert fake_v4.calls == []


def test_a_create_refused_as_a_duplicate_adopts_the_rule(fake_v4):
    fake_v4.add(
        rules_page(),
        failure(400, error(10009, "firewallaccessrules.api.duplicate_of_existing")),
        rules_page(OFFICE),
    )

    result = run(
        account_id=ACCOUNT,
        rules=[{"value": "198.51.100.7", "mode": "whitelist", "notes": "office"}],
    )

    assert result["changed"] is True
    assert fake_v4.lines == [
        f"GET {ACCOUNT_RULES}",
        f"POST {ACCOUNT_RULES}",
        f"GET {ACCOUNT_RULES}",
    ]
    assert fake_v4.calls[2].params == {
        "configuration.target": "ip",
        "configuration.value": "198.51.100.7",
        "page": "1",
        "per_page": "1000",
    }
    assert result["rules"][0]["id"] == "1" * 32


def test_a_write_failing_part_way_reports_what_was_written(fake_v4):
    fake_v4.add(
        rules_page(),
        ok(v4_rule("a" * 32, "country", "NL", "block")),
        failure(403, error(10000, "Authentication error")),
    )

    result = run(
        account_id=ACCOUNT,
        rules=[{"value": "NL", "mode": "block"}, {"value": "DE", "mode": "block"}],
    )

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["msg"].startswith(
        f"Creating the rule of DE in account {ACCOUNT} failed (1 rule written before it): "
    )
    assert [r["value"] for r in result["rules"]] == ["NL"]
    assert result.call_report["api_calls"] == 3
    assert_no_secret(json.dumps(dict(result)))
