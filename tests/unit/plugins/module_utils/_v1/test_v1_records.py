# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import Record
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.records import (
    delete_params,
    edit_params,
    new_params,
    record_from_v1,
    record_obj,
)

ZONE = "example.com"


# Shapes of spec section 3.2 / 4.3: the 2012 doc's rec_tag, the live API's rec_hash, strings for ttl/prio/service_mode.
SPEC_A = {
    "rec_id": "16606009",
    "rec_tag": "7f8e77bac02ba65d34e20c4b994a202c",
    "zone_name": "example.com",
    "name": "direct.example.com",
    "display_name": "direct",
    "type": "A",
    "prio": None,
    "content": "203.0.113.10",
    "display_content": "203.0.113.10",
    "ttl": "1",
    "ttl_ceil": 86400,
    "ssl_id": None,
    "ssl_status": None,
    "ssl_expires_on": None,
    "auto_ttl": 1,
    "service_mode": "0",
    "props": {
        "proxiable": 1,
        "cloud_on": 0,
        "cf_open": 1,
        "ssl": 0,
        "expired_ssl": 0,
        "expiring_ssl": 0,
        "pending_ssl": 0,
        "vanity_lock": 0,
    },
}
SPEC_MX = {
    "rec_id": "364797388",
    "rec_hash": "a55e09423fa23c33906131aa678e86ba",
    "zone_name": "example.com",
    "name": "example.com",
    "display_name": "example.com",
    "type": "MX",
    "prio": "20",
    "content": "alt1.aspmx.l.google.com",
    "display_content": "alt1.aspmx.l.google.com",
    "ttl": "1",
    "ttl_ceil": 86400,
    "auto_ttl": 1,
    "service_mode": "0",
    "props": {"proxiable": 0, "cloud_on": 0},
    "mx": {"auto": False},
}


def test_spec_a_record():
    assert record_from_v1(SPEC_A) == Record(
        name="direct.example.com",
        type="A",
        content="203.0.113.10",
        ttl=1,
        proxied=False,
        priority=None,
        id="16606009",
    )


def test_spec_mx_record():
    assert record_from_v1(SPEC_MX) == Record(
        name=ZONE,
        type="MX",
        content="alt1.aspmx.l.google.com",
        ttl=1,
        proxied=False,
        priority=20,
        id="364797388",
    )


def test_proxied_ttl_and_case_are_normalised():
    obj = dict(
        SPEC_A,
        name="Direct.Example.COM.",
        type="aaaa",
        content="2001:DB8:0::1",
        ttl="300",
        service_mode="1",
    )
    record = record_from_v1(obj)
    assert (record.name, record.type, record.content, record.ttl, record.proxied) == (
        "direct.example.com",
        "AAAA",
        "2001:db8::1",
        300,
        True,
    )


def test_srv_record_from_v1():
    obj = dict(
        SPEC_A,
        rec_id="9007",
        name="_sip._tcp.example.com",
        type="SRV",
        prio="10",
        content="5 5060 sip.example.com",
    )
    record = record_from_v1(obj)
    assert (record.name, record.content, record.priority) == (
        "_sip._tcp.example.com",
        "5 5060 sip.example.com",
        10,
    )
    assert record.srv_fields()["port"] == 5060


def test_content_our_validation_rejects_is_kept_as_given():
    obj = dict(SPEC_A, type="LOC", content="somewhere odd")
    assert record_from_v1(obj).content == "somewhere odd"


def test_priority_is_ignored_on_types_without_one():
    assert record_from_v1(dict(SPEC_A, prio="5")).priority is None


def test_record_obj():
    assert record_obj({"response": {"rec": {"obj": SPEC_A}}}) is SPEC_A
    assert record_obj({"result": "success"}) == {}


A_RECORD = Record(
    name="sub.example.com",
    type="A",
    content="203.0.113.20",
    ttl=300,
    proxied=True,
    id="9001",
)


def test_new_params_send_the_relative_name_and_no_service_mode():
    assert new_params(ZONE, A_RECORD) == {
        "z": ZONE,
        "type": "A",
        "ttl": 300,
        "name": "sub",
        "content": "203.0.113.20",
    }


def test_edit_params_send_the_whole_record():
    assert edit_params(ZONE, A_RECORD) == {
        "id": "9001",
        "z": ZONE,
        "type": "A",
        "ttl": 300,
        "name": "sub",
        "content": "203.0.113.20",
        "service_mode": "1",
    }
    grey = Record(
        name=ZONE, type="CNAME", content="x.example.net", ttl=1, proxied=False, id="5"
    )
    assert edit_params(ZONE, grey)["service_mode"] == "0"
    assert edit_params(ZONE, grey)["name"] == ZONE


def test_mx_params_carry_prio_and_no_service_mode():
    mx = Record(
        name=ZONE,
        type="MX",
        content="mail.example.com",
        ttl=3600,
        proxied=False,
        priority=10,
        id="9003",
    )
    assert edit_params(ZONE, mx) == {
        "id": "9003",
        "z": ZONE,
        "type": "MX",
        "ttl": 3600,
        "prio": 10,
        "name": ZONE,
        "content": "mail.example.com",
    }


def test_srv_params_are_the_fields_without_name_or_content():
    srv = Record(
        name="_sip._udp.voice.example.com",
        type="SRV",
        content="0 5061 sip.example.net",
        ttl=1,
        proxied=False,
        priority=20,
    )
    assert new_params(ZONE, srv) == {
        "z": ZONE,
        "type": "SRV",
        "ttl": 1,
        "prio": 20,
        "service": "_sip",
        "protocol": "_udp",
        "srvname": "voice",
        "weight": 0,
        "port": 5061,
        "target": "sip.example.net",
    }
    apex = Record(
        name="_sip._tcp.example.com",
        type="SRV",
        content="5 5060 sip.example.com",
        ttl=1,
        proxied=False,
        priority=10,
        id="9007",
    )
    assert edit_params(ZONE, apex)["srvname"] == "@"
    assert "service_mode" not in edit_params(ZONE, apex)


def test_the_apex_wildcard_is_sent_by_its_full_name_other_wildcards_by_their_label():
    apex = Record(
        name="*.example.com",
        type="A",
        content="203.0.113.9",
        ttl=1,
        proxied=False,
        id="7",
    )
    dev = Record(
        name="*.dev.example.com",
        type="A",
        content="203.0.113.9",
        ttl=1,
        proxied=False,
        id="8",
    )
    assert new_params(ZONE, apex)["name"] == "*.example.com"
    assert edit_params(ZONE, apex)["name"] == "*.example.com"
    assert new_params(ZONE, dev)["name"] == "*.dev"
    srv = Record(
        name="_sip._tcp.*.example.com",
        type="SRV",
        content="5 5060 sip.example.com",
        ttl=1,
        proxied=False,
        priority=10,
    )
    assert new_params(ZONE, srv)["srvname"] == "*.example.com"


def test_delete_params():
    assert delete_params(ZONE, A_RECORD) == {"z": ZONE, "id": "9001"}
