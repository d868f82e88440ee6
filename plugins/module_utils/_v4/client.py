# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The CloudFlare API v4 client: auth headers, JSON, the envelope, the errors, paged lists.

Every v4 call goes through ``V4Client.request``. It adds the credentials (an API token, or
the e-mail address and global API key), sends the call through the shared Transport, decodes
the JSON envelope and raises the typed errors of ``_errors``, chosen from the HTTP status and
CloudFlare's error codes. ``get_all`` reads every page of a list. What a path means is the
job of the v4 adapter (``_v4.api``).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import re
from typing import Any, NamedTuple

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    AuthError,
    CloudflareError,
    InputError,
    OutcomeUnknownError,
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    EMAIL_MASK,
    SECRET_MASK,
    Fault,
    Request,
    Transport,
    body_snippet,
)

DEFAULT_API_URL = "https://api.cloudflare.com/client/v4"

# The most pages of one list read at once (the connection pool keeps 10 connections).
PAGE_WINDOW = 8

# Codes that refuse the credentials, whatever the HTTP status they come with (often 400):
# missing headers, invalid token, no permission, authentication error, malformed headers
# (6003, with 6102/6103/6111 in its error_chain) and an unknown key or e-mail address.
AUTH_CODES = frozenset(
    {"6003", "6102", "6103", "6111", "9103", "9106", "9109", "10000"}
)
# "Record already exists" (81057) and "an identical record already exists" (81058).
RECORD_EXISTS_CODES = frozenset({"81057", "81058"})
RECORD_NOT_FOUND_CODE = "81044"
# "Could not route to ..., perhaps your object identifier is invalid?"
BAD_IDENTIFIER_CODE = "7003"
# The rate limit: CloudFlare answers HTTP 429 with 971 or 10300.
RATE_LIMIT_CODES = frozenset({"971", "10300"})

# How many of an answer's errors a message quotes in full; the rest are counted.
SHOWN_ERRORS = 3

_ZONE_PATH = re.compile(r"^/zones/[^/?]+(?:/|$)")
# A record by its id (32 hex digits), not dns_records/batch, /export or /import.
_RECORD_PATH = re.compile(r"^/zones/[^/?]+/dns_records/[0-9A-Fa-f]{32}$")


class _Page(NamedTuple):
    """One page of a list: its items, the number of pages if the API told it, and the page size."""

    items: list
    total_pages: int | None
    size: int


def _positive_int(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def _chain(error: dict) -> list[dict]:
    """The ``error_chain`` items of one error (the causes CloudFlare gives for it)."""
    chain = error.get("error_chain")
    if not isinstance(chain, list):
        return []
    return [link for link in chain if isinstance(link, dict)]


def _query_value(value):
    """A query parameter as the API spells it: ``true``/``false`` for booleans; lists repeat the key."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return [_query_value(item) for item in value]
    return value


def _retry_after(response) -> float | None:
    """The seconds of a ``Retry-After`` header, or None when it is missing or not a positive number.

    Without a usable wait the Transport waits longer after each refusal; a wait of 0 would
    send the call again at once, into the same block.
    """
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return seconds if seconds > 0 else None


class V4Client:
    """Client of the API v4 at ``api_url``.

    An ``api_token`` is sent as ``Authorization: Bearer``; without one, ``api_email`` and
    ``api_key`` (the global API key) go in ``X-Auth-Email`` and ``X-Auth-Key``.
    ``transport_options`` go to the Transport (timeout, TLS, rate limit, the injectable clock);
    ``share_pacer`` makes every process on this machine that calls ``api_url`` for this
    account share one pacer.
    """

    def __init__(
        self,
        api_token: str | None = None,
        api_email: str | None = None,
        api_key: str | None = None,
        api_url: str = DEFAULT_API_URL,
        share_pacer: bool = False,
        **transport_options,
    ) -> None:
        if api_token:
            self._headers = {"Authorization": f"Bearer {api_token}"}
            # The pacer's window file is named by a digest of the account; a digest of the
            # token is used even for that, so the token itself is kept nowhere but here.
            account = "token:" + hashlib.sha256(api_token.encode()).hexdigest()
        elif api_email and api_key:
            self._headers = {"X-Auth-Email": api_email, "X-Auth-Key": api_key}
            account = api_email
        else:
            raise ValueError("V4Client needs api_token, or api_email with api_key")
        self.api_url = api_url.rstrip("/")
        self.transport = Transport(
            self.api_url,
            {api_token: SECRET_MASK, api_key: SECRET_MASK, api_email: EMAIL_MASK},
            pacer_account=account if share_pacer else None,
            **transport_options,
        )
        self.scrub = self.transport.scrub

    def request(
        self,
        method: str,
        path: str,
        params: dict | None = None,
        body=None,
        *,
        creates: bool = False,
    ) -> dict:
        """Send one call and return its whole envelope (``result``, ``result_info``, ...).

        ``path`` starts with ``/`` (``/zones/{zone_id}/dns_records``); query parameters whose
        value is None are left out, and ``body`` is sent as JSON. ``creates`` marks a call that
        must not be sent twice once it may have reached the server (a POST that creates a
        record, a batch with posts, a purge). Raises a subclass of CloudflareError.
        """
        method = method.upper()
        query = {
            key: _query_value(value)
            for key, value in (params or {}).items()
            if value is not None
        }
        request = Request(
            f"{method} {path}",
            method,
            self.api_url + path,
            json=body,
            params=query or None,
            headers=self._headers,
            repeatable=not creates,
        )
        return self.transport.send(request, self._interpret)

    def get_all(
        self, path: str, params: dict | None = None, per_page: int = 5000
    ) -> list:
        """Every item of the paged list at ``path``, in the API's order.

        Page 1 tells ``result_info.total_pages``: the other pages are then read up to
        PAGE_WINDOW at once. Without it, pages are read one after another until one comes
        back empty or shorter than the page size. Either way an empty page ends the list, and
        a page that repeats the one before is a TransportError: that server does not follow
        ``page``, and reading on would never end.
        """
        first = self._page(path, params, 1, per_page)
        if first.total_pages is None:
            more = self._pages_in_turn(path, params, per_page, first)
        else:
            more = self._pages_at_once(path, params, per_page, first)
        return first.items + more

    def _pages_at_once(
        self, path: str, params: dict | None, per_page: int, first: _Page
    ) -> list:
        """Pages 2 to ``first.total_pages``, read in rounds of up to PAGE_WINDOW pages at once."""
        items: list = []
        last = first.total_pages or 1
        if not first.items or last < 2:
            return items
        previous = first.items
        with concurrent.futures.ThreadPoolExecutor(
            max_workers=min(PAGE_WINDOW, last - 1)
        ) as pool:
            for start in range(2, last + 1, PAGE_WINDOW):
                numbers = range(start, min(start + PAGE_WINDOW, last + 1))
                # The whole round is awaited, so the calls a list costs do not depend on timing.
                pages = list(
                    pool.map(
                        lambda number: self._page(path, params, number, per_page).items,
                        numbers,
                    )
                )
                for number, page in zip(numbers, pages, strict=True):
                    if not page:
                        return items
                    self._check_progress(path, number, previous, page)
                    items.extend(page)
                    previous = page
        return items

    def _pages_in_turn(
        self, path: str, params: dict | None, per_page: int, first: _Page
    ) -> list:
        """The pages after the first, one after another, while each comes back full."""
        items: list = []
        previous, number = first.items, 1
        while len(previous) >= first.size:
            number += 1
            page = self._page(path, params, number, per_page).items
            if not page:
                break
            self._check_progress(path, number, previous, page)
            items.extend(page)
            previous = page
        return items

    @staticmethod
    def _check_progress(path: str, number: int, previous: list, page: list) -> None:
        if page == previous:
            raise TransportError(
                f"GET {path} answered page {number} with the items of page {number - 1}: "
                "the API does not follow the page parameter, so the list has no end",
                action=f"GET {path}",
            )

    def _page(
        self, path: str, params: dict | None, number: int, per_page: int
    ) -> _Page:
        envelope = self.request(
            "GET", path, {**(params or {}), "page": number, "per_page": per_page}
        )
        result = envelope.get("result")
        if not isinstance(result, list):
            raise TransportError(
                f"GET {path} answered page {number} without a list of results",
                action=f"GET {path}",
            )
        info = envelope.get("result_info")
        if not isinstance(info, dict):
            info = {}
        return _Page(
            result,
            _positive_int(info.get("total_pages")),
            _positive_int(info.get("per_page")) or per_page,
        )

    def _interpret(self, response, request: Request, attempt: int) -> dict:
        status = response.status_code
        if 300 <= status < 400:
            raise self.transport.redirected(request, response, attempt)
        envelope = self._envelope(response)
        errors = self._errors(envelope)
        if status == 429 or RATE_LIMIT_CODES & self._codes(errors):
            raise Fault(
                self._answer_text(response, errors),
                status=status,
                rate_limited=True,
                retry_after=_retry_after(response),
                code=self._first_code(errors),
            )
        if status >= 500:
            raise Fault(self._answer_text(response, errors), status=status)
        if envelope is None and status not in (401, 403):
            raise self._undecodable(request, response, attempt)
        if envelope is not None and 200 <= status < 300 and envelope["success"]:
            return envelope
        raise self._refusal(request, response, errors, attempt)

    @staticmethod
    def _envelope(response) -> dict | None:
        """The decoded v4 envelope, or None when the body is not JSON or not an envelope."""
        try:
            body = json.loads(response.content)
        except ValueError:
            return None
        if isinstance(body, dict) and isinstance(body.get("success"), bool):
            return body
        return None

    @staticmethod
    def _errors(envelope: dict | None) -> list[dict]:
        errors = (envelope or {}).get("errors")
        if not isinstance(errors, list):
            return []
        return [error for error in errors if isinstance(error, dict)]

    @staticmethod
    def _codes(errors: list[dict]) -> set[str]:
        """The codes of the errors and of their ``error_chain``, as text."""
        return {
            str(item["code"])
            for error in errors
            for item in [error, *_chain(error)]
            if item.get("code") is not None
        }

    def _first_code(self, errors: list[dict]) -> str | None:
        """The code of the first error, as text (the ``err_code`` of the typed error)."""
        code = errors[0].get("code") if errors else None
        return None if code is None else self.scrub(code)

    def _answer_text(self, response, errors: list[dict]) -> str:
        """``HTTP <status> <reason>: `` and the errors of the answer, else an excerpt of its body."""
        reason = (
            f"HTTP {response.status_code} {self.scrub(response.reason or '')}".rstrip()
        )
        detail = (
            self._describe(errors)
            if errors
            else self.scrub(body_snippet(response.text))
        )
        return f"{reason}: {detail}"

    def _undecodable(self, request: Request, response, attempt: int) -> TransportError:
        name = request.name
        status = response.status_code
        snippet = self.scrub(body_snippet(response.text))
        if not 200 <= status < 300:
            return TransportError(
                f"{name}: HTTP {status} {self.scrub(response.reason or '')} from {self.api_url}: {snippet}",
                status=status,
                action=name,
                attempts=attempt,
            )
        problem = f"answer is not a v4 envelope: {snippet}"
        if not request.repeatable:
            return OutcomeUnknownError(
                f"{name} was sent but the {problem}; it may or may not have been applied: re-read the "
                "state before trying again",
                reason=problem,
                status=status,
                action=name,
                attempts=attempt,
            )
        return TransportError(
            f"{name}: the {problem}", status=status, action=name, attempts=attempt
        )

    def _refusal(
        self, request: Request, response, errors: list[dict], attempt: int
    ) -> CloudflareError:
        """The typed error of an answer that refused the call, from its HTTP status and error codes."""
        name = request.name
        status = response.status_code
        path = request.url[len(self.api_url) :]
        err_code = self._first_code(errors)
        codes = self._codes(errors)
        detail = self._describe(errors) if errors else self._answer_text(response, [])
        msg = f"{name} failed: {detail}"
        kwargs: dict[str, Any] = {
            "action": name,
            "err_code": err_code,
            "attempts": attempt,
        }
        error = self._typed_refusal(path, status, err_code, codes, msg, kwargs)
        source = errors[0].get("source") if errors else None
        pointer = source.get("pointer") if isinstance(source, dict) else None
        if isinstance(pointer, str):
            error.pointer = self.scrub(pointer)
        return error

    @staticmethod
    def _typed_refusal(
        path: str, status: int, err_code, codes: set, msg: str, kwargs: dict
    ) -> CloudflareError:
        if status in (401, 403) or AUTH_CODES & codes:
            return AuthError(msg, **kwargs)
        if RECORD_EXISTS_CODES & codes:
            return RecordExistsError(msg, **kwargs)
        if RECORD_NOT_FOUND_CODE in codes or (
            status == 404 and _RECORD_PATH.match(path)
        ):
            return RecordNotFoundError(msg, **kwargs)
        if _ZONE_PATH.match(path) and (status == 404 or BAD_IDENTIFIER_CODE in codes):
            return ZoneNotFoundError(msg, zone=None, **kwargs)
        if 400 <= status < 500 and status != 404 and err_code is not None:
            return InputError(msg, **kwargs)
        return APIError(msg, **kwargs)

    def _describe(self, errors: list[dict]) -> str:
        """The errors of an answer for a message: the first few in full, the others counted."""
        text = "; ".join(self._error_text(error) for error in errors[:SHOWN_ERRORS])
        hidden = len(errors) - SHOWN_ERRORS
        if hidden > 0:
            text += f"; and {plural(hidden, 'more error')}"
        return text

    def _error_text(self, error: dict) -> str:
        """``message (code, at /pointer): chained message (code)``, scrubbed."""
        text = self.scrub(error.get("message") or "no message")
        notes = [self.scrub(error["code"])] if error.get("code") is not None else []
        source = error.get("source")
        pointer = source.get("pointer") if isinstance(source, dict) else None
        if pointer:
            notes.append(f"at {self.scrub(pointer)}")
        if notes:
            text += f" ({', '.join(notes)})"
        links = [self._error_text(link) for link in _chain(error)]
        if links:
            text += ": " + "; ".join(links)
        return text
