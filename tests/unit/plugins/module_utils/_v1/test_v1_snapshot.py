# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
    DailyLimitError,
    OutcomeUnknownError,
    ValidationError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Task,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_snapshot import (
    refresh_snapshot,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    connection_dropped,
    error,
    form,
    success,
)

DAILY_LIMIT = error(
    "The snapshot of this zone can be refreshed once a day; try again later."
)


def zone_check(**ids) -> dict:
    return success(None, {"zones": ids})


@pytest.fixture
def client(clock):
    """The v1 adapter over a client on the fake endpoint."""
    return V1API(
        V1Client(
            EMAIL,
            KEY,
            api_url=API_URL,
            clock=clock,
            sleep=clock.sleep,
            jitter=lambda: 1.0,
        )
    )


def test_refresh_looks_up_the_id_then_grabs(fake_v1, client):
    fake_v1.add(zone_check(**{"example.com": 42}), success())

    result = refresh_snapshot(client, Task({"zone": "Example.COM."}))

    assert result == {"changed": True, "zone": "example.com", "zone_id": 42}
    assert fake_v1.forms == [
        form("zone_check", zones="example.com"),
        form("zone_grab", zid=42),
    ]


def test_refresh_tolerates_the_trailing_newline_quirk_of_zone_check(fake_v1, client):
    fake_v1.add(zone_check(**{"example.com\n": 42}), success())

    assert refresh_snapshot(client, Task({"zone": "example.com"}))["zone_id"] == 42


def test_check_mode_makes_no_call(fake_v1, client):
    result = refresh_snapshot(client, Task({"zone": "example.com"}, check_mode=True))

    assert result == {"changed": True, "zone": "example.com"}
    assert fake_v1.requests == []


def test_invalid_zone_name_is_rejected_before_any_call(fake_v1, client):
    with pytest.raises(ValidationError):
        refresh_snapshot(client, Task({"zone": "not a zone"}))

    assert fake_v1.requests == []


def test_unknown_zone_fails_naming_it_without_grabbing(fake_v1, client):
    fake_v1.add(zone_check(**{"example.net": 0}))

    with pytest.raises(ZoneNotFoundError) as caught:
        refresh_snapshot(client, Task({"zone": "example.net"}))

    assert caught.value.msg == "Zone example.net was not found in the account"
    assert caught.value.details() == {"api_action": "zone_check", "zone": "example.net"}
    assert fake_v1.actions == ["zone_check"]


def test_grab_answering_invalid_zone_names_it(fake_v1, client):
    fake_v1.add(zone_check(**{"example.com": 42}), error("Invalid zone"))

    with pytest.raises(ZoneNotFoundError) as caught:
        refresh_snapshot(client, Task({"zone": "example.com"}))

    assert caught.value.msg == "Zone example.com was not found in the account"
    assert caught.value.action == "zone_grab"


def test_daily_limit_gives_a_clear_message_and_a_flag(fake_v1, client):
    fake_v1.add(zone_check(**{"example.com": 42}), DAILY_LIMIT)

    with pytest.raises(DailyLimitError) as caught:
        refresh_snapshot(client, Task({"zone": "example.com"}))

    assert caught.value.msg == (
        "The snapshot of zone example.com was not refreshed: CloudFlare allows one refresh "
        "per zone a day and refused this one. Try again a day after the last refresh."
    )
    assert caught.value.details() == {
        "api_action": "zone_grab",
        "attempts": 1,
        "daily_limit_reached": True,
        "api_error": "zone_grab failed: The snapshot of this zone can be refreshed once a day; try again later.",
    }


def test_auth_error_is_not_mistaken_for_the_daily_limit(fake_v1, client):
    fake_v1.add(error("Unknown token or email", "E_UNAUTH"))

    with pytest.raises(AuthError) as caught:
        refresh_snapshot(client, Task({"zone": "example.com"}))

    assert_no_secret(caught.value, caught.value.details())


def test_lost_answer_is_not_repeated(fake_v1, client, clock):
    fake_v1.add(zone_check(**{"example.com": 42}), connection_dropped())

    with pytest.raises(OutcomeUnknownError) as caught:
        refresh_snapshot(client, Task({"zone": "example.com"}))

    assert caught.value.msg.startswith(
        "No answer came back for the snapshot refresh of zone example.com, so it may or may not have happened; "
        "CloudFlare allows one refresh per zone a day, so a repeat today may be refused. Details: zone_grab was sent"
    )
    assert fake_v1.actions == ["zone_check", "zone_grab"]
    assert clock.sleeps == []
