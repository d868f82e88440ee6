# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_dns_record_info through main() against the in-memory FakeAPI (v1 paging: test_v1_api_records.py)."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import Record
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_name,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_dns_record,
    cf_dns_record_info,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
    SEED,
    ZONE,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    assert_no_secret,
)


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone(ZONE, records=SEED)
    return fake_api


def run(**args):
    result = run_module(cf_dns_record_info, {**CREDENTIALS, "zone": ZONE, **args})
    assert_no_secret(result)
    return result


def test_every_record_is_returned_in_zone_order(fake_api):
    fake_api.add_zone(
        ZONE,
        records=[
            Record(
                f"host{i}.example.com",
                "A",
                f"203.0.113.{i % 250}",
                ttl=1,
                proxied=False,
                id=str(i),
            )
            for i in range(400)
        ],
    )
    result = run()
    assert fake_api.log == [("load_records", ZONE)]
    assert [item["id"] for item in result["records"]] == [str(i) for i in range(400)]
    assert result["changed"] is False
    assert result["zone"] == ZONE
    assert result.call_report["api_calls"] == 1


def test_records_have_the_shape_cf_dns_record_returns(fake):
    info = run(name="_sip._tcp", type="SRV")
    single = run_module(
        cf_dns_record,
        {
            **CREDENTIALS,
            "zone": ZONE,
            **{key: value for key, value in info["records"][0].items() if key != "id"},
        },
    )
    assert single == {"changed": False, "record": info["records"][0]}
    assert info["records"] == [
        {
            "id": "9007",
            "name": "_sip._tcp.example.com",
            "type": "SRV",
            "content": "5 5060 sip.example.com",
            "ttl": 1,
            "proxied": False,
            "priority": 10,
            "service": "_sip",
            "proto": "_tcp",
            "weight": 5,
            "port": 5060,
            "target": "sip.example.com",
        }
    ]
    assert fake.writes == []


@pytest.mark.parametrize(
    "filters, ids",
    [
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
    ],
)
def test_filters(fake, filters, ids):
    assert [item["id"] for item in run(**filters)["records"]] == ids
    # Name and type go to the backend (which asks the API for just those); content is compared here.
    name = filters.get("name")
    rtype = filters.get("type")
    expected = (
        ("load_records", ZONE)
        if name is None and rtype is None
        else (
            "load_records",
            ZONE,
            None if name is None else normalize_name(name, ZONE),
            None if rtype is None else rtype.upper(),
        )
    )
    assert fake.log == [expected]


def test_works_in_check_mode(fake):
    assert len(run(_ansible_check_mode=True)["records"]) == 7
    assert fake.log == [("load_records", ZONE)]


def test_bad_name_filter_makes_no_call(fake):
    result = run(name="elsewhere.example.org.")
    assert fake.log == []
    assert result["failed"] is True
    assert result["problems"] == [
        "name 'elsewhere.example.org.' is outside the zone example.com"
    ]


def test_an_unknown_type_filter_makes_no_call(fake):
    result = run(type="bogus", name="elsewhere.example.org.")
    assert fake.log == []
    assert result["problems"] == [
        "name 'elsewhere.example.org.' is outside the zone example.com",
        "type 'bogus' is not one of A, AAAA, CNAME, MX, TXT, SPF, NS, SRV, LOC",
    ]


def test_the_type_filter_takes_the_backends_types(fake):
    fake.capabilities = capabilities(
        record_types=("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "LOC", "CAA")
    )
    assert run(type="caa")["records"] == []
    result = run(type="spf")
    assert result["problems"] == [
        "type 'spf' is not one of A, AAAA, CNAME, MX, TXT, NS, SRV, LOC, CAA"
    ]
    assert fake.log == [("load_records", ZONE, None, "CAA")]


def test_unknown_zone(fake):
    result = run(zone="Example.NET.")
    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }
    assert fake.log == [("load_records", "example.net")]
