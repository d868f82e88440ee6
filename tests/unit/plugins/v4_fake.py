# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A scripted API v4 at the ``requests`` level (built on ``responses``).

Queue the answers a test expects with ``FakeV4.add``; every call takes the next one and is
recorded as a ``Call``, so a test pins the exact requests. ``FakeV4.serve`` answers every call
through a function instead (for pages read at once, which arrive in any order). A call with
no answer left fails the test at once.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import re
import threading
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

import responses

from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    EMAIL,
    KEY,
    Reply,
)

API_URL = "http://127.0.0.1:9/client/v4"

# Marker credentials: any appearance in an error or a result is a leak (EMAIL and KEY: v1_fake).
TOKEN = "MARKERTOKEN_0123456789abcdefghijklmnopqr"
SECRETS = (TOKEN, KEY, EMAIL, EMAIL.replace("@", "%40"))

METHODS = (
    responses.GET,
    responses.POST,
    responses.PUT,
    responses.PATCH,
    responses.DELETE,
)


@dataclasses.dataclass
class Call:
    """One request the client sent: the path below API_URL, the query as pairs, the JSON body."""

    method: str
    path: str
    query: list[tuple[str, str]]
    json: object
    headers: Mapping[str, str]
    req_kwargs: dict

    @property
    def params(self) -> dict:
        """The query as a dict (for parameters given once)."""
        return dict(self.query)


def ok(result=None, result_info: dict | None = None, **extra) -> dict:
    """A success envelope."""
    body: dict = {"success": True, "errors": [], "messages": [], "result": result}
    if result_info is not None:
        body["result_info"] = result_info
    body.update(extra)
    return body


def error(
    code: int | str, message: str, pointer: str | None = None, chain: tuple = ()
) -> dict:
    """One item of ``errors``; ``chain`` holds ``(code, message)`` pairs for ``error_chain``."""
    item: dict = {"code": code, "message": message}
    if chain:
        item["error_chain"] = [{"code": c, "message": m} for c, m in chain]
    if pointer is not None:
        item["source"] = {"pointer": pointer}
    return item


def failure(status: int, *errors: dict, headers: dict | None = None) -> Reply:
    """An error envelope with HTTP ``status``."""
    body = {"success": False, "errors": list(errors), "messages": [], "result": None}
    return Reply(
        status,
        json.dumps(body),
        {"Content-Type": "application/json", **(headers or {})},
    )


def page_info(page: int, per_page: int, count: int, total_pages: int | None) -> dict:
    info = {"page": page, "per_page": per_page, "count": count}
    if total_pages is not None:
        info["total_pages"] = total_pages
    return info


class FakeV4:
    """Answers every call below ``url`` from a queue (or through ``serve``) and records it."""

    def __init__(self, mock: responses.RequestsMock, url: str = API_URL) -> None:
        self.url = url
        self.calls: list[Call] = []
        self._answers: collections.deque = collections.deque()
        self._handler = None
        self._lock = threading.Lock()
        pattern = re.compile(re.escape(url) + r"(/.*)?$")
        for method in METHODS:
            mock.add_callback(method, pattern, callback=self._reply)

    def add(self, *answers) -> FakeV4:
        """Queue answers: a dict (JSON, HTTP 200), a Reply, or an exception to raise."""
        self._answers.extend(answers)
        return self

    def serve(self, handler) -> FakeV4:
        """Answer every call with ``handler(call)`` (called outside the fake's lock)."""
        self._handler = handler
        return self

    @property
    def pending(self) -> int:
        return len(self._answers)

    def discard_pending(self) -> None:
        """Forget the answers not asked for (for tests that queue more than a call may use)."""
        self._answers.clear()

    @property
    def lines(self) -> list[str]:
        """``METHOD /path`` of every call, in order."""
        return [f"{call.method} {call.path}" for call in self.calls]

    def _reply(self, request):
        url = urlsplit(request.url)
        call = Call(
            request.method,
            url.path[len(urlsplit(self.url).path) :],
            parse_qsl(url.query, keep_blank_values=True),
            json.loads(request.body) if request.body else None,
            request.headers.copy(),
            dict(request.req_kwargs),
        )
        with self._lock:
            self.calls.append(call)
            if self._handler is None:
                if not self._answers:
                    raise AssertionError(
                        f"unexpected v4 call: {call.method} {request.url}"
                    )
                answer = self._answers.popleft()
        if self._handler is not None:
            answer = self._handler(call)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, Reply):
            return answer.status, answer.headers, answer.body
        return 200, {"Content-Type": "application/json"}, json.dumps(answer)


def assert_no_secret(*things) -> None:
    """Fail when the marker token, key or e-mail shows in str() or repr() of anything given."""
    for thing in things:
        for text in (str(thing), repr(thing)):
            for secret in SECRETS:
                assert secret not in text, f"secret leaked into {text!r}"
