# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Concurrency, malformed requests and property tests: every answer is v1-shaped JSON."""

from __future__ import annotations

import socket
import threading

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import (
    ALL_ACTIONS,
    EMAIL,
    HTTP_TIMEOUT,
    KEY,
    ZONE,
    assert_error,
    assert_invalid_input,
    decode_v1,
    v1_records,
)

CREDENTIALS = {"tkn": KEY, "email": EMAIL}
FORM = "application/x-www-form-urlencoded"


def still_serving(sim):
    body = sim.call("rec_load_all", {"z": ZONE})
    assert body["result"] == "success", body


def test_concurrent_writers_lose_nothing(sim):
    before = {rec["rec_id"] for rec in v1_records(sim)}
    results: dict[int, list] = {}

    def writer(worker):
        session = requests.Session()
        mine = []
        for index in range(25):
            response = session.post(
                sim.url,
                timeout=HTTP_TIMEOUT,
                data={
                    "a": "rec_new",
                    **CREDENTIALS,
                    "z": ZONE,
                    "type": "A",
                    "name": f"t{worker}-{index}",
                    "content": f"198.51.{100 + worker}.{index + 1}",
                },
            )
            mine.append(decode_v1(response))
        results[worker] = mine

    threads = [threading.Thread(target=writer, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = [body for worker in range(8) for body in results[worker]]
    assert [body["result"] for body in answers] == ["success"] * 200
    new_ids = [body["response"]["rec"]["obj"]["rec_id"] for body in answers]
    assert len(set(new_ids)) == 200
    assert not set(new_ids) & before
    listed = v1_records(sim)
    assert {rec["rec_id"] for rec in listed} == before | set(new_ids)
    assert len(listed) == len(before) + 200
    assert sim.stats()["calls"]["rec_new"] == 200


def test_concurrent_edits_of_one_record_keep_it_whole(sim):
    def editor(worker):
        for index in range(15):
            sim.call(
                "rec_edit",
                {
                    "z": ZONE,
                    "id": "9001",
                    "type": "TXT",
                    "name": f"edit{worker}",
                    "content": f"{worker}-{index}",
                    "ttl": 1,
                },
            )

    threads = [threading.Thread(target=editor, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    record = [rec for rec in v1_records(sim) if rec["rec_id"] == "9001"]
    assert len(record) == 1
    worker = record[0]["name"].split(".")[0][len("edit") :]
    assert record[0]["content"].startswith(worker + "-"), record


def post_raw(sim, body: bytes, content_type: str | None = FORM, query: str = ""):
    headers = {} if content_type is None else {"Content-Type": content_type}
    return requests.post(
        sim.url + query, data=body, headers=headers, timeout=HTTP_TIMEOUT
    )


MALFORMED_BODIES = [
    pytest.param(b"tkn=" + KEY.encode() + b"&email=" + EMAIL.encode(), FORM, id="no-a"),
    pytest.param(b"a=&tkn=" + KEY.encode(), FORM, id="empty-a"),
    pytest.param(
        b"a=frob&tkn=" + KEY.encode() + b"&email=" + EMAIL.encode(),
        FORM,
        id="unknown-action",
    ),
    pytest.param(
        b"a=rec_load_all&z=%ff%fe&tkn=" + KEY.encode() + b"&email=" + EMAIL.encode(),
        FORM,
        id="percent-invalid-utf8",
    ),
    pytest.param(
        b"a=rec_load_all&z=\xff\xfe&tkn=" + KEY.encode(), FORM, id="raw-invalid-utf8"
    ),
    pytest.param(
        b"a=rec_load_all&z=%zz%&tkn=" + KEY.encode() + b"&email=" + EMAIL.encode(),
        FORM,
        id="bad-percent-escape",
    ),
    pytest.param(b"a=zone_load_multi&&&===&tkn", FORM, id="empty-pairs"),
    pytest.param(b"\x00\x01\x02", FORM, id="binary"),
    pytest.param(
        b"a=zone_load_multi&tkn=" + KEY.encode() + b"&email=" + EMAIL.encode(),
        "application/x-garbage",
        id="garbage-content-type",
    ),
    pytest.param(
        b"a=zone_load_multi",
        "multipart/form-data; boundary=zzz",
        id="multipart-without-parts",
    ),
    pytest.param(
        b"a=zone_load_multi", "multipart/form-data", id="multipart-without-boundary"
    ),
    pytest.param(b'{"a": "zone_load_multi"}', "application/json", id="json-body"),
    pytest.param(
        b'--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\xfe\r\n--zzz--\r\n',
        "multipart/form-data; boundary=zzz",
        id="multipart-invalid-utf8",
    ),
]


@pytest.mark.parametrize("body, content_type", MALFORMED_BODIES)
def test_malformed_request_gets_a_v1_error(sim, body, content_type):
    assert_error(decode_v1(post_raw(sim, body, content_type)))
    still_serving(sim)


def test_huge_body(sim):
    body = (
        b"a=rec_new&tkn="
        + KEY.encode()
        + b"&email="
        + EMAIL.encode()
        + b"&z="
        + ZONE.encode()
        + b"&type=TXT&name=huge&content="
        + b"x" * (1536 * 1024)
    )
    answer = decode_v1(post_raw(sim, body))
    assert_error(answer)
    assert answer.get("err_code") == "E_INVLDINPUT", answer
    assert not [rec for rec in v1_records(sim) if rec["name"] == "huge." + ZONE]
    still_serving(sim)


def test_huge_query_string(sim):
    response = requests.get(
        sim.url,
        params={"a": "zone_check", **CREDENTIALS, "zones": "a" * 100000},
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code in (200, 414, 431)
    if response.status_code == 200:
        assert response.json()["result"] in ("success", "error")
    still_serving(sim)


def test_bad_content_length(sim):
    with socket.create_connection(
        ("127.0.0.1", int(sim.base.rsplit(":", 1)[1])), timeout=HTTP_TIMEOUT
    ) as conn:
        conn.sendall(
            b"POST /api_json.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + FORM.encode()
            + b"\r\nContent-Length: abc\r\nConnection: close\r\n\r\na=zone_load_multi"
        )
        reply = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            reply += chunk
    assert reply.startswith(b"HTTP/1.")
    assert b'"result": "error"' in reply or b'"result":"error"' in reply
    assert b"Traceback" not in reply
    still_serving(sim)


def test_half_sent_request_does_not_block_others(sim):
    with socket.create_connection(
        ("127.0.0.1", int(sim.base.rsplit(":", 1)[1])), timeout=HTTP_TIMEOUT
    ) as conn:
        conn.sendall(
            b"POST /api_json.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\na=zo"
        )
        still_serving(sim)


@pytest.mark.parametrize(
    "params, param",
    [
        ({"a": "rec_load_all", "z": ZONE, "o": "abc"}, "o"),
        ({"a": "rec_load_all", "z": ZONE, "o": "1e3"}, "o"),
        ({"a": "rec_load_all", "z": ZONE, "o": ""}, None),
        ({"a": "stats", "z": ZONE, "interval": "twenty"}, "interval"),
        ({"a": "zone_ips", "z": ZONE, "hours": "1.5"}, "hours"),
        ({"a": "zone_grab", "zid": "42abc"}, "zid"),
        (
            {
                "a": "rec_new",
                "z": ZONE,
                "type": "MX",
                "name": "m",
                "content": "mx.example.com",
                "prio": "ten",
            },
            "prio",
        ),
        (
            {
                "a": "rec_new",
                "z": ZONE,
                "type": "TXT",
                "name": "t",
                "content": "x",
                "ttl": "\uff11\uff12\uff10",
            },
            "ttl",
        ),
        (
            {
                "a": "rec_edit",
                "z": ZONE,
                "id": "9001",
                "type": "A",
                "name": "sub",
                "content": "198.51.100.1",
                "ttl": "1",
                "service_mode": "yes",
            },
            "service_mode",
        ),
        ({"a": "devmode", "z": ZONE, "v": "true"}, "v"),
    ],
)
def test_wrong_types(sim, params, param):
    body = decode_v1(sim.raw({**CREDENTIALS, **params}))
    if param is None:
        assert body["result"] in ("success", "error")
    else:
        assert_invalid_input(body, param)
    still_serving(sim)


def test_repeated_parameter(sim):
    body = decode_v1(
        sim.raw(
            [
                ("a", "zone_check"),
                ("a", "zone_check"),
                ("tkn", KEY),
                ("email", EMAIL),
                ("zones", ZONE),
                ("zones", "example.org"),
            ]
        )
    )
    assert body["result"] == "success", body
    assert len(body["response"]["zones"]) == 1


def test_other_methods_and_paths(sim):
    for method in ("PUT", "DELETE", "PATCH"):
        response = requests.request(
            method,
            sim.url,
            data={"a": "zone_load_multi", **CREDENTIALS},
            timeout=HTTP_TIMEOUT,
        )
        assert response.status_code < 500 or response.status_code == 501
    response = requests.get(
        sim.base + "/api.html",
        params={"a": "zone_load_multi", **CREDENTIALS},
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code == 404
    still_serving(sim)


# --- property tests -----------------------------------------------------------------------

JUNK_ACTIONS = [
    "",
    "DIUP",
    "rec_set",
    "zone_init",
    "Stats",
    "rec_new ",
    "\u00e9",
    "a" * 300,
]
PARAM_NAMES = [
    "z",
    "o",
    "zones",
    "interval",
    "hours",
    "class",
    "geo",
    "ip",
    "v",
    "url",
    "zid",
    "key",
    "type",
    "name",
    "content",
    "ttl",
    "prio",
    "service",
    "srvname",
    "protocol",
    "weight",
    "port",
    "target",
    "service_mode",
    "id",
    "u",
    "email",
    "tkn",
    "zs",
    "junk",
    "",
]
GOOD_VALUES = [
    "example.com",
    "example.org",
    "example.net",
    "9001",
    "42",
    "0",
    "1",
    "3",
    "20",
    "120",
    "86400",
    "A",
    "AAAA",
    "CNAME",
    "MX",
    "TXT",
    "SRV",
    "LOC",
    "sub",
    "@",
    "1.2.3.4",
    "2001:db8::1",
    "_sip",
    "_tcp",
    "help",
    "agg",
    "a",
    "r",
    "http://www.example.com/x.css",
    EMAIL,
    KEY,
    "-1",
    "99999999999999",
]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
VALUES = st.one_of(
    st.sampled_from(GOOD_VALUES), TEXT, st.integers(-(10**6), 10**13).map(str)
)
ACTIONS = st.one_of(st.sampled_from(ALL_ACTIONS), st.sampled_from(JUNK_ACTIONS), TEXT)
PARAMS = st.dictionaries(
    st.one_of(
        st.sampled_from(PARAM_NAMES), TEXT.filter(lambda name: name != "callback")
    ),
    VALUES,
    max_size=8,
)


def assert_v1_answer(response):
    assert response.status_code == 200, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].split(";")[0] == "application/json"
    assert "Traceback" not in response.text
    body = response.json()
    assert body["result"] in ("success", "error"), body
    if body["result"] == "error":
        assert isinstance(body["msg"], str) and body["msg"]
        assert "response" not in body
    else:
        assert body["msg"] is None


@settings(max_examples=150, deadline=None)
@given(
    action=ACTIONS,
    params=PARAMS,
    method=st.sampled_from(["POST", "GET"]),
    auth=st.booleans(),
)
def test_any_parameters_get_a_v1_answer(sim_server, action, params, method, auth):
    sim_server.reset()
    form = dict(params)
    form["a"] = action
    if auth:
        form.update(CREDENTIALS)
    form.pop("callback", None)
    assert_v1_answer(sim_server.raw(form, method=method))


@settings(max_examples=150, deadline=None)
@given(action=st.sampled_from(ALL_ACTIONS), params=PARAMS)
def test_real_actions_with_random_parameters(sim_server, action, params):
    sim_server.reset()
    form = {
        name: value
        for name, value in params.items()
        if name not in ("tkn", "email", "u", "callback")
    }
    form.update(a=action, **CREDENTIALS)
    assert_v1_answer(sim_server.raw(form))


@settings(max_examples=150, deadline=None)
@given(
    body=st.binary(max_size=300),
    content_type=st.sampled_from(
        [FORM, None, "text/plain", "multipart/form-data; boundary=x"]
    ),
)
def test_random_bodies_get_a_v1_answer(sim_server, body, content_type):
    assert_v1_answer(post_raw(sim_server, body, content_type))


def test_server_survives_the_property_tests(sim):
    still_serving(sim)
    assert sim.proc.poll() is None
