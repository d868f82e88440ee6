# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_dns_record, cf_dns_record_info
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import v1_record
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.test_cf_dns_record import SEED
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
)

ZONE = "example.com"
AUTH = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}


def run(**args):
    result = run_module(cf_dns_record_info, dict(AUTH, zone=ZONE, **args))
    assert_no_secret(result)
    return result


def test_every_page_is_read(fake_v1):
    objs = [v1_record(i, f"host{i}.example.com", "A", f"203.0.113.{i % 250}") for i in range(400)]
    fake_v1.serve_zone(objs)
    result = run()
    assert fake_v1.offsets == [0, 180, 360, 540]
    assert [item["id"] for item in result["records"]] == [str(i) for i in range(400)]
    assert result["changed"] is False
    assert result["zone"] == ZONE


def test_records_have_the_shape_cf_dns_record_returns(fake_v1):
    fake_v1.add(SEED)
    info = run(name="_sip._tcp", type="SRV")
    fake_v1.add(SEED)
    single = run_module(cf_dns_record, dict(AUTH, zone=ZONE, **{
        key: value for key, value in info["records"][0].items() if key != "id"}))
    assert single == {"changed": False, "record": info["records"][0]}
    assert info["records"] == [{
        "id": "9007", "name": "_sip._tcp.example.com", "type": "SRV", "content": "5 5060 sip.example.com",
        "ttl": 1, "proxied": False, "priority": 10, "service": "_sip", "proto": "_tcp", "weight": 5, "port": 5060,
        "target": "sip.example.com"}]


@pytest.mark.parametrize("filters, ids", [
    ({}, ["9000", "9001", "9002", "9003", "9005", "9008", "9007"]),
    ({"name": "@"}, ["9000", "9003", "9005", "9008"]),
    ({"name": "EXAMPLE.COM.", "type": "TXT"}, ["9005", "9008"]),
    ({"name": "sub"}, ["9001"]),
    ({"name": "sub.example.com."}, ["9001"]),
    ({"type": "CNAME"}, ["9002"]),
    ({"type": "cname"}, ["9002"]),
    ({"type": "Txt"}, ["9005", "9008"]),
    ({"content": "Mail.Example.com."}, ["9003"]),
    ({"content": "203.0.113.10"}, ["9000"]),
    ({"name": "nothing"}, []),
])
def test_filters(fake_v1, filters, ids):
    fake_v1.add(SEED)
    assert [item["id"] for item in run(**filters)["records"]] == ids


def test_works_in_check_mode(fake_v1):
    fake_v1.add(SEED)
    assert len(run(_ansible_check_mode=True)["records"]) == 7


def test_bad_name_filter_makes_no_call(fake_v1):
    result = run(name="elsewhere.example.org.")
    assert fake_v1.requests == []
    assert result["failed"] is True
    assert result["problems"] == ["name 'elsewhere.example.org.' is outside the zone example.com"]


def test_an_unknown_type_filter_makes_no_call(fake_v1):
    result = run(type="bogus", name="elsewhere.example.org.")
    assert fake_v1.requests == []
    assert result["problems"] == ["name 'elsewhere.example.org.' is outside the zone example.com",
                                  "type 'bogus' is not one of A, AAAA, CNAME, MX, TXT, SPF, NS, SRV, LOC"]
