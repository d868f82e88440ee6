# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A scripted v1 endpoint at the ``requests`` level (built on ``responses``).

Queue the answers a test expects with ``FakeV1.add``; every POST takes the next one and its
form is recorded, so a test pins the exact sequence of calls with ``fake.forms`` or
``fake.actions``. A call with no answer left fails the test at once.
"""

from __future__ import annotations

import collections
import json
import threading
from urllib.parse import parse_qsl, quote_plus

import requests
import responses
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

API_URL = "http://127.0.0.1:9/api_json.html"

# Marker credentials: any appearance in an error or a result is a leak.
EMAIL = "marker.user@example.com"
KEY = "MARKERKEY0f1e2d3c4b5a69788796a5b4c3d2e1f0"
SECRETS = (KEY, EMAIL, quote_plus(EMAIL))


class Reply:
    """A raw HTTP answer: status, body text and headers."""

    def __init__(
        self, status: int = 200, body: str = "", headers: dict | None = None
    ) -> None:
        self.status = status
        self.body = body
        self.headers = headers or {}


def request_echo(action: str, **params) -> dict:
    """The ``request`` echo the live API added, credentials included (the client must drop it)."""
    return {
        "act": action,
        "a": action,
        "email": EMAIL,
        "tkn": KEY,
        **{key: str(value) for key, value in params.items()},
    }


def success(action: str | None = None, response: dict | None = None, **extra) -> dict:
    """A success envelope; with ``action`` it carries a request echo holding the marker key."""
    body: dict = {"result": "success", "msg": None}
    if action is not None:
        body["request"] = request_echo(action)
    if response is not None:
        body["response"] = response
    body.update(extra)
    return body


def error(msg: str, err_code: str | None = None, action: str | None = None) -> dict:
    body: dict = {"result": "error", "msg": msg}
    if err_code is not None:
        body["err_code"] = err_code
    if action is not None:
        body["request"] = request_echo(action)
    return body


def v1_zone(name: str = "example.com", zone_id: str = "42", **fields) -> dict:
    """A v1 zone object shaped like the spec's section 3.1 example (a full zone)."""
    obj = {
        "zone_id": zone_id,
        "user_id": "1",
        "zone_name": name,
        "display_name": name,
        "zone_status": "V",
        "zone_mode": "1",
        "host_id": None,
        "zone_type": "F",
        "host_pubname": None,
        "host_website": None,
        "vtxt": None,
        "fqdns": ["norm.ns.cloudflare.com", "pat.ns.cloudflare.com"],
        "step": "4",
        "zone_status_class": "status-active",
        "zone_status_desc": "CloudFlare powered",
        "ns_vanity_map": [],
        "orig_registrar": None,
        "orig_dnshost": None,
        "orig_ns_names": None,
        "props": {"pro": 0, "plan": "FREE_ZONE", "force_interal": 0},
        "allow": ["analytics", "dns_editor", "zone_dev_mode1"],
    }
    obj.update(fields)
    return obj


def zones_answer(*objs) -> dict:
    return success(
        "zone_load_multi",
        {"zones": {"has_more": False, "count": len(objs), "objs": list(objs)}},
    )


ZONE = "example.com"


def v1_record(
    rec_id, name, rtype, content, ttl=1, prio=None, service_mode=0, zone=ZONE
) -> dict:
    """A v1 record object as rec_load_all, rec_new and rec_edit answer it (spec 3.2, Appendix B)."""
    label = zone if name == zone else name[: -(len(zone) + 1)]
    return {
        "rec_id": str(rec_id),
        "rec_hash": "0" * 32,
        "zone_name": zone,
        "name": name,
        "display_name": label,
        "type": rtype,
        "prio": None if prio is None else str(prio),
        "content": content,
        "display_content": content,
        "ttl": str(ttl),
        "ttl_ceil": 86400,
        "ssl_id": None,
        "ssl_status": None,
        "ssl_expires_on": None,
        "auto_ttl": int(ttl == 1),
        "service_mode": str(service_mode),
        "props": {
            "proxiable": int(rtype in ("A", "AAAA", "CNAME")),
            "cloud_on": service_mode,
            "cf_open": 1 - service_mode,
            "ssl": 0,
            "expired_ssl": 0,
            "expiring_ssl": 0,
            "pending_ssl": 0,
            "vanity_lock": 0,
        },
    }


def page(*objs, has_more=False) -> dict:
    """A rec_load_all answer holding ``objs``."""
    return {
        "result": "success",
        "msg": None,
        "response": {
            "recs": {"has_more": has_more, "count": len(objs), "objs": list(objs)}
        },
    }


def rec_answer(obj) -> dict:
    """A rec_new / rec_edit answer holding ``obj``."""
    return {"result": "success", "msg": None, "response": {"rec": {"obj": obj}}}


def connection_failed(
    text: str, cause: BaseException | None = None
) -> requests.exceptions.ConnectionError:
    """What requests raises when a connection cannot be made; ``cause`` is the OS error under it, if kept."""
    reason = NewConnectionError(None, f"Failed to establish a new connection: {text}")
    reason.__cause__ = cause
    return requests.exceptions.ConnectionError(
        MaxRetryError(None, "/api_json.html", reason)
    )


def connection_refused() -> requests.exceptions.ConnectionError:
    """What requests raises when nothing listens on the port."""
    return connection_failed("[Errno 111] Connection refused")


def no_route_to_host() -> requests.exceptions.ConnectionError:
    """A connection failure that may pass (the network is down for a moment)."""
    return connection_failed("[Errno 113] No route to host")


def connection_dropped() -> requests.exceptions.ConnectionError:
    """What requests raises when the server closes the connection without answering."""
    return requests.exceptions.ConnectionError(
        ProtocolError(
            "Connection aborted.", ConnectionResetError(104, "Connection reset by peer")
        )
    )


class FakeV1:
    """Answers POSTs to ``url`` from a queue and records every request."""

    def __init__(self, mock: responses.RequestsMock, url: str = API_URL) -> None:
        self.url = url
        self.requests: list = []
        self._answers: collections.deque = collections.deque()
        self._zone: list | None = None
        self._lock = threading.Lock()
        mock.add_callback(responses.POST, url, callback=self._reply)

    def serve_zone(self, objs: list, page_size: int = 180) -> FakeV1:
        """Answer every rec_load_all by its offset from ``objs`` (pages read at once arrive in any order)."""
        self._zone = list(objs)
        self._page_size = page_size
        return self

    @property
    def offsets(self) -> list[int]:
        """The offsets of the rec_load_all calls, sorted (their order is not fixed when read at once)."""
        return sorted(
            int(form["o"]) for form in self.forms if form["a"] == "rec_load_all"
        )

    def add(self, *answers) -> FakeV1:
        """Queue answers: a dict (JSON, HTTP 200), a Reply, or an exception to raise."""
        self._answers.extend(answers)
        return self

    @property
    def forms(self) -> list[dict]:
        return [
            dict(parse_qsl(request.body, keep_blank_values=True, strict_parsing=True))
            for request in self.requests
        ]

    @property
    def actions(self) -> list[str]:
        return [form["a"] for form in self.forms]

    @property
    def pending(self) -> int:
        return len(self._answers)

    def discard_pending(self) -> None:
        """Forget the answers not asked for (for tests that queue more than a call may use)."""
        self._answers.clear()

    def _reply(self, request):
        with self._lock:
            self.requests.append(request)
            fields = dict(parse_qsl(request.body, keep_blank_values=True))
            if self._zone is not None and fields.get("a") == "rec_load_all":
                return self._zone_page(int(fields.get("o") or 0))
            if not self._answers:
                raise AssertionError(f"unexpected v1 call: {request.body}")
            answer = self._answers.popleft()
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, Reply):
            return answer.status, answer.headers, answer.body
        return 200, {"Content-Type": "application/json"}, json.dumps(answer)

    def _zone_page(self, offset: int):
        objs = self._zone[offset : offset + self._page_size]
        recs = {
            "has_more": offset + self._page_size < len(self._zone),
            "count": len(objs),
            "objs": objs,
        }
        return (
            200,
            {"Content-Type": "application/json"},
            json.dumps(success("rec_load_all", {"recs": recs})),
        )


def form(action: str, **params) -> dict:
    """The form the client must send for ``action`` with the marker credentials."""
    return {
        "a": action,
        "email": EMAIL,
        "tkn": KEY,
        **{key: str(value) for key, value in params.items()},
    }


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def assert_no_secret(*things) -> None:
    """Fail when the marker key or e-mail shows in str() or repr() of anything given."""
    for thing in things:
        for text in (str(thing), repr(thing)):
            for secret in SECRETS:
                assert secret not in text, f"secret leaked into {text!r}"
