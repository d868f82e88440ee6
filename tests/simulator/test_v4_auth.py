# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""v4 auth (notes 2): tokens with permissions and zones, the global key, and their error codes."""

from __future__ import annotations

import json

import pytest

from conftest import (
    EMAIL,
    KEY,
    TOKEN,
    TOKEN_DISABLED,
    TOKEN_DNS_EDIT_ORG,
    TOKEN_DNS_READ_COM,
    TOKEN_EXPIRED,
    TOKEN_OTHER,
    ZONE_V4,
    record_v4_id,
    v4_seed,
    zone_v4_id,
)

ORG_V4 = zone_v4_id(43)
NET_V4 = zone_v4_id(77)
KEY_HEADERS = {"X-Auth-Email": EMAIL, "X-Auth-Key": KEY}
RECORDS = f"/zones/{ZONE_V4}/dns_records"


def test_no_credentials_is_9106(sim):
    error = sim.v4_error("GET", "/zones", 400, 9106, token=None)
    assert (
        error["message"] == "Missing X-Auth-Key, X-Auth-Email or Authorization headers"
    )


@pytest.mark.parametrize(
    "header",
    [
        "Bearer short",
        "Bearer " + "x" * 41,
        "Token " + TOKEN,
        TOKEN,
        "Bearer " + KEY,
        "Bearer " + "!" * 40,
    ],
)
def test_malformed_authorization_is_6003_with_6111(sim, header):
    """A global key sent as a Bearer token is one of them (notes 2)."""
    error = sim.v4_error(
        "GET", "/zones", 400, 6003, token=None, headers={"Authorization": header}
    )
    assert error["error_chain"] == [
        {"code": 6111, "message": "Invalid format for Authorization header"}
    ]


@pytest.mark.parametrize("token", ["y" * 40, TOKEN_DISABLED, TOKEN_EXPIRED])
def test_unknown_disabled_or_expired_token_is_9109(sim, token):
    error = sim.v4_error("GET", "/zones", 403, 9109, token=token)
    assert error["message"] == "Invalid access token"


def test_token_not_valid_before_its_time(sim):
    later = {
        "value": "t" * 40,
        "permissions": ["zone:read"],
        "zones": "all",
        "not_before": "2999-01-01T00:00:00Z",
    }
    sim.reset(v4_seed(tokens=[later]))
    sim.v4_error("GET", "/zones", 403, 9109, token="t" * 40)
    assert (
        sim.v4_ok("GET", "/user/tokens/verify", token="t" * 40)["not_before"]
        == "2999-01-01T00:00:00Z"
    )


def test_a_token_expires_with_the_clock(sim):
    soon = {
        "value": "s" * 40,
        "permissions": ["zone:read"],
        "zones": "all",
        "expires_on": "2099-01-01T00:00:00Z",
    }
    sim.reset(v4_seed(tokens=[soon]))
    assert sim.v4_ok("GET", "/user/tokens/verify", token="s" * 40)["status"] == "active"
    sim.control("POST", "/_sim/clock", {"offset": 200 * 365 * 86400})
    assert (
        sim.v4_ok("GET", "/user/tokens/verify", token="s" * 40)["status"] == "expired"
    )
    sim.v4_error("GET", "/zones", 403, 9109, token="s" * 40)


def test_verify(sim):
    result = sim.v4_ok("GET", "/user/tokens/verify")
    assert set(result) == {"id", "status"} and result["status"] == "active"
    body = sim.v4("GET", "/user/tokens/verify").json()
    assert body["messages"] == [
        {"code": 10000, "message": "This API Token is valid and active", "type": None}
    ]
    assert (
        sim.v4_ok("GET", "/user/tokens/verify", token=TOKEN_DISABLED)["status"]
        == "disabled"
    )
    expired = sim.v4_ok("GET", "/user/tokens/verify", token=TOKEN_EXPIRED)
    assert expired == {
        "id": expired["id"],
        "status": "expired",
        "expires_on": "2020-01-01T00:00:00Z",
    }
    assert (
        sim.v4("GET", "/user/tokens/verify", token=TOKEN_DISABLED).json()["messages"]
        == []
    )
    sim.v4_error("GET", "/user/tokens/verify", 401, 1000, token="z" * 40)
    sim.v4_error(
        "GET", "/user/tokens/verify", 400, 1001, token=None, headers=KEY_HEADERS
    )
    sim.v4_error("GET", "/user/tokens/verify", 400, 9106, token=None)
    sim.v4_error(
        "GET",
        "/user/tokens/verify",
        400,
        6003,
        token=None,
        headers={"Authorization": "Bearer " + KEY},
    )


def test_global_key(sim):
    zones = sim.v4_ok("GET", "/zones", token=None, headers=KEY_HEADERS)
    assert [zone["name"] for zone in zones] == ["example.com", "example.org"]
    made = sim.v4_ok(
        "POST",
        RECORDS,
        token=None,
        headers=KEY_HEADERS,
        json={"type": "TXT", "name": "k", "content": "by key"},
    )
    assert made["content"] == "by key"
    upper = {"X-Auth-Email": EMAIL.upper(), "X-Auth-Key": KEY}
    assert (
        len(sim.v4_ok("GET", "/zones", token=None, headers=upper)) == 2
    ), "e-mail addresses are case-insensitive"


@pytest.mark.parametrize(
    "headers, chain",
    [
        ({"X-Auth-Email": "not an address", "X-Auth-Key": KEY}, [6102]),
        ({"X-Auth-Email": EMAIL, "X-Auth-Key": "short"}, [6103]),
        ({"X-Auth-Email": EMAIL}, [6103]),
        ({"X-Auth-Key": KEY}, [6102]),
        ({"X-Auth-Email": "", "X-Auth-Key": "XYZ"}, [6102, 6103]),
    ],
)
def test_malformed_global_key_headers(sim, headers, chain):
    error = sim.v4_error("GET", "/zones", 400, 6003, token=None, headers=headers)
    assert [item["code"] for item in error["error_chain"]] == chain


def test_wrong_global_key_is_9103(sim, other_account):
    sim.v4_error(
        "GET",
        "/zones",
        400,
        9103,
        token=None,
        headers={"X-Auth-Email": EMAIL, "X-Auth-Key": "0" * 32},
    )
    sim.v4_error(
        "GET",
        "/zones",
        400,
        9103,
        token=None,
        headers={"X-Auth-Email": EMAIL, "X-Auth-Key": other_account["key"]},
    )
    sim.v4_error(
        "GET",
        "/zones",
        400,
        9103,
        token=None,
        headers={"X-Auth-Email": "nobody@example.net", "X-Auth-Key": KEY},
    )


def test_the_token_wins_over_the_global_key(sim):
    headers = {"X-Auth-Email": EMAIL, "X-Auth-Key": "0" * 32}
    assert len(sim.v4_ok("GET", "/zones", headers=headers)) == 2


def test_token_permissions(sim):
    """DNS read on example.com: reads there, nothing else (10000 without the permission)."""
    assert [
        zone["name"] for zone in sim.v4_ok("GET", "/zones", token=TOKEN_DNS_READ_COM)
    ] == ["example.com"]
    sim.v4_ok("GET", RECORDS, token=TOKEN_DNS_READ_COM)
    assert sim.v4("GET", RECORDS + "/export", token=TOKEN_DNS_READ_COM).text.startswith(
        ";;"
    )
    for method, path, body in [
        ("POST", RECORDS, {"type": "TXT", "name": "x", "content": "x"}),
        ("PATCH", RECORDS + "/" + record_v4_id("9001"), {"comment": "x"}),
        ("DELETE", RECORDS + "/" + record_v4_id("9001"), None),
        ("POST", RECORDS + "/batch", {"posts": []}),
        ("GET", f"/zones/{ZONE_V4}/settings/ipv6", None),
        ("POST", f"/zones/{ZONE_V4}/purge_cache", {"purge_everything": True}),
        ("GET", f"/zones/{ZONE_V4}/firewall/access_rules/rules", None),
    ]:
        error = sim.v4_error(
            method, path, 403, 10000, token=TOKEN_DNS_READ_COM, json=body
        )
        assert error["message"] == "Authentication error"


def test_token_zones(sim):
    """DNS edit on example.org: example.com is out of its reach (9109), edit includes read."""
    sim.v4_ok("GET", f"/zones/{ORG_V4}/dns_records", token=TOKEN_DNS_EDIT_ORG)
    sim.v4_ok(
        "POST",
        f"/zones/{ORG_V4}/dns_records",
        token=TOKEN_DNS_EDIT_ORG,
        json={"type": "A", "name": "org", "content": "198.51.100.9"},
    )
    error = sim.v4_error("GET", RECORDS, 403, 9109, token=TOKEN_DNS_EDIT_ORG)
    assert error["message"] == "Unauthorized to access requested resource"
    sim.v4_error("GET", f"/zones/{ZONE_V4}", 403, 9109, token=TOKEN_DNS_EDIT_ORG)
    sim.v4_error(
        "GET", "/user/firewall/access_rules/rules", 403, 9109, token=TOKEN_DNS_EDIT_ORG
    )


def test_a_token_without_zone_read_lists_no_zones(sim):
    sim.reset(
        v4_seed(
            tokens=[{"value": "d" * 40, "permissions": ["dns:edit"], "zones": "all"}]
        )
    )
    assert sim.v4_ok("GET", "/zones", token="d" * 40) == []
    sim.v4_error("GET", f"/zones/{ZONE_V4}", 403, 10000, token="d" * 40)
    sim.v4_ok("GET", RECORDS, token="d" * 40)


def test_another_users_zone_does_not_route(sim):
    error = sim.v4_error("GET", f"/zones/{NET_V4}/dns_records", 400, 7003)
    assert (
        error["message"]
        == f"Could not route to /zones/{NET_V4}/dns_records, perhaps your object identifier is invalid?"
    )
    body = sim.v4("GET", f"/zones/{NET_V4}").json()
    assert body["errors"][1] == {"code": 7000, "message": "No route for that URI"}
    assert [zone["name"] for zone in sim.v4_ok("GET", "/zones", token=TOKEN_OTHER)] == [
        "example.net"
    ]
    sim.v4_ok("GET", f"/zones/{NET_V4}/dns_records", token=TOKEN_OTHER)
    sim.v4_error("GET", "/zones/not-a-zone-id/dns_records", 400, 7003)


def test_unknown_permission_in_a_seed_is_refused(start_sim, tmp_path):
    seed = v4_seed(
        tokens=[{"value": "e" * 40, "permissions": ["dns:write"], "zones": "all"}]
    )
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    with pytest.raises(RuntimeError, match="unknown permission"):
        start_sim("--seed", str(path))
