# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import socket
import threading

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AbandonedError,
    APIError,
    AuthError,
    CloudflareError,
    InputError,
    OutcomeUnknownError,
    RateLimitError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    RetryPolicy,
    never_sent,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    Reply,
    assert_no_secret,
    connection_dropped,
    connection_failed,
    connection_refused,
    error,
    form,
    no_route_to_host,
    success,
)

ZONES_RESPONSE = {"zones": {"has_more": False, "count": 0, "objs": []}}
MAXAPI = error("Allowed number of API calls exceeded", "E_MAXAPI")
HTML_502 = Reply(
    502,
    "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
    {"Content-Type": "text/html"},
)


@pytest.fixture
def no_ca_bundle_env(monkeypatch):
    """requests swaps verify=True for a CA bundle named in the environment; keep True visible."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


RETRY_OPTIONS = (
    "max_attempts",
    "max_retry_time",
    "backoff_base",
    "backoff_max",
    "rate_limit_wait",
)


def make_client(clock, **kwargs) -> V1Client:
    """A client on the fake endpoint whose sleeps only move the fake clock; jitter 1 = full delays.

    The retry options (max_attempts, ...) given here go into the client's RetryPolicy.
    """
    retry = RetryPolicy(
        **{option: kwargs.pop(option) for option in RETRY_OPTIONS if option in kwargs}
    )
    kwargs.setdefault("sleep", clock.sleep)
    kwargs.setdefault("jitter", lambda: 1.0)
    return V1Client(EMAIL, KEY, api_url=API_URL, clock=clock, retry=retry, **kwargs)


def load_records(client, zone: str) -> list:
    """The records of ``zone`` through the v1 adapter (where rec_load_all paging lives)."""
    return V1API(client).load_records(zone)


def test_success_posts_the_form_and_drops_the_request_echo(
    fake_v1, clock, no_ca_bundle_env
):
    fake_v1.add(success("zone_load_multi", ZONES_RESPONSE))
    client = make_client(clock)

    answer = client.call("zone_load_multi")

    assert answer == {"result": "success", "msg": None, "response": ZONES_RESPONSE}
    assert fake_v1.forms == [form("zone_load_multi")]
    request = fake_v1.requests[0]
    assert request.method == "POST"
    assert request.url == API_URL
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.req_kwargs["timeout"] == 30
    assert request.req_kwargs["verify"] is True
    assert client.transport.api_calls == 1
    assert clock.sleeps == []
    assert_no_secret(answer)


def test_params_are_encoded_and_cannot_override_credentials(fake_v1, clock):
    fake_v1.add(success())
    client = make_client(clock)

    client.call(
        "rec_edit",
        {
            "z": "example.com",
            "id": 9001,
            "ttl": 1,
            "service_mode": True,
            "prio": None,
            "a": "zone_grab",
            "tkn": "other",
            "email": "other@example.org",
        },
    )

    assert fake_v1.forms == [
        form("rec_edit", z="example.com", id=9001, ttl=1, service_mode=1)
    ]


def test_extra_top_level_fields_are_kept(fake_v1, clock):
    fake_v1.add(
        success("fpurge_ts", {"fpurge_ts": 1700000000}, attributes={"cooldown": 20})
    )

    answer = make_client(clock).call("fpurge_ts", {"z": "example.com", "v": 1})

    assert answer["attributes"] == {"cooldown": 20}
    assert "request" not in answer


@pytest.mark.parametrize(
    "validate_certs, ca_path, verify",
    [
        (True, None, True),
        (False, None, False),
        (True, "/etc/ssl/cf.pem", "/etc/ssl/cf.pem"),
        (False, "/etc/ssl/cf.pem", False),
    ],
)
def test_tls_options_map_to_requests_verify(
    fake_v1, clock, no_ca_bundle_env, validate_certs, ca_path, verify
):
    fake_v1.add(success())

    make_client(
        clock, validate_certs=validate_certs, ca_path=ca_path, timeout=2.5
    ).call("zone_load_multi")

    assert fake_v1.requests[0].req_kwargs["verify"] == verify
    assert fake_v1.requests[0].req_kwargs["timeout"] == 2.5


@pytest.mark.parametrize(
    "answer, error_type, err_code",
    [
        (error("Unknown token or email", "E_UNAUTH"), AuthError, "E_UNAUTH"),
        (
            error("Invalid value for parameter 'ttl'", "E_INVLDINPUT"),
            InputError,
            "E_INVLDINPUT",
        ),
        (error("Something else went wrong"), APIError, None),
        (error("Invalid record id.", action="rec_edit"), RecordNotFoundError, None),
    ],
)
def test_api_errors_are_typed_and_not_retried(
    fake_v1, clock, answer, error_type, err_code
):
    fake_v1.add(answer)
    client = make_client(clock)

    with pytest.raises(CloudflareError) as caught:
        client.call("rec_edit", {"z": "example.com", "id": 9001})

    assert caught.type is error_type
    assert caught.value.action == "rec_edit"
    assert caught.value.err_code == err_code
    assert caught.value.attempts == 1
    assert str(caught.value) == f"rec_edit failed: {answer['msg']}" + (
        f" ({err_code})" if err_code else ""
    )
    assert fake_v1.actions == ["rec_edit"]
    assert clock.sleeps == []


@pytest.mark.parametrize("msg", ["Invalid zone", "Invalid zone."])
def test_invalid_zone_names_the_zone(fake_v1, clock, msg):
    fake_v1.add(error(msg))

    with pytest.raises(ZoneNotFoundError) as caught:
        make_client(clock).call("rec_load_all", {"z": "example.net"})

    assert caught.value.zone == "example.net"
    assert caught.value.details() == {
        "api_action": "rec_load_all",
        "attempts": 1,
        "zone": "example.net",
    }


def test_error_details_leave_out_what_is_unknown(fake_v1, clock):
    fake_v1.add(error("Unknown token or email", "E_UNAUTH"))

    with pytest.raises(AuthError) as caught:
        make_client(clock).call("zone_load_multi")

    assert caught.value.details() == {
        "api_action": "zone_load_multi",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }


def test_maxapi_then_success_is_retried_after_a_rate_limit_wait(fake_v1, clock):
    fake_v1.add(MAXAPI, success("zone_load_multi", ZONES_RESPONSE))
    client = make_client(clock)

    answer = client.call("zone_load_multi")

    assert answer["response"] == ZONES_RESPONSE
    assert fake_v1.forms == [form("zone_load_multi")] * 2
    assert clock.sleeps == [5.0]
    assert client.transport.api_calls == 2


# Waits of 5, 10, then 15 s each: 5 + 10 + 19 * 15 = 300 s, and a 20th wait of 15 s would pass the 300 s cap.
MAXAPI_WAITS = [5.0, 10.0] + [15.0] * 19


def test_maxapi_exhausted_after_waiting_300_s_raises_rate_limit_error_naming_action_and_attempts(
    fake_v1, clock
):
    fake_v1.add(*[MAXAPI] * 22)
    client = make_client(clock)

    with pytest.raises(RateLimitError) as caught:
        client.call("zone_settings", {"z": "example.com"})

    assert str(caught.value) == (
        "zone_settings failed after 22 attempts (still rate limited after 300 s); "
        "last error: Allowed number of API calls exceeded (E_MAXAPI)"
    )
    assert caught.value.attempts == 22
    assert caught.value.err_code == "E_MAXAPI"
    assert fake_v1.forms == [form("zone_settings", z="example.com")] * 22
    assert clock.sleeps == MAXAPI_WAITS
    assert sum(clock.sleeps) == 300.0
    assert client.transport.api_calls == 22


def test_maxapi_waits_do_not_use_up_the_attempts_of_other_faults(fake_v1, clock):
    fake_v1.add(HTML_502, MAXAPI, MAXAPI, HTML_502, HTML_502, HTML_502, HTML_502)
    client = make_client(clock)

    with pytest.raises(TransportError) as caught:
        client.call("zone_load_multi")

    # five 502s are the attempt limit; the two E_MAXAPI answers in between count against the 300 s only
    assert str(caught.value).startswith(
        "zone_load_multi failed after 7 attempts (attempt limit reached); "
    )
    assert clock.sleeps == [1.0, 5.0, 10.0, 2.0, 4.0, 8.0]


def test_maxapi_wait_limit_is_a_client_option(fake_v1, clock):
    fake_v1.add(*[MAXAPI] * 4)
    client = make_client(clock, rate_limit_wait=30.0)

    with pytest.raises(
        RateLimitError,
        match=r"^zone_load_multi failed after 4 attempts \(still rate limited after 30 s\)",
    ):
        client.call("zone_load_multi")

    assert clock.sleeps == [5.0, 10.0, 15.0]


def test_maxapi_waits_are_jittered(fake_v1, clock):
    fake_v1.add(MAXAPI, MAXAPI, MAXAPI, success())
    jitters = iter([0.0, 0.5, 1.0])
    client = make_client(clock, jitter=lambda: next(jitters))

    client.call("zone_load_multi")

    # waits 5, 10, 15, each scaled into [wait/2, wait] by the jitter
    assert clock.sleeps == [2.5, 7.5, 15.0]


def test_maxapi_holds_every_caller_sharing_the_client(fake_v1, clock):
    fake_v1.add(MAXAPI, success())
    client = make_client(clock)
    held = []
    client.transport._pacer.hold = held.append

    client.call("zone_load_multi")

    assert held == [5.0]


@pytest.mark.parametrize("action", ["rec_new", "fpurge_ts", "zone_grab"])
def test_maxapi_on_a_non_idempotent_write_is_sent_again(fake_v1, clock, action):
    fake_v1.add(MAXAPI, success())

    make_client(clock).call(action, {"z": "example.com"})

    assert fake_v1.actions == [action, action]
    assert clock.sleeps == [5.0]


def test_backoff_is_capped_and_jittered(fake_v1, clock):
    fake_v1.add(*[HTML_502] * 4)
    jitters = iter([0.0, 0.5, 1.0])
    client = make_client(
        clock,
        max_attempts=4,
        backoff_base=2.0,
        backoff_max=5.0,
        jitter=lambda: next(jitters),
    )

    with pytest.raises(TransportError):
        client.call("zone_load_multi")

    # delays 2, 4, 5 (capped), each scaled into [delay/2, delay] by the jitter
    assert clock.sleeps == [1.0, 3.0, 5.0]


def test_retries_stop_at_the_time_limit(fake_v1, clock):
    fake_v1.add(HTML_502, HTML_502, HTML_502)
    client = make_client(clock, max_retry_time=5.0)

    with pytest.raises(TransportError) as caught:
        client.call("zone_load_multi")

    # waits 1 and 2 fit into 5 s; the next wait of 4 would not
    assert clock.sleeps == [1.0, 2.0]
    assert caught.value.attempts == 3
    assert str(caught.value) == (
        "zone_load_multi failed after 3 attempts (retry time limit of 5 s reached); "
        "last error: HTTP 502 Bad Gateway: 502 Bad Gateway"
    )
    assert caught.value.status == 502


def test_http_5xx_then_success(fake_v1, clock):
    fake_v1.add(
        Reply(503, "Service Unavailable"),
        success("rec_load_all", {"recs": {"has_more": False, "count": 0, "objs": []}}),
    )
    client = make_client(clock)

    assert load_records(client, "example.com") == []
    assert fake_v1.forms == [form("rec_load_all", z="example.com", o=0)] * 2
    assert clock.sleeps == [1.0]


def test_http_5xx_exhausted_names_action_and_attempts(fake_v1, clock):
    fake_v1.add(HTML_502, HTML_502, HTML_502)
    client = make_client(clock, max_attempts=3)

    with pytest.raises(TransportError) as caught:
        client.call("rec_load_all", {"z": "example.com"})

    assert caught.type is TransportError
    assert str(caught.value) == (
        "rec_load_all failed after 3 attempts (attempt limit reached); "
        "last error: HTTP 502 Bad Gateway: 502 Bad Gateway"
    )
    assert caught.value.details() == {
        "api_action": "rec_load_all",
        "attempts": 3,
        "http_status": 502,
    }
    assert fake_v1.actions == ["rec_load_all"] * 3


def test_one_attempt_is_spelled_singular(fake_v1, clock):
    fake_v1.add(HTML_502)

    with pytest.raises(
        TransportError, match=r"^zone_load_multi failed after 1 attempt \("
    ):
        make_client(clock, max_attempts=1).call("zone_load_multi")


@pytest.mark.parametrize(
    "reply, shown",
    [
        (
            Reply(
                200,
                "<html><body>Welcome to nginx!</body></html>",
                {"Content-Type": "text/html"},
            ),
            "answer is not JSON: Welcome to nginx!",
        ),
        (
            Reply(200, "", {"Content-Type": "application/json"}),
            "answer is not JSON: empty body",
        ),
        (
            Reply(200, '{"result": "succ', {"Content-Type": "application/json"}),
            'answer is not JSON: {"result": "succ',
        ),
        (
            Reply(200, '["success"]', {"Content-Type": "application/json"}),
            'answer is not a v1 envelope: ["success"]',
        ),
        (
            Reply(200, '{"response": {}}', {"Content-Type": "application/json"}),
            'answer is not a v1 envelope: {"response": {}}',
        ),
    ],
)
def test_undecodable_answers_fail_without_retry(fake_v1, clock, reply, shown):
    fake_v1.add(reply)

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("zone_load_multi")

    assert caught.type is TransportError
    assert str(caught.value) == f"zone_load_multi: the {shown}"
    assert fake_v1.actions == ["zone_load_multi"]


def test_long_bodies_are_cut_short(fake_v1, clock):
    fake_v1.add(Reply(200, "x" * 1000))

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("zone_load_multi")

    assert str(caught.value).endswith("x" * 200 + "...")
    assert "x" * 201 not in str(caught.value)


def test_http_4xx_fails_at_once(fake_v1, clock):
    fake_v1.add(
        Reply(
            404,
            "<html><title>404 Not Found</title></html>",
            {"Content-Type": "text/html"},
        )
    )

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("zone_load_multi")

    assert (
        str(caught.value)
        == f"zone_load_multi: HTTP 404 Not Found from {API_URL}: 404 Not Found"
    )
    assert caught.value.status == 404
    assert fake_v1.actions == ["zone_load_multi"]


@pytest.mark.parametrize("action", ["zone_load_multi", "rec_new"])
def test_http_410_says_that_v1_is_gone_and_how_to_use_v4(fake_v1, clock, action):
    fake_v1.add(Reply(410, "Gone", {"Content-Type": "text/plain"}))

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).call(action, {"z": "example.com"})

    assert caught.type is TransportError
    assert str(caught.value) == (
        f"{action}: {API_URL} answered HTTP 410 Gone. CloudFlare switched API v1 off in 2016; "
        "use API v4: give api_token (an API token), or keep api_email and api_key and set "
        "api_version: v4; leave api_url out, or set it to https://api.cloudflare.com/client/v4"
    )
    assert caught.value.details() == {
        "api_action": action,
        "attempts": 1,
        "http_status": 410,
    }
    assert fake_v1.actions == [action]
    assert clock.sleeps == []


def test_redirects_are_reported_not_followed(fake_v1, clock):
    fake_v1.add(Reply(301, "", {"Location": "https://www.example.org/api_json.html"}))

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("rec_new", {"z": "example.com"})

    assert caught.type is TransportError
    assert "redirects (HTTP 301) to https://www.example.org/api_json.html" in str(
        caught.value
    )
    assert fake_v1.actions == ["rec_new"]


def test_read_timeout_then_success(fake_v1, clock):
    fake_v1.add(
        requests.exceptions.ReadTimeout("Read timed out. (read timeout=30)"), success()
    )
    client = make_client(clock)

    client.call("zone_load_multi")

    assert fake_v1.actions == ["zone_load_multi"] * 2
    assert clock.sleeps == [1.0]


def test_read_timeouts_exhausted(fake_v1, clock):
    fake_v1.add(
        *[requests.exceptions.ReadTimeout("Read timed out. (read timeout=30)")] * 2
    )

    with pytest.raises(TransportError) as caught:
        make_client(clock, max_attempts=2).call("zone_settings", {"z": "example.com"})

    assert str(caught.value) == (
        "zone_settings failed after 2 attempts (attempt limit reached); last error: "
        "timed out after 30 s: Read timed out. (read timeout=30)"
    )
    assert caught.value.status is None


def test_a_connection_failure_that_may_pass_is_retried_then_reported(fake_v1, clock):
    fake_v1.add(*[no_route_to_host()] * 5)

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("zone_load_multi")

    assert caught.type is TransportError
    assert str(caught.value) == (
        f"zone_load_multi failed after 5 attempts (attempt limit reached); last error: "
        f"cannot connect to {API_URL}: [Errno 113] No route to host"
    )
    assert fake_v1.actions == ["zone_load_multi"] * 5


@pytest.mark.parametrize(
    "failure, hint",
    [
        (
            connection_refused(),
            "[Errno 111] Connection refused (nothing listens on that port; check api_url)",
        ),
        (
            connection_failed(
                "[Errno 111] Connection refused",
                ConnectionRefusedError(111, "Connection refused"),
            ),
            "[Errno 111] Connection refused (nothing listens on that port; check api_url)",
        ),
        (
            connection_failed("[Errno -2] Name or service not known"),
            "[Errno -2] Name or service not known (the host name does not resolve; check api_url)",
        ),
        (
            connection_failed(
                "[Errno -5] lookup failed",
                socket.gaierror(-5, "No address associated with hostname"),
            ),
            "[Errno -5] lookup failed (the host name does not resolve; check api_url)",
        ),
    ],
    ids=["refused-text", "refused-cause", "unresolved-text", "unresolved-cause"],
)
def test_a_connection_no_retry_can_cure_fails_at_once(fake_v1, clock, failure, hint):
    fake_v1.add(failure)

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("zone_load_multi")

    assert str(caught.value) == f"zone_load_multi: cannot connect to {API_URL}: {hint}"
    assert caught.value.attempts == 1
    assert fake_v1.actions == ["zone_load_multi"]
    assert clock.sleeps == []


@pytest.mark.parametrize("action", ["rec_new", "fpurge_ts", "zone_grab"])
def test_read_timeout_on_a_non_idempotent_write_is_outcome_unknown_after_one_attempt(
    fake_v1, clock, action
):
    fake_v1.add(requests.exceptions.ReadTimeout("Read timed out. (read timeout=30)"))
    client = make_client(clock)

    with pytest.raises(OutcomeUnknownError) as caught:
        client.call(action, {"z": "example.com"})

    assert caught.value.attempts == 1
    assert caught.value.action == action
    assert str(caught.value).startswith(
        f"{action} was sent but no usable answer came back (timed out after 30 s"
    )
    assert "re-read the state" in str(caught.value)
    assert fake_v1.actions == [action]
    assert client.transport.api_calls == 1
    assert clock.sleeps == []


@pytest.mark.parametrize(
    "fault",
    [connection_dropped(), HTML_502, Reply(200, "<html>oops</html>")],
    ids=["dropped", "http-502", "not-json"],
)
def test_other_faults_after_sending_rec_new_are_outcome_unknown(fake_v1, clock, fault):
    fake_v1.add(fault)

    with pytest.raises(OutcomeUnknownError) as caught:
        make_client(clock).call(
            "rec_new",
            {"z": "example.com", "type": "A", "name": "sub", "content": "1.2.3.4"},
        )

    assert caught.value.attempts == 1
    assert fake_v1.actions == ["rec_new"]


@pytest.mark.parametrize(
    "fault",
    [
        no_route_to_host(),
        requests.exceptions.ConnectTimeout("connect timed out"),
        MAXAPI,
    ],
    ids=["no-route", "connect-timeout", "E_MAXAPI"],
)
def test_rec_new_is_retried_when_it_provably_was_not_applied(fake_v1, clock, fault):
    fake_v1.add(fault, success("rec_new", {"rec": {"obj": {"rec_id": "1"}}}))

    answer = make_client(clock).call(
        "rec_new",
        {"z": "example.com", "type": "A", "name": "sub", "content": "1.2.3.4"},
    )

    assert answer["response"] == {"rec": {"obj": {"rec_id": "1"}}}
    assert (
        fake_v1.forms
        == [form("rec_new", z="example.com", type="A", name="sub", content="1.2.3.4")]
        * 2
    )


def test_rec_new_never_reaching_the_server_is_a_plain_transport_error(fake_v1, clock):
    fake_v1.add(*[no_route_to_host()] * 2)

    with pytest.raises(TransportError) as caught:
        make_client(clock, max_attempts=2).call("rec_new", {"z": "example.com"})

    assert caught.type is TransportError


def test_broken_answer_body(fake_v1, clock):
    fake_v1.add(
        requests.exceptions.ChunkedEncodingError(
            "Connection broken: IncompleteRead(12 bytes read)"
        ),
        success(),
        requests.exceptions.ChunkedEncodingError("Connection broken"),
    )
    client = make_client(clock)

    client.call("zone_settings", {"z": "example.com"})
    with pytest.raises(
        OutcomeUnknownError,
        match=r"^rec_new was sent but no usable answer came back \(broken answer",
    ):
        client.call("rec_new", {"z": "example.com"})

    assert fake_v1.actions == ["zone_settings", "zone_settings", "rec_new"]


def test_dropped_connection_of_an_idempotent_call_is_retried(fake_v1, clock):
    fake_v1.add(connection_dropped(), success())

    make_client(clock).call("rec_delete", {"z": "example.com", "id": 9001})

    assert fake_v1.actions == ["rec_delete"] * 2


def test_tls_errors_are_not_retried(fake_v1, clock):
    fake_v1.add(
        requests.exceptions.SSLError(
            "certificate verify failed: self-signed certificate"
        )
    )

    with pytest.raises(TransportError) as caught:
        make_client(clock).call("zone_load_multi")

    assert str(caught.value) == (
        f"zone_load_multi: TLS error talking to {API_URL}: certificate verify failed: "
        "self-signed certificate (check validate_certs and ca_path)"
    )
    assert fake_v1.actions == ["zone_load_multi"]


def test_bad_url_is_a_transport_error_without_a_call(clock):
    client = V1Client(EMAIL, KEY, api_url="not-a-url", sleep=clock.sleep, clock=clock)

    with pytest.raises(TransportError, match="cannot send the request to not-a-url"):
        client.call("zone_load_multi")


def test_a_missing_ca_path_bundle_is_a_transport_error_naming_it(clock, tmp_path):
    missing = str(tmp_path / "missing-ca.pem")
    client = V1Client(
        EMAIL,
        KEY,
        api_url="https://127.0.0.1:9/api_json.html",
        ca_path=missing,
        sleep=clock.sleep,
        clock=clock,
    )

    with pytest.raises(TransportError) as caught:
        client.call("zone_load_multi")

    assert caught.type is TransportError
    assert str(caught.value) == (
        f"zone_load_multi: cannot use the CA bundle {missing}: Could not find a suitable "
        f"TLS CA certificate bundle, invalid path: {missing} (check ca_path)"
    )
    assert caught.value.attempts == 1
    assert clock.sleeps == []


def test_never_sent_reads_a_string_reason_as_sent():
    refused_as_text = requests.exceptions.ConnectionError(
        MaxRetryError(None, "/api_json.html", "connection refused")
    )

    assert never_sent(refused_as_text) is False


def test_never_sent_finds_a_connect_error_given_as_the_reason():
    assert never_sent(connection_refused()) is True


def _dropped_while_handling_a_connect_error() -> requests.exceptions.ConnectionError:
    try:
        raise NewConnectionError(
            None, "Failed to establish a new connection: [Errno 111] Connection refused"
        )
    except NewConnectionError:
        try:
            raise requests.exceptions.ConnectionError("Connection aborted.") from None
        except requests.exceptions.ConnectionError as dropped:
            return dropped


def test_never_sent_ignores_a_connect_error_that_was_only_being_handled():
    dropped = _dropped_while_handling_a_connect_error()

    assert isinstance(dropped.__context__, NewConnectionError)
    assert never_sent(dropped) is False


def test_rec_new_with_a_string_reason_is_outcome_unknown(fake_v1, clock):
    fake_v1.add(
        requests.exceptions.ConnectionError(
            MaxRetryError(None, "/api_json.html", "connection refused")
        )
    )

    with pytest.raises(OutcomeUnknownError):
        make_client(clock).call("rec_new", {"z": "example.com"})

    assert fake_v1.actions == ["rec_new"]


def record(number: int) -> dict:
    return {
        "rec_id": str(number),
        "name": f"r{number}.example.com",
        "type": "A",
        "content": "192.0.2.1",
    }


def page(first: int, count: int, has_more: bool) -> dict:
    objs = [record(number) for number in range(first, first + count)]
    return success(
        "rec_load_all", {"recs": {"has_more": has_more, "count": count, "objs": objs}}
    )


@pytest.mark.parametrize(
    "pages, offsets",
    [
        (1, [0]),
        (2, [0, 180]),
        (3, [0, 180, 360, 540]),
        (4, [0, 180, 360, 540]),
        (10, [180 * page for page in range(11)]),
        (40, [180 * page for page in range(45)]),
    ],
)
def test_load_records_reads_pages_in_growing_rounds_and_at_most_seven_past_the_end(
    fake_v1, clock, pages, offsets
):
    fake_v1.serve_zone([record(number) for number in range(180 * pages - 3)])
    client = make_client(clock)

    records = load_records(client, "example.com")

    assert [record.id for record in records] == [
        str(number) for number in range(180 * pages - 3)
    ]
    assert fake_v1.offsets == offsets
    assert len(offsets) - pages <= 7


def test_load_records_reads_at_once_up_to_eight_pages(monkeypatch, clock):
    client = make_client(clock)
    running = []
    most = []
    arrived = []
    lock = threading.Lock()
    # Rounds of 1, 1, 2, 3, 4, 5, 6 and 7 pages come first (29 calls); the calls of the first
    # round of eight answer only once all eight are in flight, so a client that read fewer at
    # once breaks the barrier, and one that read more shows a ninth call beside them.
    first_round_of_eight = threading.Barrier(8, timeout=30)

    def slow_page(zone, offset):
        with lock:
            arrived.append(offset)
            running.append(offset)
            most.append(len(running))
            arrival = len(arrived)
        if 30 <= arrival <= 37:
            first_round_of_eight.wait()
        with lock:
            running.remove(offset)
        count = 180 if offset < 180 * 39 else 100
        return [record(offset + index) for index in range(count)], {
            "has_more": count == 180,
            "count": count,
        }

    api = V1API(client)
    monkeypatch.setattr(api, "_page", slow_page)

    assert len(api.load_records("example.com")) == 180 * 39 + 100
    assert max(most) == 8


def test_load_records_reads_on_one_by_one_after_a_short_page(fake_v1, clock):
    fake_v1.add(page(0, 180, True), page(180, 150, True), page(330, 10, False))
    client = make_client(clock)

    records = load_records(client, "example.com")

    assert [record.id for record in records] == [str(number) for number in range(340)]
    assert [int(form["o"]) for form in fake_v1.forms] == [0, 180, 330]


def test_load_records_retries_a_page(fake_v1, clock):
    fake_v1.add(page(0, 180, True), HTML_502, page(180, 1, False))

    records = load_records(make_client(clock), "example.com")

    assert len(records) == 181
    assert [item["o"] for item in fake_v1.forms] == ["0", "180", "180"]


def test_load_records_accepts_null_objs(fake_v1, clock):
    fake_v1.add(
        success("rec_load_all", {"recs": {"has_more": False, "count": 0, "objs": None}})
    )

    assert load_records(make_client(clock), "example.org") == []


def test_load_records_refuses_a_page_without_progress(fake_v1, clock):
    fake_v1.add(
        success("rec_load_all", {"recs": {"has_more": True, "count": 0, "objs": []}})
    )

    with pytest.raises(
        TransportError, match="claims more records but returned none at offset 0"
    ):
        load_records(make_client(clock), "example.com")


def test_load_records_refuses_an_answer_without_recs(fake_v1, clock):
    fake_v1.add(success("rec_load_all", {}))

    with pytest.raises(TransportError, match="answered without response.recs"):
        load_records(make_client(clock), "example.com")


def test_client_paces_its_calls(fake_v1, clock):
    fake_v1.add(success(), success(), success())
    client = make_client(clock, rate_limit=(2, 60))

    for dummy in range(3):
        client.call("zone_load_multi")

    assert clock.sleeps == [60.0]
    assert client.transport.api_calls == 3


def test_no_pacer_when_disabled(fake_v1, clock):
    fake_v1.add(*[success()] * 3)
    client = make_client(clock, rate_limit=None)

    for dummy in range(3):
        client.call("zone_load_multi")

    assert clock.sleeps == []


def test_the_adapter_is_a_context_manager_that_closes_its_session(clock):
    session = requests.Session()
    closed = []
    session.close = lambda: closed.append(True)

    with V1API(
        V1Client(EMAIL, KEY, session=session, clock=clock, sleep=clock.sleep)
    ) as api:
        assert api.api_calls == 0

    assert closed == [True]
    assert session.headers["User-Agent"] == "edgeops.cloudflare"


def test_max_attempts_must_be_positive():
    with pytest.raises(ValueError):
        V1Client(EMAIL, KEY, retry=RetryPolicy(max_attempts=0))


LEAKY = f"key {KEY} for {EMAIL} ({EMAIL.replace('@', '%40')})"


@pytest.mark.parametrize(
    "answer",
    [
        error(LEAKY, "E_UNAUTH", action="zone_load_multi"),
        error(LEAKY, "E_INVLDINPUT"),
        error(LEAKY, KEY),
        error(LEAKY),
        error(f"Invalid zone {LEAKY}"),
        error(f"Invalid record id. {LEAKY}"),
        Reply(200, f"<html><body>{LEAKY}</body></html>"),
        Reply(200, f'["{KEY}"]'),
        Reply(
            500, f"<html><title>{LEAKY}</title></html>", {"Content-Type": "text/html"}
        ),
        Reply(404, LEAKY),
        Reply(302, "", {"Location": f"https://example.org/?tkn={KEY}&email={EMAIL}"}),
        requests.exceptions.ReadTimeout(LEAKY),
        requests.exceptions.ConnectionError(LEAKY),
        requests.exceptions.SSLError(LEAKY),
        error(LEAKY, "E_MAXAPI"),
    ],
    ids=lambda answer: type(answer).__name__,
)
@pytest.mark.parametrize("action", ["zone_load_multi", "rec_new"])
def test_the_key_and_email_never_reach_an_error(fake_v1, clock, answer, action):
    fake_v1.add(*[answer] * 22)
    client = make_client(clock)

    with pytest.raises(CloudflareError) as caught:
        client.call(action, {"z": "example.com"})

    fake_v1.discard_pending()
    assert_no_secret(
        caught.value, caught.value.args, caught.value.details(), caught.value.msg
    )
    assert "********" in str(caught.value)


def test_scrub_masks_every_spelling():
    client = V1Client(EMAIL, KEY)

    assert (
        client.scrub(f"{KEY}/{EMAIL}/marker.user%40example.com")
        == "********/<api_email>/<api_email>"
    )


class FakeLineage:
    """Gone after ``calls`` checks."""

    def __init__(self, calls: int) -> None:
        self.calls = calls

    def gone(self) -> str | None:
        self.calls -= 1
        return (
            "process 4242, which the module was started under, is gone"
            if self.calls < 0
            else None
        )


def test_no_request_is_sent_once_the_controller_is_gone(fake_v1, clock):
    client = V1Client(
        EMAIL, KEY, API_URL, sleep=clock.sleep, clock=clock, lineage=FakeLineage(1)
    )
    fake_v1.add(success())
    client.call("zone_load_multi")

    with pytest.raises(AbandonedError) as caught:
        client.call("rec_new", {"z": "example.com"})

    assert str(caught.value) == (
        "rec_new was not sent: process 4242, which the module was started under, is gone, "
        "so nobody waits for this task any more"
    )
    assert fake_v1.actions == ["zone_load_multi"]


def test_a_retry_after_the_controller_is_gone_is_not_sent(fake_v1, clock):
    client = V1Client(
        EMAIL, KEY, API_URL, sleep=clock.sleep, clock=clock, lineage=FakeLineage(1)
    )
    fake_v1.add(Reply(503, "busy"))

    with pytest.raises(AbandonedError):
        client.call("zone_load_multi")

    assert fake_v1.actions == ["zone_load_multi"]


def test_the_repr_of_a_request_leaves_the_credentials_out(fake_v1, clock):
    fake_v1.add(success())
    client = make_client(clock)
    sent = []
    send = client.transport.send

    def spy(request, interpret):
        sent.append(request)
        return send(request, interpret)

    client.transport.send = spy
    client.call("zone_load_multi")

    assert sent[0].data["tkn"] == KEY
    assert_no_secret(sent[0])
    assert repr(sent[0]).startswith("Request(name='zone_load_multi', method='POST'")
