# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The client against the real simulator (tests/simulator/cfsim.py) over loopback HTTP."""

from __future__ import annotations

import socket

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
    InputError,
    OutcomeUnknownError,
    RateLimitError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Task,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_info import (
    gather_zone_info,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    RetryPolicy,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (
    SEED_EMAIL,
    SEED_KEY,
    SimulatorProcess,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    FakeClock,
    assert_no_secret,
)

MARKER_KEY = "0123456789abcdef0123456789abcdef"


RETRY_OPTIONS = (
    "max_attempts",
    "max_retry_time",
    "backoff_base",
    "backoff_max",
    "rate_limit_wait",
)


def make_client(simulator, clock, email=SEED_EMAIL, key=SEED_KEY, **kwargs) -> V1Client:
    """A client of the simulator on the fake clock; the retry options given go into its RetryPolicy."""
    retry = RetryPolicy(
        **{option: kwargs.pop(option) for option in RETRY_OPTIONS if option in kwargs}
    )
    kwargs.setdefault("sleep", clock.sleep)
    return V1Client(
        email, key, api_url=simulator.url, clock=clock, retry=retry, **kwargs
    )


def calls(simulator) -> dict:
    return simulator.stats()["calls"]


def records_of(simulator, zone: str) -> list[dict]:
    for account in simulator.state()["accounts"]:
        for seeded in account["zones"]:
            if seeded["name"] == zone:
                return seeded.get("records", [])
    raise AssertionError(f"no zone {zone}")


def gather(client, zone=None, gather=("zones",)):
    """cf_zone_info's runner over the v1 adapter."""
    params = {
        "zone": zone,
        "gather": list(gather),
        "stats_interval": "30d",
        "visitors_hours": 24,
        "visitors_class": None,
        "visitors_geo": False,
    }
    return gather_zone_info(V1API(client), Task(params))


def test_zone_list_of_the_default_seed(simulator, clock):
    client = make_client(simulator, clock)

    info = gather(client, gather=["zones", "zone_ids"])

    assert info["zone_ids"] == {"example.com": 42, "example.org": 43}
    assert [
        (zone["name"], zone["id"], zone["type"], zone["status"])
        for zone in info["zones"]
    ] == [("example.com", 42, "full", "active"), ("example.org", 43, "full", "active")]
    assert calls(simulator) == {"zone_load_multi": 1}
    assert client.transport.api_calls == 1


def test_zone_check_answer(simulator, clock):
    client = make_client(simulator, clock)

    assert gather(client, zone="Example.com.", gather=["zone_ids"]) == {
        "zone_ids": {"example.com": 42}
    }
    with pytest.raises(ZoneNotFoundError, match="Zone example.net was not found"):
        gather(client, zone="example.net", gather=["zone_ids"])
    assert calls(simulator) == {"zone_check": 2}


def test_request_echo_is_dropped(simulator, clock):
    answer = make_client(simulator, clock).call("rec_load_all", {"z": "example.com"})

    assert "request" not in answer
    assert SEED_KEY not in repr(answer)
    assert answer["response"]["recs"]["count"] == len(
        answer["response"]["recs"]["objs"]
    )


def test_paging_over_three_pages(simulator, clock):
    records = [
        {"name": f"host{number}", "type": "A", "content": f"192.0.2.{number % 250 + 1}"}
        for number in range(365)
    ]
    simulator.reset(
        {
            "accounts": [
                {
                    "email": SEED_EMAIL,
                    "key": SEED_KEY,
                    "zones": [{"name": "big.example", "id": 77, "records": records}],
                }
            ]
        }
    )
    client = make_client(simulator, clock)

    loaded = V1API(client).load_records("big.example")

    assert len(loaded) == 365
    assert len({record.id for record in loaded}) == 365
    assert {record.name for record in loaded} == {
        f"host{number}.big.example" for number in range(365)
    }
    # pages 1 and 2 one by one, then 3 and 4 at once: the 4th, past the end, answers empty
    assert calls(simulator) == {"rec_load_all": 4}


def test_wrong_key_is_an_auth_error_that_hides_the_key(simulator, clock):
    client = make_client(simulator, clock, key=MARKER_KEY)

    with pytest.raises(AuthError) as caught:
        client.call("zone_load_multi")

    assert caught.value.err_code == "E_UNAUTH"
    assert MARKER_KEY not in str(caught.value) + repr(caught.value)
    assert SEED_EMAIL not in str(caught.value) + repr(caught.value)
    assert calls(simulator) == {"zone_load_multi": 1}


def test_invalid_input(simulator, clock):
    with pytest.raises(InputError) as caught:
        make_client(simulator, clock).call(
            "sec_lvl", {"z": "example.com", "v": "extreme"}
        )

    assert caught.value.err_code == "E_INVLDINPUT"


def test_unknown_zone_and_record(simulator, clock):
    client = make_client(simulator, clock)

    with pytest.raises(ZoneNotFoundError) as zone_error:
        V1API(client).load_records("example.net")
    with pytest.raises(RecordNotFoundError):
        client.call("rec_delete", {"z": "example.com", "id": "1"})

    assert zone_error.value.zone == "example.net"
    assert calls(simulator) == {"rec_load_all": 1, "rec_delete": 1}


def test_http_5xx_is_retried_until_success(simulator, clock):
    simulator.faults(fail_rate=1.0, max_faults=2)
    client = make_client(simulator, clock)

    info = gather(client)

    assert [zone["name"] for zone in info["zones"]] == ["example.com", "example.org"]
    assert calls(simulator) == {"zone_load_multi": 3}
    assert client.transport.api_calls == 3
    assert len(clock.sleeps) == 2


def test_http_5xx_exhausted(simulator, clock):
    simulator.faults(fail_rate=1.0)
    client = make_client(simulator, clock, max_attempts=3)

    with pytest.raises(TransportError) as caught:
        client.call("zone_settings", {"z": "example.com"})

    assert str(caught.value).startswith(
        "zone_settings failed after 3 attempts (attempt limit reached); "
        "last error: HTTP 50"
    )
    assert calls(simulator) == {"zone_settings": 3}


def test_maxapi_answers_are_retried(simulator, clock):
    simulator.faults(maxapi_rate=1.0, max_faults=2)

    make_client(simulator, clock).call(
        "rec_new",
        {"z": "example.com", "type": "A", "name": "paced", "content": "192.0.2.99"},
    )

    assert calls(simulator) == {"rec_new": 3}
    assert [item["name"] for item in records_of(simulator, "example.com")].count(
        "paced.example.com"
    ) == 1


def test_maxapi_exhausted(simulator, clock):
    simulator.faults(maxapi_rate=1.0)

    with pytest.raises(RateLimitError) as caught:
        make_client(simulator, clock, rate_limit_wait=30.0, jitter=lambda: 1.0).call(
            "zone_load_multi"
        )

    assert caught.value.attempts == 4
    assert str(caught.value).startswith(
        "zone_load_multi failed after 4 attempts (still rate limited after 30 s)"
    )
    assert clock.sleeps == [5.0, 10.0, 15.0]
    assert calls(simulator) == {"zone_load_multi": 4}


def test_server_rate_limit_and_client_pacer(simulator, clock):
    simulator.faults(rate_limit="3/300")

    def sleep_on_both_clocks(seconds):
        clock.sleep(seconds)
        simulator.advance_clock(seconds)

    paced = make_client(
        simulator, clock, rate_limit=(3, 300), sleep=sleep_on_both_clocks
    )
    for dummy in range(4):
        paced.call("zone_load_multi")

    assert clock.sleeps == [300.0]
    assert simulator.stats()["rate_limited"] == 0

    unpaced_clock = FakeClock()
    unpaced = make_client(
        simulator,
        unpaced_clock,
        rate_limit=None,
        rate_limit_wait=15.0,
        jitter=lambda: 1.0,
    )
    for dummy in range(2):
        unpaced.call("zone_load_multi")
    with pytest.raises(RateLimitError):
        unpaced.call("zone_load_multi")
    # the simulator's clock stands still, so every attempt is refused: waits of 5 and 10 s use up the 15 s
    assert unpaced_clock.sleeps == [5.0, 10.0]
    assert simulator.stats()["rate_limited"] == 3


def test_dropped_connection_of_a_read_is_retried(simulator, clock):
    simulator.faults(drop_rate=1.0, max_faults=1)

    make_client(simulator, clock).call("zone_load_multi")

    assert calls(simulator) == {"zone_load_multi": 2}


def test_dropped_rec_new_is_outcome_unknown_after_one_attempt(simulator, clock):
    simulator.faults(applied_drop_rate=1.0, max_faults=1)

    with pytest.raises(OutcomeUnknownError) as caught:
        make_client(simulator, clock).call(
            "rec_new",
            {
                "z": "example.com",
                "type": "A",
                "name": "dropped",
                "content": "192.0.2.98",
            },
        )

    assert caught.value.attempts == 1
    assert calls(simulator) == {"rec_new": 1}
    # The write was applied although no answer came: exactly why the client must not repeat it.
    assert [item["name"] for item in records_of(simulator, "example.com")].count(
        "dropped.example.com"
    ) == 1


def test_read_timeout_on_rec_new_is_outcome_unknown(simulator, clock):
    simulator.faults(latency_ms=1500)

    with pytest.raises(OutcomeUnknownError) as caught:
        make_client(simulator, clock, timeout=0.2).call(
            "rec_new",
            {"z": "example.com", "type": "A", "name": "slow", "content": "192.0.2.97"},
        )

    assert caught.value.attempts == 1
    assert "timed out after 0.2 s" in str(caught.value)
    assert calls(simulator) == {"rec_new": 1}


def test_read_timeouts_of_a_read_are_retried_then_reported(simulator, clock):
    simulator.faults(latency_ms=1500)

    with pytest.raises(TransportError) as caught:
        make_client(simulator, clock, timeout=0.2, max_attempts=2).call(
            "zone_load_multi"
        )

    assert caught.type is TransportError
    assert "zone_load_multi failed after 2 attempts" in str(caught.value)
    assert calls(simulator) == {"zone_load_multi": 2}


def test_connection_refused_fails_at_once(clock):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = V1Client(
        SEED_EMAIL,
        SEED_KEY,
        api_url=f"http://127.0.0.1:{port}/api_json.html",
        clock=clock,
        sleep=clock.sleep,
        retry=RetryPolicy(max_attempts=3),
    )

    with pytest.raises(TransportError) as caught:
        client.call("rec_new", {"z": "example.com"})

    assert caught.type is TransportError
    assert str(caught.value) == (
        f"rec_new: cannot connect to http://127.0.0.1:{port}/api_json.html: [Errno 111] "
        "Connection refused (nothing listens on that port; check api_url)"
    )
    assert client.transport.api_calls == 1
    assert clock.sleeps == []


def test_key_never_in_errors_from_the_simulator(simulator, clock):
    client = make_client(simulator, clock, max_attempts=2)
    failures = []
    for action, params in [
        ("rec_load_all", {"z": "example.net"}),
        ("rec_edit", {"z": "example.com", "id": "1"}),
        ("sec_lvl", {"z": "example.com", "v": "bad"}),
        ("no_such_action", {}),
    ]:
        with pytest.raises(Exception) as caught:
            client.call(action, params)
        failures.append(caught.value)
    simulator.faults(fail_rate=1.0)
    with pytest.raises(TransportError) as caught:
        client.call("zone_load_multi")
    failures.append(caught.value)

    for failure in failures:
        assert SEED_KEY not in str(failure) + repr(failure) + repr(failure.details())
        assert SEED_EMAIL not in str(failure) + repr(failure) + repr(failure.details())


@pytest.fixture
def tls_simulator(tmp_path):
    """Function scope: ansible-test forks each test, so a wider scope would never be torn down."""
    cert_dir = tmp_path / "cfsim-tls"
    cert_dir.mkdir()
    process = SimulatorProcess("--tls", "--cert-dir", str(cert_dir))
    process.verify = str(cert_dir / "cert.pem")
    yield process
    process.stop()


@pytest.mark.filterwarnings("ignore:Unverified HTTPS request")
def test_tls_certificate_is_checked(tls_simulator, clock, monkeypatch):
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    tls_simulator.reset()
    assert tls_simulator.url.startswith("https://127.0.0.1:")

    with pytest.raises(TransportError) as caught:
        make_client(tls_simulator, clock).call("zone_load_multi")
    assert "TLS error" in str(caught.value)
    assert caught.value.attempts == 1

    trusted = make_client(tls_simulator, clock, ca_path=tls_simulator.verify).call(
        "zone_load_multi"
    )
    unchecked = make_client(tls_simulator, clock, validate_certs=False).call(
        "zone_load_multi"
    )

    assert trusted == unchecked
    # the refused handshake never got as far as an HTTP request
    assert tls_simulator.stats()["calls"] == {"zone_load_multi": 2}
    assert_no_secret(caught.value)


def test_an_http_url_at_a_tls_port_says_to_use_https_and_is_not_retried(
    tls_simulator, clock
):
    plain = tls_simulator.url.replace("https://", "http://")
    client = V1Client(
        SEED_EMAIL, SEED_KEY, api_url=plain, clock=clock, sleep=clock.sleep
    )

    with pytest.raises(TransportError) as caught:
        client.call("zone_load_multi")

    assert str(caught.value) == (
        f"zone_load_multi: api_url {plain} starts with http://, but the server closed the "
        "connection without an answer and speaks TLS on that port: it expects HTTPS, so use "
        "an https:// URL"
    )
    assert (caught.value.attempts, client.transport.api_calls, clock.sleeps) == (
        1,
        1,
        [],
    )


def test_a_dropped_connection_of_a_plain_http_server_is_still_retried(simulator, clock):
    simulator.faults(drop_rate=1, max_faults=2)
    client = V1Client(
        SEED_EMAIL, SEED_KEY, api_url=simulator.url, clock=clock, sleep=clock.sleep
    )

    client.call("zone_load_multi")

    assert client.transport.api_calls == 3
    assert simulator.stats()["calls"] == {"zone_load_multi": 3}
