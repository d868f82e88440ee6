# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import api_name
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.zones import (
    zone_from_v1,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    form,
    success,
    v1_zone,
    zones_answer,
)


@pytest.fixture
def api(clock):
    return V1API(V1Client(EMAIL, KEY, api_url=API_URL, clock=clock, sleep=clock.sleep))


def test_full_zone_is_normalised():
    assert zone_from_v1(v1_zone()) == {
        "name": "example.com",
        "id": 42,
        "status": "active",
        "development_mode": False,
        "type": "full",
        "plan": "free",
        "name_servers": ["norm.ns.cloudflare.com", "pat.ns.cloudflare.com"],
        "original_name_servers": [],
        "hosting_partner": None,
    }


def test_partial_deactivated_zone_of_a_hosting_partner():
    zone = zone_from_v1(
        v1_zone(
            "Partner.Example.",
            "7",
            zone_type="P",
            host_pubname="WebHost",
            fqdns=None,
            zone_mode="0",
            zone_status_class="status-deactivated",
            orig_ns_names="{NS1.NAMESERVER.COM,NS2.NAMESERVER.COM}",
            props={"pro": 1},
            allow=["zone_reactivate", "zone_delete"],
        )
    )

    assert zone == {
        "name": "partner.example",
        "id": 7,
        "status": "deactivated",
        "development_mode": False,
        "type": "partial",
        "plan": "pro",
        "name_servers": [],
        "original_name_servers": ["ns1.nameserver.com", "ns2.nameserver.com"],
        "hosting_partner": "WebHost",
    }


@pytest.mark.parametrize(
    "fields, development_mode",
    [
        ({"zone_status_class": "status-dev-mode"}, True),
        ({"allow": ["zone_dev_mode0"]}, True),
        ({}, False),
    ],
)
def test_development_mode(fields, development_mode):
    zone = zone_from_v1(v1_zone(**fields))

    assert zone["development_mode"] is development_mode
    assert zone["status"] == "active"


@pytest.mark.parametrize(
    "props, plan",
    [
        ({"plan": "PRO_ZONE"}, "pro"),
        ({"plan": "BIZ_ZONE"}, "business"),
        ({"plan": "ENT_ZONE"}, "enterprise"),
        ({"plan": "SOMETHING_NEW"}, "something_new"),
        ({"pro": 0}, "free"),
        ({}, "free"),
    ],
)
def test_plan(props, plan):
    assert zone_from_v1(v1_zone(props=props))["plan"] == plan


def test_original_name_servers_as_a_list():
    assert zone_from_v1(v1_zone(orig_ns_names=["ns1.example.net."]))[
        "original_name_servers"
    ] == ["ns1.example.net"]


@pytest.mark.parametrize(
    "name", ["example.com", "EXAMPLE.com", "example.com.", " Example.Com. "]
)
def test_zone_names_normalise(name):
    assert api_name(name) == "example.com"


def test_list_zones_sorts_by_name(fake_v1, api):
    fake_v1.add(
        zones_answer(v1_zone("example.org", "43"), v1_zone("example.com", "42"))
    )

    assert [zone["name"] for zone in api.list_zones()] == ["example.com", "example.org"]
    assert fake_v1.forms == [form("zone_load_multi")]


def test_list_zones_refuses_a_malformed_answer(fake_v1, api):
    fake_v1.add(success("zone_load_multi", {}))

    with pytest.raises(
        TransportError, match="zone_load_multi answered without response.zones"
    ):
        api.list_zones()


def test_zone_id_tolerates_the_trailing_newline_quirk(fake_v1, api):
    fake_v1.add(success(response={"zones": {"example.org\n": 43}}))

    assert api.zone_id("example.org") == 43
    assert fake_v1.forms == [form("zone_check", zones="example.org")]


def test_a_zone_the_account_lacks_has_id_zero_and_is_not_found(fake_v1, api):
    fake_v1.add(success(response={"zones": {"example.net": 0}}))

    with pytest.raises(ZoneNotFoundError) as caught:
        api.zone_id("example.net")

    assert str(caught.value) == "Zone example.net was not found in the account"
    assert caught.value.details() == {"api_action": "zone_check", "zone": "example.net"}


def test_zone_id_refuses_a_malformed_answer(fake_v1, api):
    fake_v1.add(success(response={"zones": None}))

    with pytest.raises(
        TransportError, match="zone_check answered without response.zones"
    ):
        api.zone_id("example.com")


def test_find_zone_reads_the_zone_list(fake_v1, api):
    fake_v1.add(zones_answer(v1_zone("example.org", "43"), v1_zone()))

    assert api.find_zone("example.com") == zone_from_v1(v1_zone())
    assert fake_v1.forms == [form("zone_load_multi")]
