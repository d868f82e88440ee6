# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The v1 wire forms of the record calls of V1API: the writes the record modules plan, as v1 sends them.

The module tests (tests/unit/plugins/modules/test_cf_dns_record*.py) check the same operations
against FakeAPI; here each is sent through V1API and its exact v1 calls are pinned.
"""

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    WriteOptions,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    SEED,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    Reply,
    error,
    form,
    page,
    rec_answer,
    success,
    v1_record,
)

ZONE = "example.com"
BY_ID = {seeded.id: seeded for seeded in SEED}
FIVE_503 = [Reply(503, "<title>503 Service Unavailable</title>")] * 5


@pytest.fixture
def api(clock):
    with V1API(
        V1Client(EMAIL, KEY, API_URL, sleep=clock.sleep, clock=clock, rate_limit=None)
    ) as v1:
        yield v1


def edit(rec_id, **changes) -> Operation:
    return Operation(
        "edit", BY_ID[rec_id], dataclasses.replace(BY_ID[rec_id], **changes)
    )


def test_a_proxied_create_with_a_ttl_is_rec_new_then_rec_edit(fake_v1, api):
    fake_v1.add(
        rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50", ttl=300)),
        rec_answer(
            v1_record(
                100000, "app.example.com", "A", "203.0.113.50", ttl=300, service_mode=1
            )
        ),
    )
    done = api.apply(
        ZONE,
        Operation(
            "create",
            None,
            Record("app.example.com", "A", "203.0.113.50", ttl=300, proxied=True),
        ),
    )
    assert fake_v1.forms == [
        form("rec_new", z=ZONE, type="A", ttl=300, name="app", content="203.0.113.50"),
        form(
            "rec_edit",
            id=100000,
            z=ZONE,
            type="A",
            ttl=300,
            name="app",
            content="203.0.113.50",
            service_mode=1,
        ),
    ]
    assert done.after == Record(
        "app.example.com", "A", "203.0.113.50", ttl=300, proxied=True, id="100000"
    )
    assert api.api_calls == 2


@pytest.mark.parametrize(
    "operation, answer, sent",
    [
        (
            edit("9000", ttl=600),
            v1_record(9000, ZONE, "A", "203.0.113.10", ttl=600, service_mode=1),
            form(
                "rec_edit",
                id=9000,
                z=ZONE,
                type="A",
                ttl=600,
                name=ZONE,
                content="203.0.113.10",
                service_mode=1,
            ),
        ),
        (
            edit("9002", proxied=False),
            v1_record(9002, "www.example.com", "CNAME", "example.com"),
            form(
                "rec_edit",
                id=9002,
                z=ZONE,
                type="CNAME",
                ttl=1,
                name="www",
                content="example.com",
                service_mode=0,
            ),
        ),
        (
            edit("9002", content="app.example.net"),
            v1_record(
                9002, "www.example.com", "CNAME", "app.example.net", service_mode=1
            ),
            form(
                "rec_edit",
                id=9002,
                z=ZONE,
                type="CNAME",
                ttl=1,
                name="www",
                content="app.example.net",
                service_mode=1,
            ),
        ),
        (
            edit("9003", priority=20),
            v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=20),
            form(
                "rec_edit",
                id=9003,
                z=ZONE,
                type="MX",
                ttl=3600,
                prio=20,
                name=ZONE,
                content="mail.example.com",
            ),
        ),
        (
            edit("9007", priority=5),
            v1_record(
                9007, "_sip._tcp.example.com", "SRV", "5 5060 sip.example.com", prio=5
            ),
            form(
                "rec_edit",
                id=9007,
                z=ZONE,
                type="SRV",
                ttl=1,
                prio=5,
                service="_sip",
                protocol="_tcp",
                srvname="@",
                weight=5,
                port=5060,
                target="sip.example.com",
            ),
        ),
        (
            edit("9005", content="hello"),
            v1_record(9005, ZONE, "TXT", "hello"),
            form(
                "rec_edit",
                id=9005,
                z=ZONE,
                type="TXT",
                ttl=1,
                name=ZONE,
                content="hello",
            ),
        ),
    ],
    ids=[
        "apex-ttl",
        "unproxy",
        "cname-content",
        "mx-priority",
        "srv-priority",
        "txt-content",
    ],
)
def test_an_edit_is_one_rec_edit_of_the_whole_record(
    fake_v1, api, operation, answer, sent
):
    fake_v1.add(rec_answer(answer))
    done = api.apply(ZONE, operation)
    assert fake_v1.forms == [sent]
    assert done.after == operation.after


def test_an_srv_create_sends_the_fields(fake_v1, api):
    srv = Record(
        "_sip._udp.example.com",
        "SRV",
        "5 5060 sip.example.com",
        ttl=1,
        proxied=False,
        priority=10,
    )
    fake_v1.add(
        rec_answer(
            v1_record(
                100000,
                "_sip._udp.example.com",
                "SRV",
                "5 5060 sip.example.com",
                prio=10,
            )
        )
    )
    done = api.apply(ZONE, Operation("create", None, srv))
    assert fake_v1.forms == [
        form(
            "rec_new",
            z=ZONE,
            type="SRV",
            ttl=1,
            prio=10,
            service="_sip",
            protocol="_udp",
            srvname="@",
            weight=5,
            port=5060,
            target="sip.example.com",
        )
    ]
    assert done.after == dataclasses.replace(srv, id="100000")


def test_the_apex_wildcard_is_sent_by_its_full_name(fake_v1, api):
    fake_v1.add(rec_answer(v1_record(100000, "*.example.com", "A", "203.0.113.42")))
    api.apply(
        ZONE,
        Operation(
            "create",
            None,
            Record("*.example.com", "A", "203.0.113.42", ttl=1, proxied=False),
        ),
    )
    assert fake_v1.forms == [
        form(
            "rec_new",
            z=ZONE,
            type="A",
            ttl=1,
            name="*.example.com",
            content="203.0.113.42",
        )
    ]


def test_a_delete_is_one_rec_delete(fake_v1, api):
    fake_v1.add(success("rec_delete"))
    api.apply(ZONE, Operation("delete", BY_ID["9008"], None))
    assert fake_v1.forms == [form("rec_delete", z=ZONE, id=9008)]


def test_a_refused_rec_new_is_an_input_error_naming_the_action(fake_v1, api):
    fake_v1.add(
        error(
            "Invalid input for name: reserved by the provider",
            "E_INVLDINPUT",
            action="rec_new",
        )
    )
    with pytest.raises(InputError) as caught:
        api.apply(
            ZONE,
            Operation(
                "create",
                None,
                Record("app.example.com", "A", "203.0.113.50", ttl=1, proxied=False),
            ),
        )
    assert (
        caught.value.msg
        == "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)"
    )
    assert caught.value.details() == {
        "api_action": "rec_new",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
    }


def test_an_unknown_zone_is_one_rec_load_all_and_the_message_every_module_gives(
    fake_v1, api
):
    fake_v1.add(error("Invalid zone", action="rec_load_all"))
    with pytest.raises(ZoneNotFoundError) as caught:
        api.load_records("example.net")
    assert fake_v1.forms == [form("rec_load_all", z="example.net", o=0)]
    assert caught.value.msg == "Zone example.net was not found in the account"
    assert caught.value.details() == {
        "zone": "example.net",
        "api_action": "rec_load_all",
        "attempts": 1,
    }


def test_a_zone_of_several_pages_is_read_at_the_offsets_of_full_pages(fake_v1, api):
    first = page(
        *[
            v1_record(index, f"h{index}.example.com", "A", "198.51.100.1")
            for index in range(180)
        ],
        has_more=True,
    )
    fake_v1.add(first, page(v1_record(500, "last.example.com", "A", "198.51.100.2")))
    records = api.load_records(ZONE)
    assert fake_v1.forms == [
        form("rec_load_all", z=ZONE, o=0),
        form("rec_load_all", z=ZONE, o=180),
    ]
    assert len(records) == 181


def test_a_zone_of_400_records_is_read_in_full(fake_v1, api):
    fake_v1.serve_zone(
        [
            v1_record(i, f"host{i}.example.com", "A", f"203.0.113.{i % 250}")
            for i in range(400)
        ]
    )
    records = api.load_records(ZONE)
    assert fake_v1.offsets == [0, 180, 360, 540]
    assert [found.id for found in records] == [str(i) for i in range(400)]


# --- a zone plan on v1 (cf_dns_records): the forms in order, with one writer -------------------------

SUB_CNAME = Record("sub.example.com", "CNAME", "app.example.com", ttl=1, proxied=False)
APP = Record("app.example.com", "A", "203.0.113.50", ttl=1, proxied=True)
CHANGES = [
    Operation("delete", BY_ID["9001"], None),
    Operation("create", None, SUB_CNAME),
    Operation("create", None, APP),
    edit("9003", priority=20),
    Operation("delete", BY_ID["9008"], None),
]
CHANGE_FORMS = [
    form("rec_delete", z=ZONE, id=9001),
    form("rec_new", z=ZONE, type="CNAME", ttl=1, name="sub", content="app.example.com"),
    form("rec_new", z=ZONE, type="A", ttl=1, name="app", content="203.0.113.50"),
    form(
        "rec_edit",
        id=100001,
        z=ZONE,
        type="A",
        ttl=1,
        name="app",
        content="203.0.113.50",
        service_mode=1,
    ),
    form(
        "rec_edit",
        id=9003,
        z=ZONE,
        type="MX",
        ttl=3600,
        prio=20,
        name=ZONE,
        content="mail.example.com",
    ),
    form("rec_delete", z=ZONE, id=9008),
]
CHANGE_ANSWERS = [
    success("rec_delete"),
    rec_answer(v1_record(100000, "sub.example.com", "CNAME", "app.example.com")),
    rec_answer(v1_record(100001, "app.example.com", "A", "203.0.113.50")),
    rec_answer(
        v1_record(100001, "app.example.com", "A", "203.0.113.50", service_mode=1)
    ),
    rec_answer(v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=20)),
    success("rec_delete"),
]


def test_every_kind_of_change_makes_exactly_its_writes_in_order(fake_v1, api):
    fake_v1.add(*CHANGE_ANSWERS)
    outcomes = api.apply_changes(
        ZONE, api.write_order(CHANGES), WriteOptions(concurrency=1)
    )
    assert fake_v1.forms == CHANGE_FORMS
    assert [outcome.status for outcome in outcomes] == ["applied"] * 5
    assert outcomes[2].operation.after == dataclasses.replace(APP, id="100001")
    assert api.api_calls == 6


def test_a_refused_write_is_reported_and_the_steps_after_it_are_not_sent(fake_v1, api):
    fake_v1.add(
        success("rec_delete"),
        rec_answer(v1_record(100000, "sub.example.com", "CNAME", "app.example.com")),
        error(
            "Invalid input for name: reserved by the provider",
            "E_INVLDINPUT",
            action="rec_new",
        ),
        rec_answer(v1_record(9003, ZONE, "MX", "mail.example.com", ttl=3600, prio=20)),
    )
    outcomes = api.apply_changes(ZONE, CHANGES, WriteOptions(concurrency=1))
    assert fake_v1.actions == ["rec_delete", "rec_new", "rec_new", "rec_edit"]
    assert [outcome.status for outcome in outcomes] == [
        "applied",
        "applied",
        "failed",
        "applied",
        "not_attempted",
    ]
    assert (
        outcomes[2].error
        == "rec_new failed: Invalid input for name: reserved by the provider (E_INVLDINPUT)"
    )
    assert outcomes[2].retry_round is False


def test_an_authentication_error_starts_no_further_write(fake_v1, api):
    creates = [
        Operation(
            "create",
            None,
            Record(
                f"{name}.example.com", "A", f"203.0.113.{index}", ttl=1, proxied=False
            ),
        )
        for index, name in enumerate(["a", "b", "c", "d"], start=1)
    ]
    fake_v1.add(
        rec_answer(v1_record(100000, "a.example.com", "A", "203.0.113.1")),
        error("Unknown token or email", "E_UNAUTH", action="rec_new"),
    )
    outcomes = api.apply_changes(ZONE, creates, WriteOptions(concurrency=1))
    assert fake_v1.actions == ["rec_new", "rec_new"]
    assert [outcome.status for outcome in outcomes] == [
        "applied",
        "failed",
        "not_attempted",
        "not_attempted",
    ]


def test_http_503_after_the_retries_is_a_failure_a_new_round_may_cure(
    fake_v1, api, clock
):
    sub = edit("9001", ttl=300)
    new = Operation(
        "create",
        None,
        Record("new.example.com", "A", "203.0.113.99", ttl=1, proxied=False),
    )
    fake_v1.add(*FIVE_503)
    outcomes = api.apply_changes(ZONE, [sub, new], WriteOptions(concurrency=1))
    assert fake_v1.actions == ["rec_edit"] * 5
    assert fake_v1.forms[0] == form(
        "rec_edit",
        id=9001,
        z=ZONE,
        type="A",
        ttl=300,
        name="sub",
        content="203.0.113.20",
        service_mode=0,
    )
    assert [outcome.status for outcome in outcomes] == ["failed", "not_attempted"]
    assert outcomes[0].retry_round is True
    assert outcomes[0].error == (
        "rec_edit failed after 5 attempts (attempt limit reached); last error: HTTP 503 "
        "Service Unavailable: 503 Service Unavailable"
    )
    assert outcomes[1].error.startswith(
        "not attempted: update sub.example.com A 203.0.113.20 failed first: "
        "rec_edit failed after 5 attempts"
    )
    assert (len(clock.sleeps), api.api_calls) == (4, 5)
