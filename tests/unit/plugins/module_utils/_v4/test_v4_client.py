# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The v4 client on the wire: the exact requests, the envelope, the typed errors, retries, paging."""

from __future__ import annotations

import threading

import pytest
import requests

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    AuthError,
    CloudflareError,
    InputError,
    OutcomeUnknownError,
    RateLimitError,
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._pacer import (
    SharedRatePacer,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    RetryPolicy,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    DEFAULT_API_URL,
    V4Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    EMAIL,
    KEY,
    Reply,
    connection_dropped,
    no_route_to_host,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v4_fake import (
    API_URL,
    TOKEN,
    assert_no_secret,
    error,
    failure,
    ok,
    page_info,
)

ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353"
RECORD_ID = "372e67954025e0ba6aaa6d586b9e0b59"
RECORDS = f"/zones/{ZONE_ID}/dns_records"
RECORD = f"{RECORDS}/{RECORD_ID}"
A_RECORD = {"type": "A", "name": "www.example.com", "content": "192.0.2.1", "ttl": 1}

HTML_502 = Reply(
    502,
    "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>",
    {"Content-Type": "text/html"},
)
RATE_LIMITED = failure(
    429,
    error(971, "Please wait and consider throttling your request speed"),
    headers={"Retry-After": "7"},
)

RETRY_OPTIONS = (
    "max_attempts",
    "max_retry_time",
    "backoff_base",
    "backoff_max",
    "rate_limit_wait",
)


@pytest.fixture
def no_ca_bundle_env(monkeypatch):
    """requests swaps verify=True for a CA bundle named in the environment; keep True visible."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


def make_client(clock, auth="token", **kwargs) -> V4Client:
    """A client of the fake API whose sleeps only move the fake clock; jitter 1 = full delays.

    ``auth`` is ``token`` (the marker token) or ``key`` (the marker e-mail and global key);
    the retry options given go into the client's RetryPolicy.
    """
    retry = RetryPolicy(
        **{option: kwargs.pop(option) for option in RETRY_OPTIONS if option in kwargs}
    )
    credentials = (
        {"api_token": TOKEN}
        if auth == "token"
        else {"api_email": EMAIL, "api_key": KEY}
    )
    kwargs.setdefault("sleep", clock.sleep)
    kwargs.setdefault("jitter", lambda: 1.0)
    return V4Client(**credentials, api_url=API_URL, clock=clock, retry=retry, **kwargs)


# --- the request -------------------------------------------------------------------------------


def test_default_api_url_is_the_v4_endpoint():
    assert DEFAULT_API_URL == "https://api.cloudflare.com/client/v4"


def test_a_token_is_sent_as_a_bearer_header(fake_v4, clock, no_ca_bundle_env):
    answer = ok([{"id": ZONE_ID, "name": "example.com"}], page_info(1, 50, 1, 1))
    fake_v4.add(answer)
    client = make_client(clock)

    envelope = client.request("GET", "/zones", {"name": "example.com"})

    assert envelope == answer
    [call] = fake_v4.calls
    assert (call.method, call.path, call.query) == (
        "GET",
        "/zones",
        [("name", "example.com")],
    )
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "X-Auth-Email" not in call.headers and "X-Auth-Key" not in call.headers
    assert call.headers["User-Agent"] == "edgeops.cloudflare"
    assert call.json is None
    assert call.req_kwargs["timeout"] == 30
    assert call.req_kwargs["verify"] is True
    assert client.transport.api_calls == 1
    assert clock.sleeps == []


def test_the_global_key_is_sent_in_the_x_auth_headers(fake_v4, clock):
    fake_v4.add(ok([]))

    make_client(clock, auth="key").request("GET", "/zones")

    headers = fake_v4.calls[0].headers
    assert headers["X-Auth-Email"] == EMAIL
    assert headers["X-Auth-Key"] == KEY
    assert "Authorization" not in headers


def test_a_token_wins_over_the_global_key(fake_v4, clock):
    fake_v4.add(ok([]))

    V4Client(
        api_token=TOKEN, api_email=EMAIL, api_key=KEY, api_url=API_URL, clock=clock
    ).request("GET", "/zones")

    headers = fake_v4.calls[0].headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert "X-Auth-Key" not in headers


@pytest.mark.parametrize(
    "credentials",
    [{}, {"api_email": EMAIL}, {"api_key": KEY}, {"api_token": ""}],
    ids=["none", "email-only", "key-only", "empty-token"],
)
def test_credentials_are_required(credentials):
    with pytest.raises(ValueError, match="needs api_token, or api_email with api_key"):
        V4Client(**credentials)


def test_the_body_is_json(fake_v4, clock):
    fake_v4.add(ok({"id": RECORD_ID, **A_RECORD}))

    envelope = make_client(clock).request("POST", RECORDS, body=A_RECORD, creates=True)

    assert envelope["result"]["id"] == RECORD_ID
    [call] = fake_v4.calls
    assert (call.method, call.path, call.json) == ("POST", RECORDS, A_RECORD)
    assert call.headers["Content-Type"] == "application/json"


def test_query_parameters_keep_dotted_names_spell_booleans_and_repeat_lists(
    fake_v4, clock
):
    fake_v4.add(ok([]))

    make_client(clock).request(
        "get",
        RECORDS,
        {
            "name.exact": "www.example.com",
            "type": "A",
            "proxied": True,
            "comment": None,
            "match": "any",
            "content": ["192.0.2.1", "192.0.2.2"],
        },
    )

    assert fake_v4.calls[0].method == "GET"
    assert fake_v4.calls[0].query == [
        ("name.exact", "www.example.com"),
        ("type", "A"),
        ("proxied", "true"),
        ("match", "any"),
        ("content", "192.0.2.1"),
        ("content", "192.0.2.2"),
    ]


def test_a_trailing_slash_of_api_url_is_dropped(fake_v4, clock):
    fake_v4.add(ok([]))

    V4Client(api_token=TOKEN, api_url=API_URL + "/", clock=clock).request(
        "GET", "/zones"
    )

    assert fake_v4.lines == ["GET /zones"]


def test_the_repr_of_a_request_leaves_the_token_out(fake_v4, clock):
    fake_v4.add(ok([]))
    client = make_client(clock)
    sent = []
    send = client.transport.send

    def spy(request, interpret):
        sent.append(request)
        return send(request, interpret)

    client.transport.send = spy
    client.request("GET", "/zones")

    assert sent[0].headers == {"Authorization": f"Bearer {TOKEN}"}
    assert sent[0].name == "GET /zones"
    assert_no_secret(sent[0])


# --- typed errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply, err_code, shown",
    [
        (
            failure(
                400,
                error(
                    9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"
                ),
            ),
            "9106",
            "Missing X-Auth-Key, X-Auth-Email or Authorization headers (9106)",
        ),
        (
            failure(403, error(9109, "Invalid access token")),
            "9109",
            "Invalid access token (9109)",
        ),
        (
            failure(403, error(10000, "Authentication error")),
            "10000",
            "Authentication error (10000)",
        ),
        (
            failure(
                400,
                error(
                    6003,
                    "Invalid request headers",
                    chain=[(6111, "Invalid format for Authorization header")],
                ),
            ),
            "6003",
            "Invalid request headers (6003): Invalid format for Authorization header (6111)",
        ),
        (
            failure(
                400,
                error(
                    6003,
                    "Invalid request headers",
                    chain=[
                        (6102, "Invalid format for X-Auth-Email header"),
                        (6103, "Invalid format for X-Auth-Key header"),
                    ],
                ),
            ),
            "6003",
            "Invalid request headers (6003): Invalid format for X-Auth-Email header (6102); "
            "Invalid format for X-Auth-Key header (6103)",
        ),
        (
            failure(400, error(9103, "Unknown X-Auth-Key or X-Auth-Email")),
            "9103",
            "Unknown X-Auth-Key or X-Auth-Email (9103)",
        ),
        (
            failure(400, error(1004, "bad", chain=[(6111, "Invalid format")])),
            "1004",
            "bad (1004): Invalid format (6111)",
        ),
        (
            failure(401, error(1000, "Invalid API Token")),
            "1000",
            "Invalid API Token (1000)",
        ),
        (Reply(403, ""), None, "HTTP 403 Forbidden: empty body"),
    ],
    ids=[
        "9106-400",
        "9109-403",
        "10000-403",
        "6003-6111",
        "6003-6102-6103",
        "9103-400",
        "chained-6111",
        "401",
        "403-without-envelope",
    ],
)
def test_auth_errors_come_from_the_status_or_the_code(
    fake_v4, clock, reply, err_code, shown
):
    fake_v4.add(reply)

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("GET", "/zones")

    assert caught.type is AuthError
    assert str(caught.value) == f"GET /zones failed: {shown}"
    assert caught.value.err_code == err_code
    assert caught.value.action == "GET /zones"
    assert caught.value.attempts == 1
    assert fake_v4.lines == ["GET /zones"]
    assert clock.sleeps == []


@pytest.mark.parametrize(
    "code, message",
    [
        (81057, "Record already exists."),
        (81058, "An identical record already exists."),
    ],
)
def test_an_existing_record_is_a_record_exists_error(fake_v4, clock, code, message):
    fake_v4.add(failure(400, error(code, message)))

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("POST", RECORDS, body=A_RECORD, creates=True)

    assert caught.type is RecordExistsError
    assert isinstance(caught.value, InputError)
    assert str(caught.value) == f"POST {RECORDS} failed: {message} ({code})"
    assert caught.value.err_code == str(code)
    assert fake_v4.lines == [f"POST {RECORDS}"]


def test_an_unknown_zone_id_is_a_zone_not_found_error(fake_v4, clock):
    fake_v4.add(
        failure(
            400,
            error(
                7003,
                f"Could not route to {RECORDS}, perhaps your object identifier is invalid?",
            ),
            error(7000, "No route for that URI"),
        )
    )

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("GET", RECORDS)

    assert caught.type is ZoneNotFoundError
    assert caught.value.zone is None
    assert caught.value.err_code == "7003"
    assert str(caught.value) == (
        f"GET {RECORDS} failed: Could not route to {RECORDS}, perhaps your object identifier "
        "is invalid? (7003); No route for that URI (7000)"
    )


def test_http_404_on_a_zone_path_is_a_zone_not_found_error(fake_v4, clock):
    fake_v4.add(failure(404, error(1001, "Invalid zone identifier")))

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("GET", f"/zones/{ZONE_ID}")

    assert caught.type is ZoneNotFoundError
    assert caught.value.err_code == "1001"


@pytest.mark.parametrize(
    "reply, method",
    [
        (failure(404, error(81044, "Record does not exist.")), "PATCH"),
        (failure(400, error(81044, "Record does not exist.")), "PUT"),
        (failure(404), "DELETE"),
    ],
    ids=["81044-404", "81044-400", "404-without-code"],
)
def test_an_unknown_record_is_a_record_not_found_error(fake_v4, clock, reply, method):
    fake_v4.add(reply)

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request(method, RECORD, body={"ttl": 300})

    assert caught.type is RecordNotFoundError
    assert fake_v4.lines == [f"{method} {RECORD}"]


def test_a_validation_error_names_the_field_and_keeps_the_code(fake_v4, clock):
    fake_v4.add(
        failure(
            400,
            error(
                9005, "Content for A record must be a valid IPv4 address.", "/content"
            ),
        )
    )

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request(
            "POST", RECORDS, body={**A_RECORD, "content": "x"}, creates=True
        )

    assert caught.type is InputError
    assert caught.value.err_code == "9005"
    assert str(caught.value) == (
        f"POST {RECORDS} failed: Content for A record must be a valid IPv4 address. "
        "(9005, at /content)"
    )


def test_only_the_first_errors_are_quoted_and_the_rest_counted(fake_v4, clock):
    fake_v4.add(
        failure(
            400, *[error(1004 + number, f"problem {number}") for number in range(6)]
        )
    )

    with pytest.raises(InputError) as caught:
        make_client(clock).request("POST", f"{RECORDS}/batch", body={}, creates=True)

    assert str(caught.value) == (
        f"POST {RECORDS}/batch failed: problem 0 (1004); problem 1 (1005); problem 2 (1006); "
        "and 3 more errors"
    )
    assert caught.value.err_code == "1004"


@pytest.mark.parametrize(
    "reply, shown",
    [
        (
            failure(400),
            'HTTP 400 Bad Request: {"success": false, "errors": [], "messages": [], "result": null}',
        ),
        (failure(404, error(1000, "not here")), "not here (1000)"),
        (
            Reply(
                200, '{"success": false, "errors": [{"code": 1234, "message": "no"}]}'
            ),
            "no (1234)",
        ),
    ],
    ids=["400-without-errors", "404-off-zone-paths", "200-unsuccessful"],
)
def test_other_refusals_are_api_errors(fake_v4, clock, reply, shown):
    fake_v4.add(reply)

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("GET", "/accounts/abc/firewall/access_rules/rules")

    assert caught.type is APIError
    assert str(caught.value) == (
        f"GET /accounts/abc/firewall/access_rules/rules failed: {shown}"
    )


# --- answers that are no envelope --------------------------------------------------------------


@pytest.mark.parametrize(
    "body, shown",
    [
        ("<html><body>Welcome to nginx!</body></html>", "Welcome to nginx!"),
        ("", "empty body"),
        ('{"success": tr', '{"success": tr'),
        ('{"result": []}', '{"result": []}'),
        ('["success"]', '["success"]'),
    ],
)
def test_an_answer_that_is_no_envelope_is_a_transport_error(
    fake_v4, clock, body, shown
):
    fake_v4.add(Reply(200, body))

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("GET", "/zones")

    assert caught.type is TransportError
    assert str(caught.value) == f"GET /zones: the answer is not a v4 envelope: {shown}"
    assert caught.value.status == 200
    assert fake_v4.lines == ["GET /zones"]


def test_no_envelope_after_a_create_is_an_unknown_outcome(fake_v4, clock):
    fake_v4.add(Reply(200, "<html><title>OK</title></html>"))

    with pytest.raises(OutcomeUnknownError) as caught:
        make_client(clock).request("POST", RECORDS, body=A_RECORD, creates=True)

    assert str(caught.value) == (
        f"POST {RECORDS} was sent but the answer is not a v4 envelope: OK; it may or may not "
        "have been applied: re-read the state before trying again"
    )
    assert fake_v4.lines == [f"POST {RECORDS}"]


def test_an_error_page_that_is_no_envelope_is_not_a_missing_zone(fake_v4, clock):
    fake_v4.add(
        Reply(
            404,
            "<html><title>404 Not Found</title></html>",
            {"Content-Type": "text/html"},
        )
    )

    with pytest.raises(CloudflareError) as caught:
        make_client(clock).request("GET", f"/zones/{ZONE_ID}")

    assert caught.type is TransportError
    assert str(caught.value) == (
        f"GET /zones/{ZONE_ID}: HTTP 404 Not Found from {API_URL}: 404 Not Found"
    )
    assert caught.value.status == 404


def test_redirects_are_reported_not_followed(fake_v4, clock):
    fake_v4.add(Reply(301, "", {"Location": "https://api.example.org/client/v4/zones"}))

    with pytest.raises(TransportError) as caught:
        make_client(clock).request("GET", "/zones")

    assert str(caught.value) == (
        f"GET /zones: api_url {API_URL} redirects (HTTP 301) to "
        "https://api.example.org/client/v4/zones; set api_url to the final address"
    )
    assert caught.value.status == 301
    assert fake_v4.lines == ["GET /zones"]


# --- rate limits, retries ----------------------------------------------------------------------


def test_a_rate_limit_refusal_waits_exactly_retry_after(fake_v4, clock):
    fake_v4.add(RATE_LIMITED, ok([]))
    client = make_client(clock)
    held = []
    client.transport._pacer.hold = held.append

    assert client.request("GET", "/zones")["result"] == []

    assert clock.sleeps == [7.0]
    assert held == [7.0]
    assert fake_v4.lines == ["GET /zones"] * 2
    assert client.transport.rate_limited_calls == 1
    assert client.transport.rate_limit_waits() == {"count": 1, "seconds": 7.0}


def test_a_create_refused_for_the_rate_limit_is_sent_again(fake_v4, clock):
    fake_v4.add(RATE_LIMITED, ok({"id": RECORD_ID}))

    make_client(clock).request("POST", RECORDS, body=A_RECORD, creates=True)

    assert fake_v4.lines == [f"POST {RECORDS}"] * 2
    assert clock.sleeps == [7.0]


@pytest.mark.parametrize("retry_after", [None, "0", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_without_a_usable_retry_after_the_transport_waits_its_own(
    fake_v4, clock, retry_after
):
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    fake_v4.add(failure(429, error(10300, "Rate limited"), headers=headers), ok([]))

    make_client(clock).request("GET", "/zones")

    assert clock.sleeps == [5.0]


def test_rate_limiting_past_the_wait_limit_is_a_rate_limit_error(fake_v4, clock):
    fake_v4.add(
        *[failure(429, error(971, "Please wait"), headers={"Retry-After": "300"})] * 2
    )

    with pytest.raises(RateLimitError) as caught:
        make_client(clock).request("GET", "/zones")

    assert str(caught.value) == (
        "GET /zones failed after 2 attempts (still rate limited after 300 s); "
        "last error: HTTP 429 Too Many Requests: Please wait (971)"
    )
    assert caught.value.err_code == "971"
    assert clock.sleeps == [300.0]


def test_one_whole_block_of_retry_after_is_waited_out_however_long_the_calls_took(
    fake_v4, clock
):
    answers = iter(
        [
            failure(429, error(971, "Please wait"), headers={"Retry-After": "300"}),
            ok([]),
        ]
    )

    def slow(call):
        clock.now += 2.5
        return next(answers)

    fake_v4.serve(slow)

    make_client(clock).request("GET", "/zones")

    assert clock.sleeps == [300.0]


def test_a_retry_after_longer_than_a_call_may_wait_fails_at_once_saying_so(
    fake_v4, clock
):
    fake_v4.add(failure(429, error(971, "Please wait"), headers={"Retry-After": "301"}))

    with pytest.raises(RateLimitError) as caught:
        make_client(clock).request("GET", "/zones")

    assert str(caught.value) == (
        "GET /zones failed after 1 attempt (the API asked for a wait of 301 s, more than "
        "the 300 s a call may wait); last error: HTTP 429 Too Many Requests: Please wait (971)"
    )
    assert clock.sleeps == []


def test_http_5xx_is_retried_then_succeeds(fake_v4, clock):
    fake_v4.add(HTML_502, ok({"id": RECORD_ID}))

    envelope = make_client(clock).request("PATCH", RECORD, body={"ttl": 300})

    assert envelope["result"] == {"id": RECORD_ID}
    assert fake_v4.lines == [f"PATCH {RECORD}"] * 2
    assert [call.json for call in fake_v4.calls] == [{"ttl": 300}] * 2
    assert clock.sleeps == [1.0]


def test_http_5xx_exhausted_is_a_transport_error(fake_v4, clock):
    fake_v4.add(
        HTML_502,
        HTML_502,
        failure(503, error(10001, "service temporarily unavailable")),
    )

    with pytest.raises(CloudflareError) as caught:
        make_client(clock, max_attempts=3).request("GET", "/zones")

    assert caught.type is TransportError
    assert str(caught.value) == (
        "GET /zones failed after 3 attempts (attempt limit reached); last error: "
        "HTTP 503 Service Unavailable: service temporarily unavailable (10001)"
    )
    assert caught.value.status == 503
    assert caught.value.attempts == 3
    assert clock.sleeps == [1.0, 2.0]


@pytest.mark.parametrize(
    "fault",
    [connection_dropped(), HTML_502, requests.exceptions.ReadTimeout("read timed out")],
    ids=["dropped", "502", "read-timeout"],
)
def test_a_create_that_may_have_arrived_is_never_sent_twice(fake_v4, clock, fault):
    fake_v4.add(fault)

    with pytest.raises(OutcomeUnknownError) as caught:
        make_client(clock).request("POST", RECORDS, body=A_RECORD, creates=True)

    assert str(caught.value).startswith(
        f"POST {RECORDS} was sent but no usable answer came back ("
    )
    assert caught.value.attempts == 1
    assert fake_v4.lines == [f"POST {RECORDS}"]
    assert clock.sleeps == []


def test_a_create_that_never_left_this_host_is_sent_again(fake_v4, clock):
    fake_v4.add(no_route_to_host(), ok({"id": RECORD_ID}))

    make_client(clock).request("POST", RECORDS, body=A_RECORD, creates=True)

    assert fake_v4.lines == [f"POST {RECORDS}"] * 2


@pytest.mark.parametrize("method", ["GET", "PATCH", "PUT", "DELETE", "POST"])
def test_a_dropped_connection_of_a_repeatable_call_is_retried(fake_v4, clock, method):
    fake_v4.add(connection_dropped(), ok({"id": RECORD_ID}))

    make_client(clock).request(method, RECORD)

    assert fake_v4.lines == [f"{method} {RECORD}"] * 2
    assert clock.sleeps == [1.0]


# --- pacing ------------------------------------------------------------------------------------


def test_calls_are_paced_below_1200_per_5_minutes(clock):
    pacer = make_client(clock).transport._pacer

    assert (pacer.calls, pacer.period) == (1200, 300)


def test_the_shared_pacer_is_named_by_a_digest_never_by_the_token(clock):
    def path(**credentials) -> str:
        pacer = V4Client(
            **credentials, api_url=API_URL, share_pacer=True, clock=clock
        ).transport._pacer
        assert isinstance(pacer, SharedRatePacer)
        return pacer.path

    token_path = path(api_token=TOKEN)

    assert TOKEN not in token_path
    assert path(api_token=TOKEN) == token_path
    assert path(api_token=TOKEN[::-1]) != token_path
    assert path(api_email=EMAIL, api_key=KEY) == path(api_email=EMAIL, api_key="other")
    assert path(api_email=EMAIL, api_key=KEY) != token_path


# --- secrets -----------------------------------------------------------------------------------


# What a server could echo of each kind of credentials, in each spelling the client masks.
LEAKS = {
    "token": f"token {TOKEN} ({TOKEN})",
    "key": f"key {KEY} for {EMAIL} ({EMAIL.replace('@', '%40')})",
}
LEAKY_ANSWERS = {
    "9109": lambda leak: failure(403, error(9109, leak)),
    "6003-chain": lambda leak: failure(400, error(6003, leak, chain=[(6111, leak)])),
    "81057": lambda leak: failure(400, error(81057, leak)),
    "pointer": lambda leak: failure(400, error(9005, "bad", pointer=f"/{leak}")),
    "7003": lambda leak: failure(400, error(7003, leak)),
    "81044": lambda leak: failure(404, error(81044, leak)),
    "code": lambda leak: failure(400, error(leak, "bad code")),
    "html-200": lambda leak: Reply(200, f"<html><body>{leak}</body></html>"),
    "text-404": lambda leak: Reply(404, leak),
    "html-500": lambda leak: Reply(
        500, f"<html><title>{leak}</title></html>", {"Content-Type": "text/html"}
    ),
    "502": lambda leak: failure(502, error(1000, leak)),
    "429": lambda leak: failure(429, error(971, leak), headers={"Retry-After": "100"}),
    "location": lambda leak: Reply(
        302, "", {"Location": f"https://example.org/?{leak.replace(' ', '&')}"}
    ),
    "read-timeout": requests.exceptions.ReadTimeout,
    "connection": requests.exceptions.ConnectionError,
    "tls": requests.exceptions.SSLError,
}


@pytest.mark.parametrize("answer", LEAKY_ANSWERS.values(), ids=LEAKY_ANSWERS.keys())
@pytest.mark.parametrize("creates", [False, True], ids=["get", "create"])
@pytest.mark.parametrize("auth", ["token", "key"])
def test_no_credential_reaches_an_error(fake_v4, clock, answer, creates, auth):
    fake_v4.add(*[answer(LEAKS[auth])] * 5)
    client = make_client(clock, auth=auth)

    with pytest.raises(CloudflareError) as caught:
        client.request("POST" if creates else "GET", RECORDS, creates=creates)

    fake_v4.discard_pending()
    assert_no_secret(
        caught.value, caught.value.args, caught.value.details(), caught.value.msg
    )
    assert "********" in str(caught.value)


def test_scrub_masks_the_token_the_key_and_the_email(clock):
    client = V4Client(api_token=TOKEN, api_email=EMAIL, api_key=KEY, clock=clock)

    assert client.scrub(f"{TOKEN} {KEY} {EMAIL} marker.user%40example.com") == (
        "******** ******** <api_email> <api_email>"
    )


# --- paging ------------------------------------------------------------------------------------


def items(first: int, count: int) -> list[dict]:
    return [
        {"id": f"{number:032x}", "name": f"r{number}"}
        for number in range(first, first + count)
    ]


def pages_server(pages: list[list], per_page: int, total_pages=True, info=True):
    """A handler that answers each page by its ``page`` parameter; pages past the last are empty."""

    def handler(call):
        number = int(call.params["page"])
        result = pages[number - 1] if number <= len(pages) else []
        if not info:
            return ok(result)
        return ok(
            result,
            page_info(
                number, per_page, len(result), len(pages) if total_pages else None
            ),
        )

    return handler


def page_numbers(fake) -> list[int]:
    return sorted(int(call.params["page"]) for call in fake.calls)


def test_all_pages_named_by_total_pages_are_read_in_order(fake_v4, clock):
    fake_v4.serve(pages_server([items(0, 3), items(3, 3), items(6, 2)], 3))

    found = make_client(clock).get_all(RECORDS, {"type": "A"}, per_page=3)

    assert found == items(0, 8)
    assert page_numbers(fake_v4) == [1, 2, 3]
    assert {tuple(sorted(call.params.items())) for call in fake_v4.calls} == {
        (("page", str(number)), ("per_page", "3"), ("type", "A"))
        for number in (1, 2, 3)
    }


def test_the_default_page_size_is_5000(fake_v4, clock):
    fake_v4.add(ok(items(0, 2), page_info(1, 5000, 2, 1)))

    assert make_client(clock).get_all(RECORDS) == items(0, 2)
    assert fake_v4.calls[0].params == {"page": "1", "per_page": "5000"}


def test_an_empty_first_page_is_the_whole_list(fake_v4, clock):
    fake_v4.add(ok([], page_info(1, 50, 0, 0)))

    assert make_client(clock).get_all("/zones", per_page=50) == []
    assert len(fake_v4.calls) == 1


def test_an_empty_page_ends_the_list_before_total_pages(fake_v4, clock):
    fake_v4.serve(pages_server([items(0, 2), [], items(4, 2)], 2))

    assert make_client(clock).get_all(RECORDS, per_page=2) == items(0, 2)
    assert page_numbers(fake_v4) == [1, 2, 3]


def test_pages_are_read_up_to_eight_at_once(fake_v4, clock):
    running = []
    most = []
    lock = threading.Lock()
    serve = pages_server([items(number * 2, 2) for number in range(20)], 2)
    # Pages 2 to 9 answer only once all eight are in flight: a client that read fewer at once
    # breaks the barrier, one that read more shows a ninth call running beside them.
    first_round = threading.Barrier(8, timeout=30)

    def slow(call):
        with lock:
            running.append(call)
            most.append(len(running))
        if 2 <= int(call.params["page"]) <= 9:
            first_round.wait()
        with lock:
            running.remove(call)
        return serve(call)

    fake_v4.serve(slow)

    assert make_client(clock).get_all(RECORDS, per_page=2) == items(0, 40)
    assert page_numbers(fake_v4) == list(range(1, 21))
    assert max(most) == 8


def test_a_huge_total_pages_stops_at_the_first_empty_page(fake_v4, clock):
    fake_v4.serve(
        lambda call: ok(
            items(0, 2) if call.params["page"] == "1" else [],
            page_info(int(call.params["page"]), 2, 2, 10**9),
        )
    )

    assert make_client(clock).get_all(RECORDS, per_page=2) == items(0, 2)
    # page 1, then one round of eight pages
    assert page_numbers(fake_v4) == list(range(1, 10))


@pytest.mark.parametrize(
    "pages, info, calls",
    [
        ([items(0, 2), items(2, 2), items(4, 1)], True, 3),
        ([items(0, 2), items(2, 2)], True, 3),
        ([items(0, 2), items(2, 2), items(4, 1)], False, 3),
        ([items(0, 1)], False, 1),
    ],
    ids=["short-page", "empty-page", "no-result-info", "one-short-page"],
)
def test_without_total_pages_pages_are_read_in_turn_to_a_short_or_empty_page(
    fake_v4, clock, pages, info, calls
):
    fake_v4.serve(pages_server(pages, 2, total_pages=False, info=info))

    found = make_client(clock).get_all(RECORDS, per_page=2)

    assert found == [item for page in pages for item in page]
    assert [int(call.params["page"]) for call in fake_v4.calls] == list(
        range(1, calls + 1)
    )


def test_without_total_pages_the_page_size_is_the_one_the_api_used(fake_v4, clock):
    # asked for 5000, the API capped the pages at 2 and said so in result_info.per_page
    fake_v4.serve(
        pages_server([items(0, 2), items(2, 2), items(4, 1)], 2, total_pages=False)
    )

    assert make_client(clock).get_all(RECORDS) == items(0, 5)
    assert [call.params["page"] for call in fake_v4.calls] == ["1", "2", "3"]


@pytest.mark.parametrize("total_pages", [None, 5], ids=["in-turn", "at-once"])
def test_a_server_that_ignores_the_page_parameter_is_refused(
    fake_v4, clock, total_pages
):
    fake_v4.serve(lambda call: ok(items(0, 2), page_info(1, 2, 2, total_pages)))

    with pytest.raises(TransportError) as caught:
        make_client(clock).get_all(RECORDS, per_page=2)

    assert str(caught.value) == (
        f"GET {RECORDS} answered page 2 with the items of page 1: the API does not follow "
        "the page parameter, so the list has no end"
    )
    assert caught.value.action == f"GET {RECORDS}"


def test_a_page_without_a_list_is_a_transport_error(fake_v4, clock):
    fake_v4.add(ok({"id": ZONE_ID}))

    with pytest.raises(
        TransportError, match=r"^GET /zones answered page 1 without a list of results$"
    ):
        make_client(clock).get_all("/zones", per_page=50)


def test_a_failed_page_fails_the_list(fake_v4, clock):
    def handler(call):
        if call.params["page"] == "2":
            return failure(
                403, error(9109, "Unauthorized to access requested resource")
            )
        return pages_server([items(0, 2), items(2, 2), items(4, 2)], 2)(call)

    fake_v4.serve(handler)

    with pytest.raises(AuthError, match=f"^GET {RECORDS} failed: Unauthorized"):
        make_client(clock).get_all(RECORDS, per_page=2)
