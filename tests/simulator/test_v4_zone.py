# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""v4 zone settings (notes 1.4), cache purge (1.5), IP access rules (1.6) and the BIND export."""

from __future__ import annotations

import pytest

from conftest import TOKEN_OTHER, ZONE, ZONE_V4, v4_seed, zone_v4_id

SETTINGS = f"/zones/{ZONE_V4}/settings"
PURGE = f"/zones/{ZONE_V4}/purge_cache"
DEV_MODE_SECONDS = 3 * 3600


def freeze(sim):
    sim.control("POST", "/_sim/clock", {"freeze": True})


# --- settings ----------------------------------------------------------------------------------------------


def test_a_setting_is_read_and_written_alone(sim):
    setting = sim.v4_ok("GET", f"{SETTINGS}/always_use_https")
    assert setting == {
        "id": "always_use_https",
        "value": "off",
        "editable": True,
        "modified_on": None,
    }
    written = sim.v4_ok("PATCH", f"{SETTINGS}/always_use_https", json={"value": "on"})
    assert written["value"] == "on" and written["modified_on"].endswith("Z")
    assert sim.v4_ok("GET", f"{SETTINGS}/always_use_https") == written
    assert (
        sim.v4_ok("GET", f"/zones/{zone_v4_id(43)}/settings/always_use_https")["value"]
        == "off"
    ), "per zone"


@pytest.mark.parametrize(
    "setting_id, value",
    [
        ("security_level", "lowest"),
        ("security_level", None),
        ("cache_level", "bypass"),
        ("ssl", "on"),
        ("ipv6", True),
        ("challenge_ttl", 1000),
        ("browser_cache_ttl", "3600"),
        ("min_tls_version", 1.2),
        ("development_mode", "1"),
        ("tls_1_3", "maybe"),
    ],
)
def test_values_are_validated(sim, setting_id, value):
    error = sim.v4_error(
        "PATCH", f"{SETTINGS}/{setting_id}", 400, 1007, json={"value": value}
    )
    assert error["message"] == f"Invalid value for zone setting {setting_id}"


def test_a_body_without_value(sim):
    sim.v4_error("PATCH", f"{SETTINGS}/ipv6", 400, 1007, json={"values": "on"})
    sim.v4_error(
        "PATCH",
        f"{SETTINGS}/ipv6",
        400,
        6007,
        data="on",
        headers={"Content-Type": "application/json"},
    )


def test_unknown_and_retired_settings(sim):
    error = sim.v4_error("GET", f"{SETTINGS}/no_such_setting", 400, 1006)
    assert error["message"] == "Unrecognized zone setting name: no_such_setting"
    for retired, when in (("minify", "2024-08-05"), ("mirage", "January 2026")):
        for method, body in (("GET", None), ("PATCH", {"value": "off"})):
            error = sim.v4_error(method, f"{SETTINGS}/{retired}", 400, 1006, json=body)
            assert (
                error["message"].startswith(
                    f"Unrecognized zone setting name: {retired}"
                )
                and when in error["message"]
            )


@pytest.mark.parametrize(
    "setting_id, plan, value",
    [
        ("webp", "pro", "on"),
        ("polish", "pro", "lossless"),
        ("image_resizing", "business", "on"),
        ("sort_query_string_for_cache", "enterprise", "on"),
        ("http2", "pro", "off"),
    ],
)
def test_plan_gated_settings(sim, setting_id, plan, value):
    assert sim.v4_ok("GET", f"{SETTINGS}/{setting_id}")["editable"] is False
    error = sim.v4_error(
        "PATCH", f"{SETTINGS}/{setting_id}", 400, 1011, json={"value": value}
    )
    assert "free plan" in error["message"]
    sim.reset(v4_seed(plan=plan))
    assert sim.v4_ok("GET", f"{SETTINGS}/{setting_id}")["editable"] is True
    assert (
        sim.v4_ok("PATCH", f"{SETTINGS}/{setting_id}", json={"value": value})["value"]
        == value
    )


def test_development_mode_expires_after_three_hours(sim):
    freeze(sim)
    assert sim.v4_ok("GET", f"{SETTINGS}/development_mode")["time_remaining"] == 0
    on = sim.v4_ok("PATCH", f"{SETTINGS}/development_mode", json={"value": "on"})
    assert (on["value"], on["time_remaining"], on["editable"]) == (
        "on",
        DEV_MODE_SECONDS,
        True,
    )
    sim.advance_clock(DEV_MODE_SECONDS - 1)
    assert sim.v4_ok("GET", f"{SETTINGS}/development_mode")["value"] == "on"
    assert sim.v4_ok("GET", f"/zones/{ZONE_V4}")["development_mode"] == 1
    sim.advance_clock(61)
    expired = sim.v4_ok("GET", f"{SETTINGS}/development_mode")
    assert (expired["value"], expired["time_remaining"]) == (
        "off",
        -60,
    ), "negative once expired (notes 1.4)"
    assert sim.v4_ok("GET", f"/zones/{ZONE_V4}")["development_mode"] == -60
    off = sim.v4_ok("PATCH", f"{SETTINGS}/development_mode", json={"value": "off"})
    assert (off["value"], off["time_remaining"]) == ("off", 0)


def test_all_settings_at_once(sim):
    """Deprecated (end of life 2027-03-31) but still served; PATCH needs {"items": [...]} (notes 1.4)."""
    every = sim.v4_ok("GET", SETTINGS)
    ids = [setting["id"] for setting in every]
    assert (
        "development_mode" in ids
        and "security_level" in ids
        and "minify" not in ids
        and "mirage" not in ids
    )
    changed = sim.v4_ok(
        "PATCH",
        SETTINGS,
        json={
            "items": [{"id": "ipv6", "value": "off"}, {"id": "brotli", "value": "off"}]
        },
    )
    assert [(setting["id"], setting["value"]) for setting in changed] == [
        ("ipv6", "off"),
        ("brotli", "off"),
    ]
    assert (
        sim.v4_error(
            "PATCH", SETTINGS, 400, 1004, json=[{"id": "ipv6", "value": "on"}]
        )["message"]
        == "Missing 'items'"
    )
    items = [{"id": "ipv6", "value": "on"}, {"id": "brotli", "value": "loud"}]
    sim.v4_error("PATCH", SETTINGS, 400, 1007, json={"items": items})
    assert (
        sim.v4_ok("GET", f"{SETTINGS}/ipv6")["value"] == "off"
    ), "a refused item refuses them all"


def test_settings_of_another_users_zone(sim):
    sim.v4_error("GET", f"/zones/{zone_v4_id(77)}/settings/ipv6", 400, 7003)
    assert (
        sim.v4_ok("GET", f"/zones/{zone_v4_id(77)}/settings/ipv6", token=TOKEN_OTHER)[
            "value"
        ]
        == "on"
    )


# --- purge ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan, limit", [("free", 30), ("pro", 30), ("business", 30), ("enterprise", 500)]
)
def test_purge_file_limit_per_call(sim, plan, limit):
    sim.reset(v4_seed(plan=plan))
    files = [f"https://www.example.com/f{index}.css" for index in range(limit + 1)]
    assert len(sim.v4_ok("POST", PURGE, json={"files": files[:limit]})["id"]) == 32
    error = sim.v4_error("POST", PURGE, 400, 1004, json={"files": files})
    assert error["source"] == {"pointer": "/files"} and str(limit) in error["message"]


@pytest.mark.parametrize(
    "kind, item",
    [("tags", "tag"), ("hosts", "www.example.com"), ("prefixes", "www.example.com/p")],
)
def test_purge_other_kinds_take_100(sim, kind, item):
    sim.v4_ok("POST", PURGE, json={kind: [item] * 100})
    sim.v4_error("POST", PURGE, 400, 1004, json={kind: [item] * 101})


@pytest.mark.parametrize(
    "body, pointer",
    [
        ({}, None),
        ({"files": ["https://www.example.com/a"], "tags": ["x"]}, None),
        ({"purge_everything": False}, "/purge_everything"),
        ({"purge_everything": True, "files": []}, None),
        ({"files": []}, "/files"),
        ({"files": "https://x"}, "/files"),
        ({"files": ["ftp://www.example.com/a"]}, "/files/0"),
        ({"files": ["https://www.example.net/a"]}, "/files/0"),
        (
            {"files": [{"url": "https://www.example.com/a", "headers": {"X": 1}}]},
            "/files/0",
        ),
        (
            {"files": [{"url": "https://www.example.com/a", "method": "GET"}]},
            "/files/0",
        ),
        ({"hosts": ["other.net"]}, "/hosts/0"),
        ({"prefixes": ["https://www.example.com/foo"]}, "/prefixes/0"),
        ({"prefixes": ["example.org/foo"]}, "/prefixes/0"),
        ({"tags": [""]}, "/tags/0"),
        ({"tags": ["x" * 1025]}, "/tags/0"),
    ],
)
def test_purge_bodies_are_checked(sim, body, pointer):
    error = sim.v4_error("POST", PURGE, 400, 1004, json=body)
    assert error.get("source", {}).get("pointer") == pointer


def test_purge_everything_is_v1s_full_purge(sim):
    freeze(sim)
    sim.v4_ok("POST", PURGE, json={"purge_everything": True})
    assert (
        sim.call("fpurge_ts", {"z": ZONE, "v": 1})["result"] == "error"
    ), "v1's cooldown sees the v4 purge"
    settings = sim.call("zone_settings", {"z": ZONE})["response"]["result"]["objs"][0]
    assert int(settings["fpurge_ts"]) > 0


# --- access rules --------------------------------------------------------------------------------------------

SCOPES = {"user": "/user", "account": None, "zone": f"/zones/{ZONE_V4}"}


def rules_path(sim, scope):
    if scope == "account":
        return f"/accounts/{sim.v4_ok('GET', f'/zones/{ZONE_V4}')['account']['id']}/firewall/access_rules/rules"
    return SCOPES[scope] + "/firewall/access_rules/rules"


@pytest.mark.parametrize("scope", sorted(SCOPES))
def test_access_rule_lifecycle(sim, scope):
    path = rules_path(sim, scope)
    made = sim.v4_ok(
        "POST",
        path,
        json={
            "mode": "block",
            "configuration": {"target": "ip6", "value": "2001:DB8::7"},
            "notes": "scanner",
        },
    )
    assert made["configuration"] == {"target": "ip6", "value": "2001:db8::7"}
    assert made["allowed_modes"] == [
        "block",
        "challenge",
        "whitelist",
        "js_challenge",
        "managed_challenge",
    ]
    assert made["created_on"] == made["modified_on"]
    if scope == "user":
        assert made["scope"]["type"] == "user"
    elif scope == "account":
        assert made["scope"]["type"] == "organization"
    else:
        assert "scope" not in made
    edited = sim.v4_ok("PATCH", f"{path}/{made['id']}", json={"notes": "renamed"})
    assert (edited["mode"], edited["notes"]) == ("block", "renamed")
    if scope != "user":
        assert sim.v4_ok("GET", f"{path}/{made['id']}") == edited
    else:
        sim.v4_error("GET", f"{path}/{made['id']}", 405, 7001)
    assert sim.v4_ok("DELETE", f"{path}/{made['id']}") == {"id": made["id"]}
    assert sim.v4_ok("GET", path) == []
    sim.v4_error("DELETE", f"{path}/{made['id']}", 400, 7003)


@pytest.mark.parametrize(
    "configuration, stored",
    [
        ({"target": "ip", "value": "198.51.100.7"}, "198.51.100.7"),
        ({"target": "ip_range", "value": "198.51.0.0/16"}, "198.51.0.0/16"),
        ({"target": "ip_range", "value": "2001:db8::/32"}, "2001:db8::/32"),
        ({"target": "ip_range", "value": "2001:db8:1::/48"}, "2001:db8:1::/48"),
        ({"target": "ip_range", "value": "2001:db8:1:2::/64"}, "2001:db8:1:2::/64"),
        ({"target": "asn", "value": "as13335"}, "AS13335"),
        ({"target": "country", "value": "T1"}, "T1"),
    ],
)
def test_rule_targets(sim, configuration, stored):
    path = rules_path(sim, "zone")
    made = sim.v4_ok(
        "POST", path, json={"mode": "challenge", "configuration": configuration}
    )
    assert made["configuration"]["value"] == stored


@pytest.mark.parametrize(
    "body, pointer",
    [
        (
            {
                "mode": "allow",
                "configuration": {"target": "ip", "value": "198.51.100.7"},
            },
            "/mode",
        ),
        ({"mode": "block"}, "/configuration"),
        (
            {
                "mode": "block",
                "configuration": {"target": "cidr", "value": "198.51.100.0/24"},
            },
            "/configuration",
        ),
        (
            {
                "mode": "block",
                "configuration": {"target": "ip", "value": "2001:db8::1"},
            },
            "/configuration/value",
        ),
        (
            {
                "mode": "block",
                "configuration": {"target": "ip6", "value": "198.51.100.7"},
            },
            "/configuration/value",
        ),
        (
            {
                "mode": "block",
                "configuration": {"target": "ip_range", "value": "198.51.100.0/23"},
            },
            "/configuration/value",
        ),
        (
            {
                "mode": "block",
                "configuration": {"target": "ip_range", "value": "198.51.100.1/24"},
            },
            "/configuration/value",
        ),
        (
            {
                "mode": "block",
                "configuration": {"target": "ip_range", "value": "2001:db8::/56"},
            },
            "/configuration/value",
        ),
        (
            {"mode": "block", "configuration": {"target": "asn", "value": "13335"}},
            "/configuration/value",
        ),
        (
            {"mode": "block", "configuration": {"target": "country", "value": "nl"}},
            "/configuration/value",
        ),
        (
            {
                "mode": "block",
                "configuration": {"target": "ip", "value": "198.51.100.7"},
                "notes": 5,
            },
            "/notes",
        ),
    ],
)
def test_rule_validation(sim, body, pointer):
    error = sim.v4_error("POST", rules_path(sim, "zone"), 400, 1004, json=body)
    assert error["source"] == {"pointer": pointer}


def test_duplicate_rules_in_one_scope(sim):
    rule = {"mode": "block", "configuration": {"target": "ip", "value": "198.51.100.7"}}
    zone_path, user_path = rules_path(sim, "zone"), rules_path(sim, "user")
    first = sim.v4_ok("POST", zone_path, json=rule)
    sim.v4_error("POST", zone_path, 400, 10009, json=dict(rule, mode="whitelist"))
    sim.v4_ok("POST", user_path, json=rule), "another scope may hold the same rule"
    second = sim.v4_ok(
        "POST",
        zone_path,
        json={
            "mode": "block",
            "configuration": {"target": "ip", "value": "198.51.100.8"},
        },
    )
    sim.v4_error(
        "PATCH",
        f"{zone_path}/{second['id']}",
        400,
        10009,
        json={"configuration": rule["configuration"]},
    )
    assert (
        sim.v4_ok(
            "PATCH",
            f"{zone_path}/{first['id']}",
            json={"configuration": rule["configuration"]},
        )["id"]
        == first["id"]
    )


def test_rule_lists_filter_order_and_page(sim):
    path = rules_path(sim, "account")
    for mode, target, value, notes in [
        ("block", "ip", "198.51.100.1", "Bad bot"),
        ("whitelist", "country", "NL", "office"),
        ("challenge", "asn", "AS64500", "bot net"),
        ("block", "ip_range", "198.51.100.0/24", ""),
    ]:
        sim.v4_ok(
            "POST",
            path,
            json={
                "mode": mode,
                "configuration": {"target": target, "value": value},
                "notes": notes,
            },
        )

    def values(**params):
        return [
            rule["configuration"]["value"]
            for rule in sim.v4_ok("GET", path, params=params)
        ]

    assert values() == ["198.51.100.1", "NL", "AS64500", "198.51.100.0/24"]
    assert values(mode="block") == ["198.51.100.1", "198.51.100.0/24"]
    assert values(**{"configuration.target": "asn"}) == ["AS64500"]
    assert values(**{"configuration.value": "NL"}) == ["NL"]
    assert values(notes="BOT") == ["198.51.100.1", "AS64500"]
    assert values(notes="bot", mode="block") == ["198.51.100.1"]
    assert values(notes="office", mode="challenge", match="any") == ["NL", "AS64500"]
    assert values(order="configuration.value") == [
        "198.51.100.0/24",
        "198.51.100.1",
        "AS64500",
        "NL",
    ]
    assert values(order="mode", direction="desc") == [
        "NL",
        "AS64500",
        "198.51.100.1",
        "198.51.100.0/24",
    ]
    body = sim.v4("GET", path, params={"per_page": 3, "page": 2}).json()
    assert [rule["configuration"]["value"] for rule in body["result"]] == [
        "198.51.100.0/24"
    ]
    assert body["result_info"] == {
        "page": 2,
        "per_page": 3,
        "count": 1,
        "total_count": 4,
        "total_pages": 2,
    }
    assert len(sim.v4_ok("GET", path)) == 4, "20 per page by default"
    sim.v4_error("GET", path, 400, 1004, params={"order": "notes"})
    sim.v4_error("GET", path, 400, 1004, params={"per_page": 1001})


def test_rules_of_another_account_do_not_route(sim):
    sim.v4_error("GET", f"/accounts/{'0' * 32}/firewall/access_rules/rules", 400, 7003)


# --- export --------------------------------------------------------------------------------------------------


def test_export_is_a_bind_zone_file(sim):
    sim.reset(
        v4_seed(
            [
                {
                    "name": "@",
                    "type": "MX",
                    "content": "mx.example.net",
                    "prio": 10,
                    "ttl": 3600,
                },
                {
                    "name": "www",
                    "type": "CNAME",
                    "content": "example.net",
                    "service_mode": 1,
                    "comment": "front door",
                },
                {"name": "long", "type": "TXT", "content": "a" * 300},
                {"name": "q", "type": "TXT", "content": '"already quoted"'},
                {
                    "type": "SRV",
                    "service": "_sip",
                    "protocol": "_tcp",
                    "srvname": "@",
                    "prio": 10,
                    "weight": 5,
                    "port": 5060,
                    "target": "sip.example.com",
                },
                {
                    "name": "@",
                    "type": "HTTPS",
                    "data": {
                        "priority": 1,
                        "target": "svc.example.net",
                        "value": 'alpn="h2"',
                    },
                    "tags": ["team:web"],
                },
                {
                    "name": "_ftp._tcp",
                    "type": "URI",
                    "data": {"weight": 1, "target": "ftp://ftp.example.com/"},
                    "prio": 10,
                },
            ],
            plan="pro",
        )
    )
    response = sim.v4("GET", f"/zones/{ZONE_V4}/dns_records/export")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(
        "text/plain"
    )
    lines = response.text.splitlines()
    assert "$ORIGIN example.com." in lines
    assert any(line.startswith("example.com.\t3600\tIN\tSOA\t") for line in lines)
    assert "example.com.\t3600\tIN\tMX\t10 mx.example.net." in lines
    assert (
        "www.example.com.\t1\tIN\tCNAME\texample.net. ; front door cf_tags=cf-proxied:true"
        in lines
    )
    assert f'long.example.com.\t1\tIN\tTXT\t"{"a" * 255}" "{"a" * 45}"' in lines
    assert 'q.example.com.\t1\tIN\tTXT\t"already quoted"' in lines
    assert "_sip._tcp.example.com.\t1\tIN\tSRV\t10 5 5060 sip.example.com." in lines
    assert (
        'example.com.\t1\tIN\tHTTPS\t1 svc.example.net. alpn="h2" ; cf_tags=team:web'
        in lines
    )
    assert '_ftp._tcp.example.com.\t1\tIN\tURI\t10 1 "ftp://ftp.example.com/"' in lines
    assert [line for line in lines if line.endswith(" Records")] == [
        f";; {rtype} Records" for rtype in ("CNAME", "HTTPS", "MX", "SRV", "TXT", "URI")
    ]
