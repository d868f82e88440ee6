# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_cache_purge on API v4 through the real edge and the fake v4 transport: the exact calls.

Pinned here (design 10.2, notes 1.5): one ``POST /zones/{id}/purge_cache`` per chunk after the
zone lookup, its exact body; URLs in chunks of 30 (500 on Enterprise, from the zone's plan),
tags, hosts and prefixes in chunks of 30; every value checked before any call; a purge is
never sent twice (design 10.3), and a lost answer names the items it leaves unconfirmed.
"""

from __future__ import annotations

import json

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_cache_purge
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.test_v4_module_edge import (
    ZONE_ID,
    v4_zone,
    zone_lookup,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import Reply
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import (
    API_URL,
    TOKEN,
    assert_no_secret,
    error,
    failure,
    ok,
)

CREDENTIALS = {"api_token": TOKEN, "api_url": API_URL}
PURGE = f"/zones/{ZONE_ID}/purge_cache"
DOCUMENTED_RETURN = yaml.safe_load(cf_cache_purge.RETURN)
ENTERPRISE = {"id": "b6a2c3f8a0e94ed4a4e2cdd0b1c4e8f7", "legacy_id": "enterprise"}
LOST = Reply(502, "<html><title>502 Bad Gateway</title></html>", {})


def run(**args):
    return run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.com", **args})


def purged(purge_id: str = "9" * 32) -> dict:
    return ok({"id": purge_id})


def urls(count: int) -> list[str]:
    return [f"https://www.example.com/{index}.css" for index in range(count)]


def test_purge_everything_sends_only_that_field(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), purged())

    result = run(purge_everything=True)

    assert result == {
        "changed": True,
        "zone": "example.com",
        "purge_timestamp": None,
        "cooldown": None,
    }
    assert fake_v4.lines == ["GET /zones", f"POST {PURGE}"]
    assert fake_v4.calls[1].json == {"purge_everything": True}
    assert fake_v4.calls[1].headers["Authorization"] == f"Bearer {TOKEN}"
    assert result.call_report["api_calls"] == 2
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)
    assert_no_secret(json.dumps(dict(result)), result.invocation)


def test_files_go_in_chunks_of_30_on_a_free_zone(fake_v4):
    wanted = urls(65)
    fake_v4.add(zone_lookup(v4_zone()), purged(), purged(), purged())

    result = run(files=wanted)

    assert result == {"changed": True, "zone": "example.com", "files": wanted}
    assert fake_v4.lines == ["GET /zones"] + [f"POST {PURGE}"] * 3
    assert [call.json for call in fake_v4.calls[1:]] == [
        {"files": wanted[0:30]},
        {"files": wanted[30:60]},
        {"files": wanted[60:]},
    ]
    assert result.call_report["api_calls"] == 4


def test_files_go_in_chunks_of_500_on_an_enterprise_zone(fake_v4):
    wanted = urls(501)
    fake_v4.add(zone_lookup(v4_zone(plan=ENTERPRISE)), purged(), purged())

    result = run(files=wanted)

    assert result["files"] == wanted
    assert [call.json for call in fake_v4.calls[1:]] == [
        {"files": wanted[:500]},
        {"files": wanted[500:]},
    ]


def test_urls_are_normalised_and_purged_once(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), purged())

    result = run(
        files=[
            "HTTPS://WWW.Example.com/a.css#top",
            "https://www.example.com/a.css",
            "http://example.com",
        ]
    )

    assert fake_v4.calls[1].json == {
        "files": ["https://www.example.com/a.css", "http://example.com/"]
    }
    assert result["files"] == fake_v4.calls[1].json["files"]


@pytest.mark.parametrize(
    "kind, given, sent",
    [
        ("tags", [" release-42 ", "release-42", "Product"], ["release-42", "Product"]),
        (
            "hosts",
            ["Images.Example.COM.", "images.example.com", "example.com"],
            ["images.example.com", "example.com"],
        ),
        (
            "prefixes",
            ["WWW.example.com/Images/", "www.example.com/Images/", "example.com/a/b"],
            ["www.example.com/Images/", "example.com/a/b"],
        ),
    ],
)
def test_tags_hosts_and_prefixes_are_sent_as_one_list_each(fake_v4, kind, given, sent):
    fake_v4.add(zone_lookup(v4_zone()), purged())

    result = run(**{kind: given})

    assert result == {"changed": True, "zone": "example.com", kind: sent}
    assert fake_v4.lines == ["GET /zones", f"POST {PURGE}"]
    assert fake_v4.calls[1].json == {kind: sent}
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


@pytest.mark.parametrize("plan", [None, ENTERPRISE], ids=["free", "enterprise"])
def test_tags_go_in_chunks_of_30_on_every_plan(fake_v4, plan):
    tags = [f"tag-{index}" for index in range(31)]
    zone = v4_zone() if plan is None else v4_zone(plan=plan)
    fake_v4.add(zone_lookup(zone), purged(), purged())

    result = run(tags=tags)

    assert result["tags"] == tags
    assert [call.json for call in fake_v4.calls[1:]] == [
        {"tags": tags[:30]},
        {"tags": tags[30:]},
    ]


@pytest.mark.parametrize(
    "args",
    [
        {"purge_everything": True},
        {"files": urls(40)},
        {"tags": ["a"]},
        {"hosts": ["www.example.com"]},
        {"prefixes": ["www.example.com/a"]},
    ],
    ids=["everything", "files", "tags", "hosts", "prefixes"],
)
def test_check_mode_makes_no_call(fake_v4, args):
    result = run(_ansible_check_mode=True, **args)

    assert result["changed"] is True
    assert "purge_timestamp" not in result
    assert fake_v4.calls == []
    assert result.call_report["api_calls"] == 0


@pytest.mark.parametrize("kind", ["files", "tags", "hosts", "prefixes"])
def test_an_empty_list_purges_nothing_and_makes_no_call(fake_v4, kind):
    result = run(**{kind: []})

    assert result == {"changed": False, "zone": "example.com", kind: []}
    assert fake_v4.calls == []


@pytest.mark.parametrize(
    "kind, values, problems",
    [
        (
            "hosts",
            [
                "https://www.example.com",
                "www.example.com/a",
                "www.example.org",
                "a b.example.com",
            ],
            [
                "hosts: 'https://www.example.com' is not a host name (no scheme, port or path: "
                "www.example.com); use prefixes to purge a path",
                "hosts: 'www.example.com/a' is not a host name (no scheme, port or path: "
                "www.example.com); use prefixes to purge a path",
                "hosts: 'www.example.org' is not in zone example.com (its host is www.example.org)",
                "hosts: 'a b.example.com' has an invalid host name: ",
            ],
        ),
        (
            "prefixes",
            [
                "https://www.example.com/a",
                "www.example.com/a?b=1",
                "cdn.example.net/a",
                "www.example.com:8443/a",
            ],
            [
                "prefixes: 'https://www.example.com/a' starts with a scheme; a prefix is host/path "
                "without it (www.example.com/images)",
                "prefixes: 'www.example.com/a?b=1' holds a query or a fragment; a prefix is host/path only",
                "prefixes: 'cdn.example.net/a' is not in zone example.com (its host is cdn.example.net)",
                "prefixes: 'www.example.com:8443/a' has a port or a user name in its host; a prefix is "
                "host/path only",
            ],
        ),
        (
            "tags",
            ["a,b", "  ", "x" * 1025, "ok\ttab"],
            [
                "tags: 'a,b' holds a comma or a control character",
                "tags: an empty cache tag purges nothing",
                "is longer than 1024 characters",
                "tags: 'ok\\ttab' holds a comma or a control character",
            ],
        ),
    ],
)
def test_invalid_values_are_all_reported_before_any_call(
    fake_v4, kind, values, problems
):
    valid = {
        "hosts": "www.example.com",
        "prefixes": "www.example.com/ok",
        "tags": "fine",
    }
    result = run(**{kind: [valid[kind], *values]})

    assert result["failed"] is True
    assert len(result["problems"]) == len(problems)
    for reported, expected in zip(result["problems"], problems, strict=True):
        assert expected in reported
    assert fake_v4.calls == []


def test_a_refused_chunk_stops_the_rest_and_lists_what_was_purged(fake_v4):
    wanted = urls(70)
    fake_v4.add(
        zone_lookup(v4_zone()),
        purged(),
        failure(400, error(1052, "Purge request rejected")),
    )

    result = run(files=wanted)

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["files"] == wanted[:30]
    assert result["msg"].startswith(
        f"Purging {wanted[30]} and 29 more URLs from zone example.com failed (30 URLs purged before it): "
    )
    assert "Purge request rejected" in result["msg"]
    assert "unconfirmed" not in result
    assert fake_v4.lines == ["GET /zones"] + [f"POST {PURGE}"] * 2
    assert_no_secret(json.dumps(dict(result)))


def test_a_chunk_whose_answer_is_lost_is_not_sent_again_and_is_listed(fake_v4):
    wanted = urls(70)
    fake_v4.add(zone_lookup(v4_zone()), purged(), LOST)

    result = run(files=wanted)

    assert fake_v4.lines == ["GET /zones"] + [f"POST {PURGE}"] * 2
    assert result["failed"] is True
    assert result["changed"] is True
    assert result["files"] == wanted[:30]
    assert result["unconfirmed"] == wanted[30:60]
    assert result["attempts"] == 1
    assert result["msg"].startswith(
        f"Purging {wanted[30]} and 29 more URLs from zone example.com failed (30 URLs purged before it): "
        "No usable answer came back for the purge of 30 URLs of zone example.com ("
    )
    assert (
        "may or may not have happened; a purge is not sent twice blindly"
        in result["msg"]
    )
    assert result["msg"].endswith(
        "Unconfirmed: the 30 URLs of that call (in unconfirmed) may or may not have been purged; "
        "the 10 URLs after them were not sent; running the task again purges them again, which is harmless"
    )
    assert set(result) - {"changed", "failed", "msg"} <= set(DOCUMENTED_RETURN) | {
        "api_action",
        "attempts",
        "http_status",
    }


def test_a_lost_answer_of_the_only_chunk_reports_no_change(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), LOST)

    result = run(prefixes=["www.example.com/a", "www.example.com/b"])

    assert fake_v4.lines == ["GET /zones", f"POST {PURGE}"]
    assert result["failed"] is True
    assert "changed" not in result or result["changed"] is False
    assert "prefixes" not in result
    assert result["unconfirmed"] == ["www.example.com/a", "www.example.com/b"]
    assert "the purge of 2 prefixes of zone example.com" in result["msg"]


def test_a_lost_answer_of_a_full_purge_is_not_sent_again(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), LOST)

    result = run(purge_everything=True)

    assert fake_v4.lines == ["GET /zones", f"POST {PURGE}"]
    assert result["failed"] is True
    assert result["msg"].startswith(
        "No usable answer came back for the purge of the whole cache of zone example.com ("
    )
    assert "purging again is harmless" in result["msg"]


def test_an_unknown_zone_fails_naming_it_after_one_call(fake_v4):
    fake_v4.add(zone_lookup())

    result = run(hosts=["www.example.com"])

    assert result["failed"] is True
    assert result["msg"] == "Zone example.com was not found in the account"
    assert fake_v4.lines == ["GET /zones"]


def test_a_token_without_purge_permission_fails_clearly(fake_v4):
    fake_v4.add(
        zone_lookup(v4_zone()),
        failure(403, error(10000, "Authentication error")),
    )

    result = run(tags=["a"])

    assert result["failed"] is True
    assert "Authentication error" in result["msg"]
    assert "changed" not in result or result["changed"] is False
    assert_no_secret(json.dumps(dict(result)))
