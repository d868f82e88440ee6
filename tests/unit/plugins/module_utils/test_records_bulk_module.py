# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How cf_dns_records runs its writes: bounded concurrency, steps in order, what a failure stops."""

from __future__ import annotations

import threading
import time

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _records_bulk_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AbandonedError,
    AuthError,
    InputError,
    RateLimitError,
    TransportError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import Operation, Record
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_bulk import (
    STEP_CLEAR,
    STEP_DELETE,
    STEP_WRITE,
    Change,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_bulk_module import (
    dns_records_argument_spec,
    execute_changes,
)


def change(index: int, step: int = STEP_WRITE) -> Change:
    record = Record(name=f"h{index}.example.com", type="A", content="198.51.100.1", ttl=1, proxied=False,
                    id=str(index))
    return Change(Operation("delete" if step != STEP_WRITE else "edit", record, record), step)


class FakeWrites:
    """Stands in for apply_operation: records the order and overlap of writes, fails the ids it is told to."""

    def __init__(self, failures=None, seconds=0.0) -> None:
        self.failures = failures or {}
        self.seconds = seconds
        self.lock = threading.Lock()
        self.running = 0
        self.most_running = 0
        self.started: list[str] = []

    def __call__(self, client, zone, operation):
        with self.lock:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
            self.started.append(operation.before.id)
        try:
            time.sleep(self.seconds)
            if operation.before.id in self.failures:
                raise self.failures[operation.before.id]
            return operation
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def writes(monkeypatch):
    def install(**kwargs):
        fake = FakeWrites(**kwargs)
        monkeypatch.setattr(_records_bulk_module, "apply_operation", fake)
        return fake
    return install


def statuses(outcomes):
    return [outcome.status for outcome in outcomes]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_writes_never_exceed_the_concurrency(writes, concurrency):
    fake = writes(seconds=0.02)
    outcomes = execute_changes(None, "example.com", [change(index) for index in range(12)], concurrency)
    assert statuses(outcomes) == ["applied"] * 12
    assert fake.most_running <= concurrency
    if concurrency == 1:
        assert fake.started == [str(index) for index in range(12)]
    else:
        # Each write sleeps, so the other workers get their turn meanwhile.
        assert fake.most_running > 1


def test_a_step_starts_when_the_one_before_is_done(writes):
    fake = writes(seconds=0.01)
    changes = [change(0, STEP_CLEAR), change(1, STEP_CLEAR), change(2), change(3), change(4), change(5, STEP_DELETE)]
    execute_changes(None, "example.com", changes, 10)
    assert set(fake.started[:2]) == {"0", "1"}
    assert set(fake.started[2:5]) == {"2", "3", "4"}
    assert fake.started[5] == "5"


def test_a_record_error_lets_its_step_finish_and_stops_the_next_steps(writes):
    fake = writes(failures={"2": InputError("rec_edit failed: bad")})
    changes = [change(index) for index in range(5)] + [change(5, STEP_DELETE)]
    outcomes = execute_changes(None, "example.com", changes, 1)
    assert statuses(outcomes) == ["applied", "applied", "failed", "applied", "applied", "not_attempted"]
    assert outcomes[2].error == "rec_edit failed: bad"
    assert fake.started == ["0", "1", "2", "3", "4"]


@pytest.mark.parametrize("error", [AuthError("no"), RateLimitError("slow down"), TransportError("gone"),
                                   AbandonedError("rec_edit was not sent: process 7 is gone")])
def test_a_systemic_error_starts_no_new_write(writes, error):
    fake = writes(failures={"1": error})
    outcomes = execute_changes(None, "example.com", [change(index) for index in range(4)], 1)
    assert statuses(outcomes) == ["applied", "failed", "not_attempted", "not_attempted"]
    assert fake.started == ["0", "1"]
    assert outcomes[3].error == f"not attempted: update h1.example.com A 198.51.100.1 failed first: {error}"


def test_records_items_take_the_options_of_cf_dns_record_plus_id_solo_and_state():
    spec = dns_records_argument_spec()
    items = spec["records"]["options"]
    assert {"name", "type", "content", "ttl", "proxied", "priority", "service", "proto", "weight", "port", "target",
            "id", "solo", "state"} == set(items)
    assert items["state"]["default"] == "present"
    assert spec["max_deletes"]["default"] == 10
    assert spec["concurrency"]["default"] == 10
