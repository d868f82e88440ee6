# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The official SDK (PyPI cloudflare, pinned) drives every v4 endpoint with strict response
validation: each answer parses with CloudFlare's own types, and carries no field those types
do not know (`assert_known`)."""

from __future__ import annotations

from typing import Any

import cloudflare
import pydantic
import pytest
from cloudflare import Cloudflare
from cloudflare._wrappers import ResultWrapper
from cloudflare.pagination import SyncV4PagePaginationArray
from cloudflare.types.firewall.access_rule_create_response import (
    AccessRuleCreateResponse,
)
from cloudflare.types.firewall.access_rule_delete_response import (
    AccessRuleDeleteResponse,
)
from cloudflare.types.firewall.access_rule_edit_response import AccessRuleEditResponse
from cloudflare.types.firewall.access_rule_list_response import AccessRuleListResponse

from conftest import (
    EMAIL,
    KEY,
    TOKEN,
    TOKEN_DNS_READ_COM,
    V4_PREFIX,
    ZONE,
    ZONE_V4,
    record_v4_id,
    v4_seed,
)

OPTIONS = {"max_retries": 0, "_strict_response_validation": True}


def client(sim, **credentials: Any) -> Cloudflare:
    credentials = credentials or {"api_token": TOKEN}
    return Cloudflare(base_url=sim.base + V4_PREFIX, **credentials, **OPTIONS)


@pytest.fixture
def cf(sim):
    sdk = client(sim)
    yield sdk
    sdk.close()


def assert_known(value: Any, where: str = "result") -> None:
    """Every field of a parsed answer is one the SDK's types define (no invented fields)."""
    if isinstance(value, pydantic.BaseModel):
        assert not value.model_extra, (where, value.model_extra)
        for name in type(value).model_fields:
            assert_known(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_known(item, f"{where}[{index}]")


# --- zones ---------------------------------------------------------------------------------------


def zone_seed(count: int) -> dict:
    zones = [
        {
            "name": f"zone{index:02d}.test",
            "id": 500 + index,
            "records": [],
            "status": "pending" if index % 3 == 0 else "active",
        }
        for index in range(count)
    ]
    return v4_seed(zones=zones)


def test_zones_list_get_and_filters(sim):
    sim.reset(zone_seed(12))
    with client(sim) as sdk:
        zones = list(sdk.zones.list(per_page=5))
        assert [zone.name for zone in zones] == [
            f"zone{index:02d}.test" for index in range(12)
        ]
        for zone in zones:
            assert_known(zone)
            got = sdk.zones.get(zone_id=zone.id)
            assert_known(got)
            assert (got.id, got.name, got.status, got.plan.legacy_id) == (
                zone.id,
                zone.name,
                zone.status,
                "free",
            )
        assert [zone.name for zone in sdk.zones.list(name="zone03.test")] == [
            "zone03.test"
        ]
        assert [zone.name for zone in sdk.zones.list(name="contains:04")] == [
            "zone04.test"
        ]
        pending = [zone.name for zone in sdk.zones.list(status="pending")]
        assert pending == ["zone00.test", "zone03.test", "zone06.test", "zone09.test"]
        account_id = zones[0].account.id
        assert len(list(sdk.zones.list(account={"id": account_id}))) == 12
        assert list(sdk.zones.list(account={"id": "0" * 32})) == []
        page = sdk.zones.list(per_page=5, page=3, order="name", direction="desc")
        assert [zone.name for zone in page.result] == ["zone01.test", "zone00.test"]
        assert page.result_info.total_count == 12 and page.result_info.per_page == 5


# --- DNS records of every type -----------------------------------------------------------------------

LOC = {
    "lat_degrees": 51,
    "lat_minutes": 30,
    "lat_seconds": 12.748,
    "lat_direction": "N",
    "long_degrees": 0,
    "long_minutes": 7,
    "long_seconds": 39.611,
    "long_direction": "W",
    "altitude": 12.5,
    "size": 1,
    "precision_horz": 10000,
    "precision_vert": 10,
}
TYPES = [
    ("A", "a", {"content": "198.51.100.4", "proxied": True}, "198.51.100.4"),
    ("AAAA", "aaaa", {"content": "2001:DB8::4"}, "2001:db8::4"),
    ("CNAME", "cname", {"content": "Target.Example.NET"}, "target.example.net"),
    ("MX", "inbound", {"content": "mx.example.net", "priority": 20}, "mx.example.net"),
    ("NS", "delegated", {"content": "ns1.example.net"}, "ns1.example.net"),
    ("PTR", "4.100.51.198", {"content": "host.example.com"}, "host.example.com"),
    ("TXT", "txt", {"content": "v=spf1 -all"}, "v=spf1 -all"),
    (
        "OPENPGPKEY",
        "pgp",
        {"content": "bWVzc2FnZQ==", "comment": "the SDK requires a comment here"},
        "bWVzc2FnZQ==",
    ),
    (
        "CAA",
        "@",
        {"data": {"flags": 0, "tag": "issue", "value": "ca.example.net"}},
        '0 issue "ca.example.net"',
    ),
    (
        "CERT",
        "cert",
        {"data": {"type": 1, "key_tag": 7, "algorithm": 8, "certificate": "aGVsbG8="}},
        "1 7 8 aGVsbG8=",
    ),
    (
        "DNSKEY",
        "@",
        {
            "data": {
                "flags": 257,
                "protocol": 3,
                "algorithm": 13,
                "public_key": "aGVsbG8=",
            }
        },
        "257 3 13 aGVsbG8=",
    ),
    (
        "DS",
        "child",
        {
            "data": {
                "key_tag": 2371,
                "algorithm": 13,
                "digest_type": 2,
                "digest": "AB" * 32,
            }
        },
        "2371 13 2 " + "ab" * 32,
    ),
    (
        "HTTPS",
        "@",
        {"data": {"priority": 1, "target": ".", "value": 'alpn="h3,h2"'}},
        '1 . alpn="h3,h2"',
    ),
    (
        "SVCB",
        "_8443._foo.api",
        {"data": {"priority": 2, "target": "svc.example.net", "value": "port=8443"}},
        "2 svc.example.net port=8443",
    ),
    ("LOC", "office", {"data": LOC}, "51 30 12.748 N 0 7 39.611 W 12.5m 1m 10000m 10m"),
    (
        "NAPTR",
        "@",
        {
            "data": {
                "order": 100,
                "preference": 10,
                "flags": "S",
                "service": "SIP+D2U",
                "regex": "",
                "replacement": "_sip._udp.example.com",
            }
        },
        '100 10 "S" "SIP+D2U" "" _sip._udp.example.com',
    ),
    (
        "SMIMEA",
        "hash._smimecert",
        {
            "data": {
                "usage": 3,
                "selector": 1,
                "matching_type": 1,
                "certificate": "cd" * 32,
            }
        },
        "3 1 1 " + "cd" * 32,
    ),
    (
        "SRV",
        "_imap._tcp",
        {
            "data": {
                "priority": 10,
                "weight": 5,
                "port": 143,
                "target": "imap.example.com",
            }
        },
        "10 5 143 imap.example.com",
    ),
    (
        "SSHFP",
        "host",
        {"data": {"algorithm": 4, "type": 2, "fingerprint": "ef" * 32}},
        "4 2 " + "ef" * 32,
    ),
    (
        "TLSA",
        "_443._tcp.www",
        {
            "data": {
                "usage": 3,
                "selector": 1,
                "matching_type": 1,
                "certificate": "01" * 32,
            }
        },
        "3 1 1 " + "01" * 32,
    ),
    (
        "URI",
        "_ftp._tcp",
        {"data": {"weight": 1, "target": "ftp://ftp.example.com/"}, "priority": 10},
        '1 "ftp://ftp.example.com/"',
    ),
]


@pytest.mark.parametrize(
    "rtype, name, fields, content", TYPES, ids=[item[0] for item in TYPES]
)
def test_every_record_type_through_the_sdk(cf, rtype, name, fields, content):
    created = cf.dns.records.create(
        zone_id=ZONE_V4, type=rtype, name=name, ttl=3600, **fields
    )
    assert_known(created)
    full = ZONE if name == "@" else f"{name}.{ZONE}"
    assert (created.type, created.name, created.content) == (rtype, full, content)
    assert created.ttl == (1 if fields.get("proxied") else 3600)
    if "data" in fields:
        assert created.data.model_dump(exclude_none=True) == {
            key: value.lower() if key in ("digest",) else value
            for key, value in fields["data"].items()
        }
    got = cf.dns.records.get(created.id, zone_id=ZONE_V4)
    assert_known(got)
    assert got == created
    listed = list(
        cf.dns.records.list(zone_id=ZONE_V4, type=rtype, name={"exact": full})
    )
    assert [record.id for record in listed] == [created.id]
    edited = cf.dns.records.edit(
        created.id, zone_id=ZONE_V4, type=rtype, name=name, ttl=600, comment="edited"
    )
    assert_known(edited)
    assert (edited.ttl, edited.comment, edited.content) == (
        1 if fields.get("proxied") else 600,
        "edited",
        content,
    )
    replaced = cf.dns.records.update(
        created.id, zone_id=ZONE_V4, type=rtype, name=name, ttl=300, **fields
    )
    assert_known(replaced)
    assert replaced.comment == fields.get("comment") and replaced.content == content
    deleted = cf.dns.records.delete(created.id, zone_id=ZONE_V4)
    assert_known(deleted)
    assert deleted.id == created.id
    with pytest.raises(cloudflare.NotFoundError):
        cf.dns.records.get(created.id, zone_id=ZONE_V4)


def test_the_default_zone_lists_through_the_sdk(cf):
    records = list(cf.dns.records.list(zone_id=ZONE_V4))
    for record in records:
        assert_known(record)
    assert record_v4_id("9001") in {record.id for record in records}
    assert {record.type for record in records} == {
        "A",
        "AAAA",
        "CNAME",
        "MX",
        "TXT",
        "SRV",
    }


def test_auto_pagination_stops_at_the_empty_page(sim):
    sim.reset(
        v4_seed(
            [
                {
                    "name": f"host{index:03d}",
                    "type": "A",
                    "content": f"10.0.{index // 200}.{index % 200 + 1}",
                }
                for index in range(250)
            ]
        )
    )
    with client(sim) as sdk:
        records = list(
            sdk.dns.records.list(zone_id=ZONE_V4, per_page=100, order="name")
        )
    assert [record.name for record in records] == [
        f"host{index:03d}.{ZONE}" for index in range(250)
    ]
    calls = sim.stats()["v4_calls"]
    assert calls == {
        "GET /zones/{zone_id}/dns_records": 4
    }, "pages 1-3, then the empty page 4"


def test_list_filters_through_the_sdk(sim):
    sim.reset(
        v4_seed(
            [
                {
                    "name": "www",
                    "type": "A",
                    "content": "198.51.100.1",
                    "comment": "web front",
                    "tags": ["team:web"],
                },
                {
                    "name": "api",
                    "type": "A",
                    "content": "198.51.100.2",
                    "comment": "api server",
                    "tags": ["team:api"],
                },
                {"name": "mail", "type": "MX", "content": "mx.example.net", "prio": 10},
            ],
            plan="pro",
        )
    )
    with client(sim) as sdk:

        def names(**filters: Any) -> list[str]:
            return [
                record.name
                for record in sdk.dns.records.list(
                    zone_id=ZONE_V4, order="name", **filters
                )
            ]

        assert names(name={"startswith": "ww"}) == ["www.example.com"]
        assert names(content={"contains": "100.2"}) == ["api.example.com"]
        assert names(comment={"contains": "server"}) == ["api.example.com"]
        assert names(tag={"exact": "team:web"}) == ["www.example.com"]
        assert names(tag={"present": "team"}) == ["api.example.com", "www.example.com"]
        assert names(type="A", name={"endswith": "api.example.com"}, match="any") == [
            "api.example.com",
            "www.example.com",
        ]
        assert names(search="mx.example") == ["mail.example.com"]
        descending = [
            record.name
            for record in sdk.dns.records.list(
                zone_id=ZONE_V4, order="name", direction="desc"
            )
        ]
        assert descending == ["www.example.com", "mail.example.com", "api.example.com"]


def test_batch_and_export_through_the_sdk(cf):
    sub, www = record_v4_id("9001"), record_v4_id("9002")
    result = cf.dns.records.batch(
        zone_id=ZONE_V4,
        deletes=[{"id": www}],
        patches=[{"id": sub, "comment": "patched"}],
        puts=[
            {
                "id": record_v4_id("9004"),
                "type": "A",
                "name": "mail",
                "content": "198.51.100.25",
                "ttl": 600,
            }
        ],
        posts=[
            {"type": "CNAME", "name": "www", "content": "sub.example.com", "ttl": 1},
            {"type": "TXT", "name": "batch", "content": "made in a batch", "ttl": 300},
        ],
    )
    assert_known(result)
    assert [record.id for record in result.deletes] == [www]
    assert [(record.id, record.comment) for record in result.patches] == [
        (sub, "patched")
    ]
    assert [(record.name, record.content) for record in result.puts] == [
        ("mail.example.com", "198.51.100.25")
    ]
    assert [record.content for record in result.posts] == [
        "sub.example.com",
        "made in a batch",
    ]
    text = cf.dns.records.export(zone_id=ZONE_V4)
    assert "www.example.com.\t1\tIN\tCNAME\tsub.example.com." in text
    assert 'batch.example.com.\t300\tIN\tTXT\t"made in a batch"' in text


# --- settings, purge, access rules, token verify ------------------------------------------------------

SETTING_VALUES = [
    ("security_level", "under_attack"),
    ("cache_level", "simplified"),
    ("ipv6", "off"),
    ("rocket_loader", "on"),
    ("always_online", "off"),
    ("browser_check", "off"),
    ("hotlink_protection", "off"),
    ("email_obfuscation", "off"),
    ("server_side_exclude", "off"),
    ("ip_geolocation", "off"),
    ("ssl", "strict"),
    ("challenge_ttl", 3600),
    ("browser_cache_ttl", 14400),
    ("0rtt", "on"),
    ("always_use_https", "on"),
    ("automatic_https_rewrites", "off"),
    ("brotli", "off"),
    ("early_hints", "on"),
    ("http2", "off"),
    ("http3", "off"),
    ("min_tls_version", "1.2"),
    ("opportunistic_encryption", "off"),
    ("opportunistic_onion", "off"),
    ("tls_1_3", "zrt"),
    ("tls_client_auth", "off"),
    ("websockets", "off"),
    ("pseudo_ipv4", "add_header"),
    ("webp", "on"),
    ("polish", "lossy"),
    ("waf", "on"),
    ("h2_prioritization", "custom"),
    ("image_resizing", "open"),
    ("prefetch_preload", "on"),
    ("sort_query_string_for_cache", "on"),
    ("true_client_ip_header", "on"),
    ("origin_error_page_pass_thru", "on"),
    ("response_buffering", "on"),
    ("development_mode", "on"),
]


@pytest.mark.parametrize(
    "setting_id, value", SETTING_VALUES, ids=[item[0] for item in SETTING_VALUES]
)
def test_each_setting_through_the_sdk(sim, setting_id, value):
    sim.reset(v4_seed(plan="enterprise"))
    sim.control("POST", "/_sim/clock", {"freeze": True})
    with client(sim) as sdk:
        before = sdk.zones.settings.get(setting_id, zone_id=ZONE_V4)
        assert_known(before)
        assert (
            before.id == setting_id
            and before.editable is True
            and before.value != value
        )
        after = sdk.zones.settings.edit(setting_id, zone_id=ZONE_V4, value=value)
        assert_known(after)
        assert after.value == value and after.modified_on is not None
        assert (
            sdk.zones.settings.get(setting_id, zone_id=ZONE_V4).model_dump()
            == after.model_dump()
        ), "read back"


def test_development_mode_counts_down_through_the_sdk(cf, sim):
    sim.control("POST", "/_sim/clock", {"freeze": True})
    on = cf.zones.settings.edit("development_mode", zone_id=ZONE_V4, value="on")
    assert on.time_remaining == 3 * 3600
    sim.advance_clock(3600)
    assert (
        cf.zones.settings.get("development_mode", zone_id=ZONE_V4).time_remaining
        == 2 * 3600
    )
    assert cf.zones.get(zone_id=ZONE_V4).development_mode == 2 * 3600


@pytest.mark.parametrize(
    "kind, items",
    [
        ("files", ["https://www.example.com/a.css", "http://example.com/b.js"]),
        (
            "files",
            [
                {
                    "url": "https://www.example.com/cat.jpg",
                    "headers": {"CF-IPCountry": "US"},
                }
            ],
        ),
        ("tags", ["a-cache-tag"]),
        ("hosts", ["www.example.com"]),
        ("prefixes", ["www.example.com/foo"]),
        ("purge_everything", True),
    ],
)
def test_purge_each_body_kind_through_the_sdk(cf, kind, items):
    answer = cf.cache.purge(zone_id=ZONE_V4, **{kind: items})
    assert_known(answer)
    assert len(answer.id) == 32


@pytest.mark.parametrize("scope", ["zone_id", "account_id"])
def test_access_rules_through_the_sdk(cf, scope):
    where = {
        scope: (
            ZONE_V4 if scope == "zone_id" else cf.zones.get(zone_id=ZONE_V4).account.id
        )
    }
    rules = cf.firewall.access_rules
    made = [
        rules.create(
            mode="block",
            configuration={"target": "ip", "value": "198.51.100.7"},
            notes="bad bot",
            **where,
        ),
        rules.create(
            mode="challenge",
            configuration={"target": "ip_range", "value": "198.51.100.0/24"},
            **where,
        ),
        rules.create(
            mode="whitelist",
            configuration={"target": "country", "value": "NL"},
            notes="office",
            **where,
        ),
    ]
    for rule in made:
        assert_known(rule)
    listed = list(rules.list(**where, per_page=2))
    assert [rule.id for rule in listed] == [rule.id for rule in made]
    assert [rule.id for rule in rules.list(**where, notes="BOT")] == [made[0].id]
    assert [rule.id for rule in rules.list(**where, mode="whitelist")] == [made[2].id]
    got = rules.get(made[1].id, **where)
    assert_known(got)
    assert got.configuration.value == "198.51.100.0/24"
    edited = rules.edit(
        made[0].id,
        mode="managed_challenge",
        configuration={"target": "ip", "value": "198.51.100.8"},
        **where,
    )
    assert_known(edited)
    assert (edited.mode, edited.configuration.value, edited.notes) == (
        "managed_challenge",
        "198.51.100.8",
        "bad bot",
    )
    assert rules.delete(made[0].id, **where).id == made[0].id
    assert [rule.id for rule in rules.list(**where)] == [made[1].id, made[2].id]


def test_user_access_rules_through_the_sdk(cf):
    """SDK 5.9.0 has no methods for the user scope (notes 1.6): its raw calls, with its types."""
    path = "/user/firewall/access_rules/rules"
    made = cf.post(
        path,
        cast_to=ResultWrapper[AccessRuleCreateResponse],
        body={
            "mode": "js_challenge",
            "configuration": {"target": "asn", "value": "AS64500"},
        },
    ).result
    assert_known(made)
    listed = cf.get_api_list(
        path,
        model=AccessRuleListResponse,
        page=SyncV4PagePaginationArray[AccessRuleListResponse],
    )
    assert [rule.id for rule in listed] == [made.id]
    assert_known(listed.result[0])
    assert (
        listed.result[0].scope.type == "user" and listed.result[0].scope.email == EMAIL
    )
    edited = cf.patch(
        f"{path}/{made.id}",
        cast_to=ResultWrapper[AccessRuleEditResponse],
        body={"mode": "block"},
    ).result
    assert edited.mode == "block" and edited.configuration.value == "AS64500"
    deleted = cf.delete(
        f"{path}/{made.id}", cast_to=ResultWrapper[AccessRuleDeleteResponse]
    ).result
    assert deleted.id == made.id
    assert (
        list(
            cf.get_api_list(
                path,
                model=AccessRuleListResponse,
                page=SyncV4PagePaginationArray[AccessRuleListResponse],
            )
        )
        == []
    )


def test_token_verify_through_the_sdk(cf, sim):
    verified = cf.user.tokens.verify()
    assert_known(verified)
    assert verified.status == "active" and len(verified.id) == 32
    with (
        client(sim, api_token="x" * 40) as stranger,
        pytest.raises(cloudflare.AuthenticationError) as raised,
    ):
        stranger.user.tokens.verify()
    assert raised.value.body["errors"][0]["code"] == 1000


def test_global_key_through_the_sdk(sim):
    with client(sim, api_email=EMAIL, api_key=KEY) as sdk:
        assert [zone.name for zone in sdk.zones.list()] == [
            "example.com",
            "example.org",
        ]
        record = sdk.dns.records.create(
            zone_id=ZONE_V4, type="TXT", name="by-key", content="global key", ttl=1
        )
        assert_known(record)


# --- errors as the SDK's exceptions -----------------------------------------------------------------


def test_errors_reach_the_sdk_as_its_exceptions(cf, sim):
    with pytest.raises(cloudflare.BadRequestError) as raised:
        cf.dns.records.create(
            zone_id=ZONE_V4, type="A", name="bad", content="not an address", ttl=1
        )
    assert raised.value.body["errors"][0]["code"] == 9005
    with pytest.raises(cloudflare.NotFoundError):
        cf.dns.records.delete("0" * 32, zone_id=ZONE_V4)
    with (
        client(sim, api_token=TOKEN_DNS_READ_COM) as reader,
        pytest.raises(cloudflare.PermissionDeniedError) as denied,
    ):
        reader.dns.records.create(
            zone_id=ZONE_V4, type="TXT", name="denied", content="x", ttl=1
        )
    assert denied.value.body["errors"][0]["code"] == 10000


def test_rate_limit_reaches_the_sdk(cf, sim):
    sim.faults(rate_limit="1/300")
    sim.control("POST", "/_sim/clock", {"freeze": True})
    cf.zones.get(zone_id=ZONE_V4)
    with pytest.raises(cloudflare.RateLimitError) as limited:
        cf.zones.get(zone_id=ZONE_V4)
    assert limited.value.response.headers["Retry-After"] == "300"
    assert limited.value.body["errors"][0]["code"] == 971
