# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The modules on API v4 through the real edge and the fake v4 transport: the exact calls of each task.

The call costs of design 10.2 are pinned here: a no-change cf_dns_record task costs 2 calls
whatever the zone's size (the zone lookup and the records of one name), a create, a change or
a delete 3; a change PATCHes only what changes; the zone is looked up once per task.
"""

from __future__ import annotations

import json

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_dns_record,
    cf_dns_record_info,
    cf_zone_info,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    IDS,
    MODULES,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    EMAIL,
    KEY,
    Reply,
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
ZONE_ID = "0123456789abcdef0123456789abcdef"
RECORDS = f"/zones/{ZONE_ID}/dns_records"


def v4_zone(name: str = "example.com", zone_id: str = ZONE_ID, **extra) -> dict:
    return {
        "id": zone_id,
        "name": name,
        "status": "active",
        "paused": False,
        "type": "full",
        "development_mode": 0,
        "name_servers": ["norm.ns.cloudflare.com", "pat.ns.cloudflare.com"],
        "original_name_servers": None,
        "plan": {"id": "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "legacy_id": "free"},
        **extra,
    }


def v4_record(name: str, rtype: str, content: str, record_id: str, **extra) -> dict:
    return {
        "id": record_id,
        "name": name,
        "type": rtype,
        "content": content,
        "proxiable": rtype in ("A", "AAAA", "CNAME"),
        "proxied": False,
        "ttl": 1,
        "settings": {},
        "meta": {},
        "comment": None,
        "tags": [],
        "created_on": "2026-01-01T00:00:00.000000Z",
        "modified_on": "2026-01-01T00:00:00.000000Z",
        **extra,
    }


WWW = v4_record(
    "www.example.com",
    "A",
    "203.0.113.5",
    "a" * 32,
    comment="set in the dashboard",
    tags=["owner:web"],
)


def zone_lookup(*zones) -> dict:
    return ok(list(zones), page_info(1, 20, len(zones), 1))


def records_page(*records) -> dict:
    return ok(list(records), page_info(1, 5000, len(records), 1))


def run(module, **args):
    return run_module(module, {**CREDENTIALS, "zone": "example.com", **args})


def test_a_no_change_record_task_costs_two_calls_and_reads_one_name(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), records_page(WWW))

    result = run(cf_dns_record, name="www", type="A", content="203.0.113.5")

    assert result["changed"] is False
    assert fake_v4.lines == ["GET /zones", f"GET {RECORDS}"]
    assert fake_v4.calls[0].params == {"name": "example.com"}
    assert fake_v4.calls[1].params["name.exact"] == "www.example.com"
    assert "type" not in fake_v4.calls[1].params
    assert result.call_report["api_calls"] == 2
    assert fake_v4.calls[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert_no_secret(json.dumps(dict(result)), result.invocation)


def test_a_create_costs_three_calls_and_sets_proxied_in_the_post(fake_v4):
    created = v4_record(
        "app.example.com", "A", "203.0.113.50", "b" * 32, proxied=True, ttl=1
    )
    fake_v4.add(zone_lookup(v4_zone()), records_page(), ok(created))

    result = run(
        cf_dns_record, name="app", type="A", content="203.0.113.50", proxied=True
    )

    assert result["changed"] is True
    assert fake_v4.lines == ["GET /zones", f"GET {RECORDS}", f"POST {RECORDS}"]
    assert fake_v4.calls[2].json == {
        "name": "app.example.com",
        "type": "A",
        "content": "203.0.113.50",
        "ttl": 1,
        "proxied": True,
    }
    assert result["record"]["id"] == "b" * 32


def test_a_change_patches_only_what_changes_so_comment_and_tags_survive(fake_v4):
    patched = {**WWW, "ttl": 600}
    fake_v4.add(zone_lookup(v4_zone()), records_page(WWW), ok(patched))

    result = run(cf_dns_record, name="www", type="A", content="203.0.113.5", ttl=600)

    assert result["changed"] is True
    assert fake_v4.lines == [
        "GET /zones",
        f"GET {RECORDS}",
        f"PATCH {RECORDS}/{WWW['id']}",
    ]
    assert fake_v4.calls[2].json == {"ttl": 600}
    assert result["record"]["comment"] == "set in the dashboard"
    assert result["record"]["tags"] == ["owner:web"]


def test_a_delete_costs_three_calls(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), records_page(WWW), ok({"id": WWW["id"]}))

    result = run(
        cf_dns_record, name="www", type="A", content="203.0.113.5", state="absent"
    )

    assert result["changed"] is True
    assert fake_v4.lines == [
        "GET /zones",
        f"GET {RECORDS}",
        f"DELETE {RECORDS}/{WWW['id']}",
    ]


def test_check_mode_reads_and_writes_nothing(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), records_page(WWW))

    result = run(
        cf_dns_record,
        name="www",
        type="A",
        content="203.0.113.9",
        _ansible_check_mode=True,
        _ansible_diff=True,
    )

    assert result["changed"] is True
    assert fake_v4.lines == ["GET /zones", f"GET {RECORDS}"]
    assert result["record"]["content"] == "203.0.113.9"


def test_an_unknown_zone_costs_one_call(fake_v4):
    fake_v4.add(zone_lookup())

    result = run(
        cf_dns_record, zone="example.net", name="x", type="A", content="203.0.113.1"
    )

    assert result["failed"] is True
    assert result["msg"] == "Zone example.net was not found in the account"
    assert fake_v4.lines == ["GET /zones"]


def test_the_global_key_on_v4_goes_in_the_x_auth_headers(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), records_page(WWW))

    result = run_module(
        cf_dns_record,
        {
            "api_email": EMAIL,
            "api_key": KEY,
            "api_version": "v4",
            "api_url": API_URL,
            "zone": "example.com",
            "name": "www",
            "type": "A",
            "content": "203.0.113.5",
        },
    )

    assert result["changed"] is False
    headers = fake_v4.calls[0].headers
    assert (headers["X-Auth-Email"], headers["X-Auth-Key"]) == (EMAIL, KEY)
    assert "Authorization" not in headers
    assert_no_secret(json.dumps(dict(result)))
    # The invocation echoes the e-mail address, as Ansible does every option that is not no_log.
    assert KEY not in json.dumps(result.invocation)


def test_a_refused_token_fails_without_showing_it(fake_v4):
    fake_v4.add(
        failure(403, error(9109, "Invalid access token")),
    )

    result = run(cf_dns_record, name="www", type="A", content="203.0.113.5")

    assert result["failed"] is True
    assert "Invalid access token" in result["msg"]
    assert_no_secret(json.dumps(dict(result)))


def test_record_info_sends_the_name_and_type_filters_to_the_api(fake_v4):
    fake_v4.add(zone_lookup(v4_zone()), records_page(WWW))

    result = run(cf_dns_record_info, name="www", type="a")

    assert [record["id"] for record in result["records"]] == [WWW["id"]]
    assert fake_v4.calls[1].params["name.exact"] == "www.example.com"
    assert fake_v4.calls[1].params["type"] == "A"
    assert fake_v4.lines == ["GET /zones", f"GET {RECORDS}"]


def test_zone_info_lists_the_zones_in_the_shape_of_v1(fake_v4):
    other = v4_zone("example.org", "f" * 32, plan={"legacy_id": "pro"})
    fake_v4.add(ok([other, v4_zone()], page_info(1, 50, 2, 1)))

    result = run_module(cf_zone_info, CREDENTIALS)

    assert [zone["name"] for zone in result["zones"]] == ["example.com", "example.org"]
    assert result["zones"][0] == {
        "name": "example.com",
        "id": ZONE_ID,
        "status": "active",
        "development_mode": False,
        "type": "full",
        "plan": "free",
        "name_servers": ["norm.ns.cloudflare.com", "pat.ns.cloudflare.com"],
        "original_name_servers": [],
        "hosting_partner": None,
    }
    assert fake_v4.calls[0].params["per_page"] == "50"


def test_zone_info_reads_the_settings_one_by_one(fake_v4):
    values = {
        "security_level": "off",
        "cache_level": "aggressive",
        "development_mode": "on",
        "ipv6": "on",
        "rocket_loader": "on",
    }
    fake_v4.add(zone_lookup(v4_zone()))
    for setting_id, value in values.items():
        extra = {"time_remaining": 3600} if setting_id == "development_mode" else {}
        fake_v4.add(ok({"id": setting_id, "value": value, "editable": True, **extra}))

    result = run(cf_zone_info, gather=["settings"])

    assert result["settings"] == {
        "example.com": {
            "security_level": "off",
            "cache_level": "aggressive",
            "development_mode": True,
            "ipv6": True,
            "rocket_loader": "automatic",
        }
    }
    assert fake_v4.lines == ["GET /zones"] + [
        f"GET /zones/{ZONE_ID}/settings/{setting_id}" for setting_id in values
    ]


@pytest.mark.parametrize(
    "section, advice",
    [("stats", "GraphQL only"), ("visitors", "GraphQL only")],
)
def test_zone_info_sections_v4_has_no_endpoint_for_fail_before_any_call(
    fake_v4, section, advice
):
    result = run(cf_zone_info, gather=["zones", section])

    assert result["failed"] is True
    assert result["msg"].startswith(f"{section} is not supported by API v4: ")
    assert advice in result["msg"]
    assert fake_v4.calls == []


ON_V4 = {
    "cf_cache_purge",
    "cf_dns_record",
    "cf_dns_record_info",
    "cf_dns_records",
    "cf_ip_access",
    "cf_zone_info",
    "cf_zone_setting",
}
NOT_ON_V4 = [
    (module_id, module, args)
    for module_id, (module, args) in zip(IDS, MODULES, strict=True)
    if module_id not in ON_V4
]


@pytest.mark.parametrize(
    "module, args",
    [(module, args) for dummy, module, args in NOT_ON_V4],
    ids=[module_id for module_id, dummy, dummy2 in NOT_ON_V4],
)
def test_the_modules_v4_does_not_have_yet_fail_before_any_call(fake_v4, module, args):
    result = run_module(module, {**CREDENTIALS, **args})

    assert result["failed"] is True
    assert "is not supported by API v4" in result["msg"]
    assert fake_v4.calls == []
    assert_no_secret(json.dumps(dict(result)))


def test_a_solo_cname_replaces_the_names_records_in_one_batch(fake_v4):
    aaaa = v4_record("www.example.com", "AAAA", "2001:db8::5", "c" * 32)
    cname = v4_record("www.example.com", "CNAME", "app.example.com", "d" * 32)
    fake_v4.add(
        zone_lookup(v4_zone()),
        records_page(WWW, aaaa),
        ok({"deletes": [WWW, aaaa], "patches": [], "puts": [], "posts": [cname]}),
    )

    result = run(
        cf_dns_record, name="www", type="CNAME", content="app.example.com", solo=True
    )

    assert result["changed"] is True
    assert fake_v4.lines == [
        "GET /zones",
        f"GET {RECORDS}",
        f"POST {RECORDS}/batch",
    ]
    assert fake_v4.calls[2].json == {
        "deletes": [{"id": WWW["id"]}, {"id": aaaa["id"]}],
        "patches": [],
        "posts": [
            {
                "name": "www.example.com",
                "type": "CNAME",
                "content": "app.example.com",
                "ttl": 1,
                "proxied": False,
            }
        ],
    }
    assert result["record"]["id"] == "d" * 32


def test_a_solo_edit_and_its_deletes_are_one_batch(fake_v4):
    first = v4_record("_dmarc.example.com", "TXT", "v=DMARC1; p=none", "e" * 32)
    second = v4_record("_dmarc.example.com", "TXT", "v=DMARC1; p=reject", "f" * 32)
    patched = {**first, "content": "v=DMARC1; p=quarantine"}
    fake_v4.add(
        zone_lookup(v4_zone()),
        records_page(first, second),
        ok({"deletes": [second], "patches": [patched], "puts": [], "posts": []}),
    )

    result = run(
        cf_dns_record,
        name="_dmarc",
        type="TXT",
        content="v=DMARC1; p=quarantine",
        solo=True,
    )

    assert result["record"]["content"] == "v=DMARC1; p=quarantine"
    assert fake_v4.calls[2].json == {
        "deletes": [{"id": second["id"]}],
        "patches": [{"id": first["id"], "content": "v=DMARC1; p=quarantine"}],
        "posts": [],
    }
    assert len(fake_v4.calls) == 3


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not_applied"])
def test_a_batch_whose_answer_is_lost_is_never_sent_again(fake_v4, applied):
    cname = v4_record("www.example.com", "CNAME", "app.example.com", "d" * 32)
    fake_v4.add(
        zone_lookup(v4_zone()),
        records_page(WWW),
        Reply(502, "<html><title>502 Bad Gateway</title></html>", {}),
        records_page(cname) if applied else records_page(WWW),
    )

    result = run(
        cf_dns_record, name="www", type="CNAME", content="app.example.com", solo=True
    )

    assert fake_v4.lines == [
        "GET /zones",
        f"GET {RECORDS}",
        f"POST {RECORDS}/batch",
        f"GET {RECORDS}",
    ]
    if applied:
        assert (result["changed"], result["record"]["id"]) == (True, "d" * 32)
    else:
        assert result["failed"] is True
        assert "was not applied" in result["msg"]
        assert "running the task again carries it out" in result["msg"]


def test_a_record_another_writer_created_is_adopted_with_its_comment(fake_v4):
    theirs = v4_record(
        "app.example.com", "A", "203.0.113.50", "b" * 32, comment="theirs", ttl=300
    )
    fake_v4.add(
        zone_lookup(v4_zone()),
        records_page(),
        failure(400, error(81058, "An identical record already exists.")),
        records_page(theirs),
        ok({**theirs, "ttl": 1}),
    )

    result = run(cf_dns_record, name="app", type="A", content="203.0.113.50")

    assert fake_v4.lines[-1] == f"PATCH {RECORDS}/{'b' * 32}"
    assert fake_v4.calls[-1].json == {"ttl": 1}
    assert result["record"]["comment"] == "theirs"


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not_applied"])
def test_a_batch_of_an_edit_and_a_delete_is_not_repeated_when_its_answer_is_lost(
    fake_v4, applied
):
    first = v4_record("_dmarc.example.com", "TXT", "v=DMARC1; p=none", "e" * 32)
    second = v4_record("_dmarc.example.com", "TXT", "v=DMARC1; p=reject", "f" * 32)
    patched = {**first, "content": "v=DMARC1; p=quarantine"}
    fake_v4.add(
        zone_lookup(v4_zone()),
        records_page(first, second),
        Reply(502, "<html><title>502 Bad Gateway</title></html>", {}),
        records_page(patched) if applied else records_page(first, second),
    )

    result = run(
        cf_dns_record,
        name="_dmarc",
        type="TXT",
        content="v=DMARC1; p=quarantine",
        solo=True,
    )

    assert [line.split()[0] for line in fake_v4.lines] == ["GET", "GET", "POST", "GET"]
    if applied:
        assert (result["changed"], result["record"]["id"]) == (True, "e" * 32)
    else:
        assert result["failed"] is True
        assert "was not applied" in result["msg"]
