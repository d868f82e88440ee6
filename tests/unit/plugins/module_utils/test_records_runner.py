# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import V1Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import Operation, Plan, Record
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_runner import (
    apply_operation,
    execute_plan,
    load_zone_records,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_utils.test_records_v1 import (
    page,
    rec_answer,
    v1_record,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    Reply,
    connection_dropped,
    error,
    form,
    success,
)

ZONE = "example.com"
NEW = Record(name="app.example.com", type="A", content="203.0.113.50", ttl=1, proxied=False)
PROXIED_NEW = Record(name="app.example.com", type="A", content="203.0.113.50", ttl=1, proxied=True)
NEW_FORM = form("rec_new", z=ZONE, type="A", ttl=1, name="app", content="203.0.113.50")
READ_FORM = form("rec_load_all", z=ZONE, o=0)


@pytest.fixture
def client(clock):
    with V1Client(EMAIL, KEY, API_URL, sleep=clock.sleep, clock=clock, jitter=lambda: 0.5, rate_limit=None) as v1:
        yield v1


def test_load_zone_records_reads_every_page(fake_v1, client):
    fake_v1.add(page(v1_record(1, "a.example.com", "A", "203.0.113.1"), has_more=True),
                page(v1_record(2, "b.example.com", "AAAA", "2001:DB8::1")))
    records = load_zone_records(client, ZONE)
    assert [record.id for record in records] == ["1", "2"]
    assert records[1].content == "2001:db8::1"
    assert fake_v1.forms == [READ_FORM, form("rec_load_all", z=ZONE, o=1)]


def test_create(fake_v1, client):
    fake_v1.add(rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")))
    done = apply_operation(client, ZONE, Operation("create", None, NEW))
    assert done.after == Record(name="app.example.com", type="A", content="203.0.113.50", ttl=1, proxied=False,
                                id="100000")
    assert fake_v1.forms == [NEW_FORM]


def test_proxied_create_is_rec_new_then_rec_edit(fake_v1, client):
    fake_v1.add(rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")),
                rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50", service_mode=1)))
    done = apply_operation(client, ZONE, Operation("create", None, PROXIED_NEW))
    assert (done.after.id, done.after.proxied) == ("100000", True)
    assert fake_v1.forms == [NEW_FORM, form("rec_edit", id=100000, z=ZONE, type="A", ttl=1, name="app",
                                            content="203.0.113.50", service_mode=1)]


def test_lost_rec_new_answer_adopts_the_created_record(fake_v1, client):
    fake_v1.add(connection_dropped(),
                page(v1_record(9001, "sub.example.com", "A", "203.0.113.20"),
                     v1_record(100000, "app.example.com", "A", "203.0.113.50")),
                rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50", service_mode=1)))
    done = apply_operation(client, ZONE, Operation("create", None, PROXIED_NEW))
    assert done.after.id == "100000"
    assert fake_v1.actions == ["rec_new", "rec_load_all", "rec_edit"]


def test_lost_rec_new_that_was_not_applied_is_sent_again(fake_v1, client):
    fake_v1.add(connection_dropped(), page(v1_record(9001, "sub.example.com", "A", "203.0.113.20")),
                rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")))
    done = apply_operation(client, ZONE, Operation("create", None, NEW))
    assert done.after.id == "100000"
    assert fake_v1.forms == [NEW_FORM, READ_FORM, NEW_FORM]


def test_rec_new_lost_twice_gives_up_without_a_third_send_and_says_what_it_read(fake_v1, client):
    fake_v1.add(Reply(503, "busy"), page(), Reply(503, "busy"), page())
    with pytest.raises(TransportError) as caught:
        apply_operation(client, ZONE, Operation("create", None, NEW))
    assert caught.type is TransportError
    assert str(caught.value) == (
        "app.example.com A 203.0.113.50 was not created: rec_new got no usable answer 2 times (last: HTTP 503 Service "
        "Unavailable: busy), "
        "and the zone, read again after each, does not hold the record")
    assert "re-read" not in str(caught.value)
    assert fake_v1.actions == ["rec_new", "rec_load_all", "rec_new", "rec_load_all"]


def test_rec_new_lost_then_found_on_the_second_read_is_adopted(fake_v1, client):
    fake_v1.add(connection_dropped(), page(), connection_dropped(),
                page(v1_record(100000, "app.example.com", "A", "203.0.113.50")))
    done = apply_operation(client, ZONE, Operation("create", None, NEW))
    assert done.after.id == "100000"
    assert fake_v1.actions == ["rec_new", "rec_load_all", "rec_new", "rec_load_all"]


def test_a_create_refused_because_the_record_exists_adopts_it(fake_v1, client):
    fake_v1.add(error("Invalid input for content: record already exists", "E_INVLDINPUT", action="rec_new"),
                page(v1_record(100007, "app.example.com", "A", "203.0.113.50")))
    done = apply_operation(client, ZONE, Operation("create", None, NEW))
    assert done.after.id == "100007"
    assert fake_v1.actions == ["rec_new", "rec_load_all"]


def test_an_adopted_record_gets_the_attributes_the_create_asked_for(fake_v1, client):
    fake_v1.add(error("Invalid input for content: record already exists", "E_INVLDINPUT", action="rec_new"),
                page(v1_record(100007, "app.example.com", "A", "203.0.113.50", ttl=300)),
                rec_answer(v1_record(100007, "app.example.com", "A", "203.0.113.50", service_mode=1)))
    done = apply_operation(client, ZONE, Operation("create", None, PROXIED_NEW))
    assert (done.after.id, done.after.ttl, done.after.proxied) == ("100007", 1, True)
    assert fake_v1.forms[2] == form("rec_edit", id=100007, z=ZONE, type="A", ttl=1, name="app",
                                    content="203.0.113.50", service_mode=1)


def test_a_create_refused_as_existing_that_the_zone_does_not_show_fails(fake_v1, client):
    fake_v1.add(error("Invalid input for content: record already exists", "E_INVLDINPUT", action="rec_new"), page())
    with pytest.raises(RecordExistsError):
        apply_operation(client, ZONE, Operation("create", None, NEW))


def test_delete_of_a_record_already_gone_is_done(fake_v1, client):
    gone = Record(name="sub.example.com", type="A", content="203.0.113.20", ttl=1, proxied=False, id="9001")
    fake_v1.add(error("Invalid record id.", action="rec_delete"))
    assert apply_operation(client, ZONE, Operation("delete", gone, None)).before == gone
    assert fake_v1.forms == [form("rec_delete", z=ZONE, id=9001)]


def test_edit_of_a_record_gone_fails(fake_v1, client):
    gone = Record(name="sub.example.com", type="A", content="203.0.113.20", ttl=300, proxied=False, id="9001")
    fake_v1.add(error("Invalid record id.", action="rec_edit"))
    with pytest.raises(RecordNotFoundError):
        apply_operation(client, ZONE, Operation("edit", gone, gone))


def test_execute_plan_returns_the_record_as_the_api_reports_it(fake_v1, client):
    kept = Record(name=ZONE, type="TXT", content="a", ttl=1, proxied=False, id="1")
    extra = Record(name=ZONE, type="TXT", content="b", ttl=1, proxied=False, id="2")
    edited = Record(name=ZONE, type="TXT", content="c", ttl=1, proxied=False, id="1")
    plan = Plan(operations=(Operation("edit", kept, edited), Operation("delete", extra, None)), record=edited)
    fake_v1.add(rec_answer(v1_record(1, ZONE, "TXT", "c")), success("rec_delete"))
    done = execute_plan(client, ZONE, plan)
    assert done.record == edited
    assert fake_v1.forms == [form("rec_edit", id=1, z=ZONE, type="TXT", ttl=1, name=ZONE, content="c"),
                             form("rec_delete", z=ZONE, id=2)]
