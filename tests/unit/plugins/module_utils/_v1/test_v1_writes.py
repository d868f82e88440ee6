# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import threading
import time

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AbandonedError,
    AuthError,
    InputError,
    OutcomeUnknownError,
    RateLimitError,
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
    WriteNotAppliedError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.writes import (
    STEP_CLEAR,
    STEP_DELETE,
    STEP_WRITE,
    RecordWriter,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    Reply,
    connection_dropped,
    error,
    form,
    page,
    rec_answer,
    v1_record,
)

ZONE = "example.com"
NEW = Record(
    name="app.example.com", type="A", content="203.0.113.50", ttl=1, proxied=False
)
PROXIED_NEW = Record(
    name="app.example.com", type="A", content="203.0.113.50", ttl=1, proxied=True
)
NEW_FORM = form("rec_new", z=ZONE, type="A", ttl=1, name="app", content="203.0.113.50")
READ_FORM = form("rec_load_all", z=ZONE, o=0)


@pytest.fixture
def api(clock):
    with V1API(
        V1Client(
            EMAIL,
            KEY,
            API_URL,
            sleep=clock.sleep,
            clock=clock,
            jitter=lambda: 0.5,
            rate_limit=None,
        )
    ) as v1:
        yield v1


def test_load_zone_records_reads_every_page(fake_v1, api):
    fake_v1.add(
        page(v1_record(1, "a.example.com", "A", "203.0.113.1"), has_more=True),
        page(v1_record(2, "b.example.com", "AAAA", "2001:DB8::1")),
    )
    records = api.load_records(ZONE)
    assert [record.id for record in records] == ["1", "2"]
    assert records[1].content == "2001:db8::1"
    assert fake_v1.forms == [READ_FORM, form("rec_load_all", z=ZONE, o=1)]


def test_create(fake_v1, api):
    fake_v1.add(rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")))
    done = api.apply(ZONE, Operation("create", None, NEW))
    assert done.after == Record(
        name="app.example.com",
        type="A",
        content="203.0.113.50",
        ttl=1,
        proxied=False,
        id="100000",
    )
    assert fake_v1.forms == [NEW_FORM]


def test_proxied_create_is_rec_new_then_rec_edit(fake_v1, api):
    fake_v1.add(
        rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")),
        rec_answer(
            v1_record(100000, "app.example.com", "A", "203.0.113.50", service_mode=1)
        ),
    )
    done = api.apply(ZONE, Operation("create", None, PROXIED_NEW))
    assert (done.after.id, done.after.proxied) == ("100000", True)
    assert fake_v1.forms == [
        NEW_FORM,
        form(
            "rec_edit",
            id=100000,
            z=ZONE,
            type="A",
            ttl=1,
            name="app",
            content="203.0.113.50",
            service_mode=1,
        ),
    ]


def test_lost_rec_new_answer_adopts_the_created_record(fake_v1, api):
    fake_v1.add(
        connection_dropped(),
        page(
            v1_record(9001, "sub.example.com", "A", "203.0.113.20"),
            v1_record(100000, "app.example.com", "A", "203.0.113.50"),
        ),
        rec_answer(
            v1_record(100000, "app.example.com", "A", "203.0.113.50", service_mode=1)
        ),
    )
    done = api.apply(ZONE, Operation("create", None, PROXIED_NEW))
    assert done.after.id == "100000"
    assert fake_v1.actions == ["rec_new", "rec_load_all", "rec_edit"]


def test_lost_rec_new_that_was_not_applied_is_sent_again(fake_v1, api):
    fake_v1.add(
        connection_dropped(),
        page(v1_record(9001, "sub.example.com", "A", "203.0.113.20")),
        rec_answer(v1_record(100000, "app.example.com", "A", "203.0.113.50")),
    )
    done = api.apply(ZONE, Operation("create", None, NEW))
    assert done.after.id == "100000"
    assert fake_v1.forms == [NEW_FORM, READ_FORM, NEW_FORM]


def test_rec_new_lost_twice_gives_up_without_a_third_send_and_says_what_it_read(
    fake_v1, api
):
    fake_v1.add(Reply(503, "busy"), page(), Reply(503, "busy"), page())
    with pytest.raises(WriteNotAppliedError) as caught:
        api.apply(ZONE, Operation("create", None, NEW))
    assert (caught.value.stops_writes, caught.value.retry_round) == (False, True)
    assert str(caught.value) == (
        "app.example.com A 203.0.113.50 was not created: rec_new got no usable answer 2 times (last: HTTP 503 Service "
        "Unavailable: busy), "
        "and the zone, read again after each, does not hold the record"
    )
    assert "re-read" not in str(caught.value)
    assert fake_v1.actions == ["rec_new", "rec_load_all", "rec_new", "rec_load_all"]


def test_rec_new_lost_then_found_on_the_second_read_is_adopted(fake_v1, api):
    fake_v1.add(
        connection_dropped(),
        page(),
        connection_dropped(),
        page(v1_record(100000, "app.example.com", "A", "203.0.113.50")),
    )
    done = api.apply(ZONE, Operation("create", None, NEW))
    assert done.after.id == "100000"
    assert fake_v1.actions == ["rec_new", "rec_load_all", "rec_new", "rec_load_all"]


def test_a_create_refused_because_the_record_exists_adopts_it(fake_v1, api):
    fake_v1.add(
        error(
            "Invalid input for content: record already exists",
            "E_INVLDINPUT",
            action="rec_new",
        ),
        page(v1_record(100007, "app.example.com", "A", "203.0.113.50")),
    )
    done = api.apply(ZONE, Operation("create", None, NEW))
    assert done.after.id == "100007"
    assert fake_v1.actions == ["rec_new", "rec_load_all"]


def test_an_adopted_record_gets_the_attributes_the_create_asked_for(fake_v1, api):
    fake_v1.add(
        error(
            "Invalid input for content: record already exists",
            "E_INVLDINPUT",
            action="rec_new",
        ),
        page(v1_record(100007, "app.example.com", "A", "203.0.113.50", ttl=300)),
        rec_answer(
            v1_record(100007, "app.example.com", "A", "203.0.113.50", service_mode=1)
        ),
    )
    done = api.apply(ZONE, Operation("create", None, PROXIED_NEW))
    assert (done.after.id, done.after.ttl, done.after.proxied) == ("100007", 1, True)
    assert fake_v1.forms[2] == form(
        "rec_edit",
        id=100007,
        z=ZONE,
        type="A",
        ttl=1,
        name="app",
        content="203.0.113.50",
        service_mode=1,
    )


def test_a_create_refused_as_existing_that_the_zone_does_not_show_fails(fake_v1, api):
    fake_v1.add(
        error(
            "Invalid input for content: record already exists",
            "E_INVLDINPUT",
            action="rec_new",
        ),
        page(),
    )
    with pytest.raises(RecordExistsError):
        api.apply(ZONE, Operation("create", None, NEW))


def test_delete_of_a_record_already_gone_is_done(fake_v1, api):
    gone = Record(
        name="sub.example.com",
        type="A",
        content="203.0.113.20",
        ttl=1,
        proxied=False,
        id="9001",
    )
    fake_v1.add(error("Invalid record id.", action="rec_delete"))
    assert api.apply(ZONE, Operation("delete", gone, None)).before == gone
    assert fake_v1.forms == [form("rec_delete", z=ZONE, id=9001)]


def test_edit_of_a_record_gone_fails(fake_v1, api):
    gone = Record(
        name="sub.example.com",
        type="A",
        content="203.0.113.20",
        ttl=300,
        proxied=False,
        id="9001",
    )
    fake_v1.add(error("Invalid record id.", action="rec_edit"))
    with pytest.raises(RecordNotFoundError):
        api.apply(ZONE, Operation("edit", gone, gone))


# --- the writes of a zone plan: bounded concurrency, steps in order, what a failure stops ----------------


def change(index: int, step: int = STEP_WRITE) -> Operation:
    """An edit (step 1), or a delete of step 0 (it clears the way for cname_create) or of step 2."""
    name = f"c{index}.example.com" if step == STEP_CLEAR else f"h{index}.example.com"
    record = Record(
        name=name, type="A", content="198.51.100.1", ttl=1, proxied=False, id=str(index)
    )
    return Operation(
        "delete" if step != STEP_WRITE else "edit",
        record,
        None if step != STEP_WRITE else record,
    )


def cname_create(index: int, cleared: str) -> Operation:
    """A CNAME create of the name the step-0 delete ``cleared`` frees."""
    record = Record(
        name=f"c{cleared}.example.com",
        type="CNAME",
        content="example.com",
        ttl=1,
        proxied=False,
        id=str(index),
    )
    return Operation("create", None, record)


def apply_changes(operations, concurrency):
    return RecordWriter(None, "example.com", None).apply_changes(
        operations, concurrency
    )


class FakeWrites:
    """Stands in for RecordWriter.apply: records the order and overlap of writes, fails the ids it is told to."""

    def __init__(self, failures=None, seconds=0.0) -> None:
        self.failures = failures or {}
        self.seconds = seconds
        self.lock = threading.Lock()
        self.running = 0
        self.most_running = 0
        self.started: list[str] = []

    def __call__(self, operation):
        with self.lock:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
            self.started.append((operation.before or operation.after).id)
        try:
            time.sleep(self.seconds)
            if (operation.before or operation.after).id in self.failures:
                raise self.failures[(operation.before or operation.after).id]
            return operation
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def writes(monkeypatch):
    def install(**kwargs):
        fake = FakeWrites(**kwargs)
        monkeypatch.setattr(
            RecordWriter, "apply", lambda writer, operation: fake(operation)
        )
        return fake

    return install


def statuses(outcomes):
    return [outcome.status for outcome in outcomes]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_writes_never_exceed_the_concurrency(writes, concurrency):
    fake = writes(seconds=0.02)
    outcomes = apply_changes([change(index) for index in range(12)], concurrency)
    assert statuses(outcomes) == ["applied"] * 12
    assert fake.most_running <= concurrency
    if concurrency == 1:
        assert fake.started == [str(index) for index in range(12)]
    else:
        # Each write sleeps, so the other workers get their turn meanwhile.
        assert fake.most_running > 1


def test_a_step_starts_when_the_one_before_is_done(writes):
    fake = writes(seconds=0.01)
    # 0 and 1 clear the way for CNAMEs 6 and 7 (step 0); the edits and creates (step 1); the other delete (step 2)
    changes = [
        change(5, STEP_DELETE),
        change(2),
        change(0, STEP_CLEAR),
        change(3),
        change(1, STEP_CLEAR),
        change(4),
        cname_create(6, "0"),
        cname_create(7, "1"),
    ]
    outcomes = apply_changes(changes, 10)
    assert set(fake.started[:2]) == {"0", "1"}
    assert set(fake.started[2:7]) == {"2", "3", "4", "6", "7"}
    assert fake.started[7] == "5"
    assert [outcome.operation for outcome in outcomes] == changes


def test_a_record_error_lets_its_step_finish_and_stops_the_next_steps(writes):
    fake = writes(failures={"2": InputError("rec_edit failed: bad")})
    changes = [change(index) for index in range(5)] + [change(5, STEP_DELETE)]
    outcomes = apply_changes(changes, 1)
    assert statuses(outcomes) == [
        "applied",
        "applied",
        "failed",
        "applied",
        "applied",
        "not_attempted",
    ]
    assert outcomes[2].error == "rec_edit failed: bad"
    assert fake.started == ["0", "1", "2", "3", "4"]


@pytest.mark.parametrize(
    "error",
    [
        AuthError("no"),
        RateLimitError("slow down"),
        TransportError("gone"),
        AbandonedError("rec_edit was not sent: process 7 is gone"),
    ],
)
def test_a_systemic_error_starts_no_new_write(writes, error):
    fake = writes(failures={"1": error})
    outcomes = apply_changes([change(index) for index in range(4)], 1)
    assert statuses(outcomes) == ["applied", "failed", "not_attempted", "not_attempted"]
    assert fake.started == ["0", "1"]
    assert (
        outcomes[3].error
        == f"not attempted: update h1.example.com A 198.51.100.1 failed first: {error}"
    )


@pytest.mark.parametrize(
    "error",
    [
        OutcomeUnknownError("rec_edit: connection lost", reason="connection lost"),
        WriteNotAppliedError("h1.example.com A was not created"),
    ],
)
def test_an_error_about_one_write_stops_no_other(writes, error):
    fake = writes(failures={"1": error})
    outcomes = apply_changes([change(index) for index in range(4)], 1)
    assert statuses(outcomes) == ["applied", "failed", "applied", "applied"]
    assert fake.started == ["0", "1", "2", "3"]
    assert outcomes[1].retry_round is True
