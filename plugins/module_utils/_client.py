# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The CloudFlare Client Interface API v1 client: transport, retries, pacing, errors, paging.

Every API call goes through ``V1Client.call``. It adds the credentials (``a``, ``tkn``,
``email``), posts the form, decodes the JSON answer, checks ``result`` and raises the typed
errors of ``_errors``. It knows nothing about what an action means; that is the job of the
mapping layers above it.
"""

from __future__ import annotations

import concurrent.futures
import json
import random
import re
import socket
import ssl
import threading
import time
import traceback
from urllib.parse import quote, quote_plus, urlsplit

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AbandonedError,
    APIError,
    AuthError,
    InputError,
    OutcomeUnknownError,
    RateLimitError,
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._pacer import RatePacer, pacer_for
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    import urllib3
    from urllib3.exceptions import ConnectTimeoutError, InsecureRequestWarning, NewConnectionError
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True

DEFAULT_API_URL = "https://www.cloudflare.com/api_json.html"

# Actions that must not be sent twice unless the first request provably never reached the
# server: a second rec_new creates a duplicate, fpurge_ts and zone_grab are rate-limited
# (cooldown, once a day) so a blind repeat fails or burns the allowance.
NON_IDEMPOTENT_ACTIONS = frozenset({"rec_new", "fpurge_ts", "zone_grab"})

SECRET_MASK = "********"
EMAIL_MASK = "<api_email>"

_BODY_SNIPPET_LENGTH = 200

# The most rec_load_all pages read at once (the connection pool keeps 10 connections).
PAGE_WINDOW = 8

# E_MAXAPI: the first wait before a refused call is sent again, the longest wait, and how long
# a call may keep waiting (the API's window of 1200 calls is 5 minutes long).
RATE_LIMIT_DELAY_BASE = 5.0
RATE_LIMIT_DELAY_MAX = 15.0
RATE_LIMIT_WAIT = 300.0


class _Fault(Exception):
    """One failed attempt that a retry might cure.

    ``reached_server`` is False only when the request provably never left this host
    (connection refused, connect timeout); ``rate_limited`` marks an ``E_MAXAPI`` answer,
    which the server refused without applying.
    """

    def __init__(self, reason: str, status: int | None = None, reached_server: bool = True,
                 rate_limited: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.reached_server = reached_server
        self.rate_limited = rate_limited


def _body_snippet(text: str) -> str:
    """A short readable excerpt of a non-JSON body: an HTML page's title, else its text."""
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        text = title.group(1)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    if len(text) > _BODY_SNIPPET_LENGTH:
        text = text[:_BODY_SNIPPET_LENGTH] + "..."
    return text or "empty body"


def _causes(exc: BaseException):
    """``exc`` and every exception it wraps (in ``args``, ``reason``, ``__cause__``), each once."""
    seen = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException))
        pending.extend([getattr(current, "reason", None), current.__cause__])


def _never_sent(exc: Exception) -> bool:
    """True when a requests ConnectionError happened while connecting, before any byte was sent."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    return any(isinstance(cause, (NewConnectionError, ConnectTimeoutError)) for cause in _causes(exc))


# Connection failures that no retry cures: the host name does not resolve, or nothing listens
# on the port. Each is known by the exception under the requests error or, where urllib3 only
# kept its text, by that text.
_UNRESOLVED = "the host name does not resolve; check api_url"
_REFUSED = "nothing listens on that port; check api_url"
_HOPELESS_TEXTS = (
    (re.compile(r"Name or service not known|nodename nor servname|Failed to resolve|No address associated",
                re.IGNORECASE), _UNRESOLVED),
    (re.compile(r"Connection refused|\[Errno 111\]", re.IGNORECASE), _REFUSED),
)


def _hopeless_connect(exc: Exception) -> str | None:
    """Why a failed connection cannot succeed on a retry, or None when a retry may cure it."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return _UNRESOLVED
        if isinstance(cause, ConnectionRefusedError):
            return _REFUSED
    return next((hint for pattern, hint in _HOPELESS_TEXTS if pattern.search(str(exc))), None)


def _os_error_text(exc: Exception) -> str:
    """The ``[Errno N] text`` part of a wrapped OS error, else the whole message."""
    found = re.search(r"\[Errno -?\d+\][^\"')]*", str(exc))
    return found.group(0).strip() if found else str(exc)


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class V1Client:
    """Client of the v1 ``api_json.html`` endpoint, one ``requests`` session per instance.

    Retry knobs: at most ``max_attempts`` HTTP requests per call, and no new attempt once
    ``max_retry_time`` seconds would be exceeded. The delay before retry ``n`` is
    ``min(backoff_max, backoff_base * 2 ** (n - 1))``, jittered down by up to half. ``E_MAXAPI``
    answers count against neither: each holds every call of the client for 5, 10, then 15 s
    (jittered the same way) until the call has waited ``rate_limit_wait`` seconds.
    ``rate_limit`` is ``(calls, seconds)`` for the client-side pacer, or None to disable it; with
    ``share_pacer`` every process on this machine that calls ``api_url`` for the same account
    shares one pacer (see _pacer).
    ``sleep``, ``clock`` and ``jitter`` are injectable so tests take no real time. With a
    ``lineage`` (see _lineage), no request is sent once the Ansible process that started the
    module is gone.
    """

    def __init__(self, api_email: str, api_key: str, api_url: str = DEFAULT_API_URL, timeout: float = 30,
                 validate_certs: bool = True, ca_path: str | None = None, max_attempts: int = 5,
                 max_retry_time: float = 60.0, backoff_base: float = 1.0, backoff_max: float = 15.0,
                 rate_limit: tuple[int, float] | None = (1200, 300), rate_limit_wait: float = RATE_LIMIT_WAIT,
                 sleep=time.sleep, clock=time.monotonic, jitter=random.random, session=None, lineage=None,
                 share_pacer: bool = False) -> None:
        if not HAS_REQUESTS:
            raise RuntimeError("the requests library is required")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.api_url = api_url
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.max_retry_time = max_retry_time
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.rate_limit_wait = rate_limit_wait
        self._email = api_email
        self._key = api_key
        self._verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        if not validate_certs:
            # The module edge warns in the task result; urllib3's own warning would only reach
            # the module's stderr, which Ansible does not show.
            urllib3.disable_warnings(InsecureRequestWarning)
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter
        self._pacer = None
        if rate_limit and share_pacer:
            self._pacer = pacer_for(api_url, api_email, rate_limit[0], rate_limit[1], clock=clock, sleep=sleep)
        elif rate_limit:
            self._pacer = RatePacer(rate_limit[0], rate_limit[1], clock=clock, sleep=sleep)
        self._session = session if session is not None else requests.Session()
        self._session.headers["User-Agent"] = "edgeops.cloudflare"
        self._calls_lock = threading.Lock()
        self._api_calls = 0
        self._refused = 0
        self._refused_waits = 0
        self._refused_wait = 0.0
        self._secrets = self._secret_spellings()
        self._tls_port: bool | None = None
        self._lineage = lineage

    @property
    def api_calls(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self._api_calls

    @property
    def rate_limited_calls(self) -> int:
        """Calls the API refused for its rate limit (``E_MAXAPI``), each sent again after a wait."""
        return self._refused

    def rate_limit_waits(self) -> dict:
        """How often, and for how many seconds in all, calls waited for the rate limit (pacer and E_MAXAPI)."""
        with self._calls_lock:
            count, seconds = self._refused_waits, self._refused_wait
        if self._pacer is not None:
            count += self._pacer.waits
            seconds += self._pacer.waited
        return {"count": count, "seconds": round(seconds, 1)}

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> V1Client:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _secret_spellings(self) -> list[tuple[str, str]]:
        """Every spelling of the key and e-mail that could show up in text, longest first."""
        pairs = {}
        for secret, mask in ((self._email, EMAIL_MASK), (self._key, SECRET_MASK)):
            if secret:
                for spelling in (secret, quote_plus(secret), quote(secret, safe="")):
                    pairs[spelling] = mask
        return sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)

    def scrub(self, text) -> str:
        """``text`` as a string with the API key and e-mail address masked."""
        text = str(text)
        for secret, mask in self._secrets:
            text = text.replace(secret, mask)
        return text

    def call(self, action: str, params: dict | None = None) -> dict:
        """Send one v1 action and return the answer envelope without its ``request`` echo.

        Parameters whose value is None are left out. Raises a subclass of CloudflareError.
        """
        form = {key: _form_value(value) for key, value in (params or {}).items() if value is not None}
        form.update(a=action, email=self._email, tkn=self._key)
        may_repeat = action not in NON_IDEMPOTENT_ACTIONS
        started = self._clock()
        attempt = refused = 0
        while True:
            attempt += 1
            try:
                return self._attempt(action, form, attempt)
            except _Fault as fault:
                if fault.reached_server and not fault.rate_limited and not may_repeat:
                    raise OutcomeUnknownError(
                        f"{action} was sent but no usable answer came back ({fault.reason}); it may or may not "
                        "have been applied, so it was not repeated: re-read the state before trying again",
                        reason=fault.reason, status=fault.status, action=action, attempts=attempt) from None
                if fault.rate_limited:
                    # The account's window must slide before a call can pass, and every refused call
                    # counts against it: wait longer each time, up to the length of the window.
                    refused += 1
                    delay = self._rate_limit_delay(refused)
                    with self._calls_lock:
                        self._refused += 1
                    if self._clock() - started + delay > self.rate_limit_wait:
                        raise self._exhausted(action, attempt, fault,
                                              f"still rate limited after {self.rate_limit_wait:g} s") from None
                    if self._pacer is not None:
                        self._pacer.hold(delay)
                    with self._calls_lock:
                        self._refused_waits += 1
                        self._refused_wait += delay
                else:
                    if attempt - refused >= self.max_attempts:
                        raise self._exhausted(action, attempt, fault, "attempt limit reached") from None
                    delay = self._backoff_delay(attempt - refused)
                    if self._clock() - started + delay > self.max_retry_time:
                        raise self._exhausted(action, attempt, fault,
                                              f"retry time limit of {self.max_retry_time:g} s reached") from None
                self._sleep(delay)

    def load_records(self, zone: str) -> list[dict]:
        """All raw v1 record objects of ``zone``, following ``rec_load_all`` paging.

        v1 tells neither the number of records nor of pages, only ``has_more``. The pages are
        read in rounds at the offsets that full pages give: one page, then one, then two at
        once, three, and so on up to PAGE_WINDOW (so a large zone waits about one round trip per
        PAGE_WINDOW pages, and a zone of one or two pages costs no more than one by one). The
        reads past the last page that a round makes are the price, at most PAGE_WINDOW - 1. A
        page shorter than the first before the end means the offsets were wrong, and the rest is
        read one page after another.
        """
        records, page = self._page(zone, 0)
        if not page["has_more"]:
            return records
        size = page["count"]
        offset, window = size, 1
        with concurrent.futures.ThreadPoolExecutor(max_workers=PAGE_WINDOW) as pool:
            while True:
                offsets = [offset + index * size for index in range(window)]
                for at, (objs, page) in zip(offsets, pool.map(lambda at: self._page(zone, at), offsets)):
                    records.extend(objs)
                    if not page["has_more"]:
                        return records
                    if page["count"] != size:
                        return records + self._pages_from(zone, at + page["count"])
                offset, window = offsets[-1] + size, min(window + 1, PAGE_WINDOW)

    def _pages_from(self, zone: str, offset: int) -> list[dict]:
        """The record objects from ``offset`` to the end, one page after another."""
        records: list[dict] = []
        while True:
            objs, page = self._page(zone, offset)
            records.extend(objs)
            if not page["has_more"]:
                return records
            offset += page["count"]

    def _page(self, zone: str, offset: int) -> tuple[list[dict], dict]:
        """``(objs, page)`` of one ``rec_load_all`` call; ``page`` has ``has_more`` and a positive ``count``."""
        envelope = self.call("rec_load_all", {"z": zone, "o": offset})
        page = (envelope.get("response") or {}).get("recs")
        if not isinstance(page, dict):
            raise TransportError(f"rec_load_all for zone {zone} answered without response.recs",
                                 action="rec_load_all")
        objs = page.get("objs") or []
        count = int(page.get("count") or len(objs))
        if page.get("has_more") and count <= 0:
            raise TransportError(
                f"rec_load_all for zone {zone} claims more records but returned none at offset {offset}",
                action="rec_load_all")
        return objs, {"has_more": bool(page.get("has_more")), "count": count}

    def _rate_limit_delay(self, refused: int) -> float:
        delay = min(RATE_LIMIT_DELAY_MAX, RATE_LIMIT_DELAY_BASE * 2 ** (refused - 1))
        return delay / 2 + self._jitter() * delay / 2

    def _backoff_delay(self, attempt: int) -> float:
        delay = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return delay / 2 + self._jitter() * delay / 2

    def _exhausted(self, action: str, attempts: int, fault: _Fault, limit: str) -> TransportError | RateLimitError:
        msg = f"{action} failed after {plural(attempts, 'attempt')} ({limit}); last error: {fault.reason}"
        if fault.rate_limited:
            return RateLimitError(msg, action=action, err_code="E_MAXAPI", attempts=attempts)
        return TransportError(msg, status=fault.status, action=action, attempts=attempts)

    def _attempt(self, action: str, form: dict, attempt: int) -> dict:
        if self._pacer is not None:
            self._pacer.acquire()
        gone = self._lineage.gone() if self._lineage is not None else None
        if gone:
            raise AbandonedError(f"{action} was not sent: {gone}, so nobody waits for this task any more",
                                 action=action, attempts=attempt - 1)
        with self._calls_lock:
            self._api_calls += 1
        response = self._post(action, form, attempt)
        status = response.status_code
        if status >= 500:
            raise _Fault(f"HTTP {status} {self.scrub(response.reason or '')}".rstrip()
                         + f": {self.scrub(_body_snippet(response.text))}", status=status)
        if 300 <= status < 400:
            location = self.scrub(response.headers.get("Location", "an unknown location"))
            raise TransportError(f"{action}: api_url {self.api_url} redirects (HTTP {status}) to {location}; "
                                 "set api_url to the final address", status=status, action=action, attempts=attempt)
        if status != 200:
            raise TransportError(f"{action}: HTTP {status} {self.scrub(response.reason or '')} from {self.api_url}: "
                                 f"{self.scrub(_body_snippet(response.text))}", status=status, action=action,
                                 attempts=attempt)
        return self._check_envelope(action, form, self._decode(action, response, attempt), attempt)

    def _post(self, action: str, form: dict, attempt: int):
        try:
            return self._session.post(self.api_url, data=form, timeout=self.timeout, verify=self._verify,
                                      allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise TransportError(f"{action}: TLS error talking to {self.api_url}: {self.scrub(exc)} "
                                 "(check validate_certs and ca_path)", action=action, attempts=attempt) from None
        except requests.exceptions.Timeout as exc:
            raise _Fault(f"timed out after {self.timeout:g} s: {self.scrub(exc)}",
                         reached_server=not _never_sent(exc)) from None
        except requests.exceptions.ConnectionError as exc:
            if _never_sent(exc):
                problem = f"cannot connect to {self.api_url}: {self.scrub(_os_error_text(exc))}"
                hopeless = _hopeless_connect(exc)
                if hopeless:
                    raise TransportError(f"{action}: {problem} ({hopeless})", action=action,
                                         attempts=attempt) from None
                raise _Fault(problem, reached_server=False) from None
            if self._speaks_tls():
                raise TransportError(f"{action}: api_url {self.api_url} starts with http://, but the server closed "
                                     "the connection without an answer and speaks TLS on that port: it expects "
                                     "HTTPS, so use an https:// URL", action=action, attempts=attempt) from None
            raise _Fault(f"connection lost: {self.scrub(exc)}") from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            raise _Fault(f"broken answer: {self.scrub(exc)}") from None
        except requests.exceptions.RequestException as exc:
            raise TransportError(f"{action}: cannot send the request to {self.api_url}: {self.scrub(exc)}",
                                 action=action, attempts=attempt) from None
        except OSError as exc:
            # requests raises a bare OSError (not a RequestException) when the ca_path bundle does not exist.
            problem = (f"cannot use the CA bundle {self._verify}" if isinstance(self._verify, str)
                       else f"cannot send the request to {self.api_url}")
            raise TransportError(f"{action}: {problem}: {self.scrub(exc)} (check ca_path)",
                                 action=action, attempts=attempt) from None

    def _speaks_tls(self) -> bool:
        """Whether an ``http://`` api_url points at a port that answers a TLS handshake (asked once per client).

        A TLS server that gets plain HTTP often closes the connection without a word, which
        looks like a dropped connection; no retry cures it.
        """
        if self._tls_port is None:
            self._tls_port = False
            url = urlsplit(self.api_url)
            if url.scheme == "http" and url.hostname:
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
                try:
                    with socket.create_connection((url.hostname, url.port or 80), timeout=min(self.timeout, 5)) as raw, \
                            context.wrap_socket(raw, server_hostname=url.hostname):
                        self._tls_port = True
                except (OSError, ValueError):
                    pass
        return self._tls_port

    def _decode(self, action: str, response, attempt: int) -> dict:
        error = None
        try:
            body = json.loads(response.content)
        except ValueError:
            error = f"answer is not JSON: {self.scrub(_body_snippet(response.text))}"
        else:
            if not isinstance(body, dict) or body.get("result") not in ("success", "error"):
                error = f"answer is not a v1 envelope: {self.scrub(_body_snippet(response.text))}"
        if error is None:
            return body
        if action in NON_IDEMPOTENT_ACTIONS:
            raise OutcomeUnknownError(
                f"{action} was sent but the {error}; it may or may not have been applied: re-read the state "
                "before trying again", reason=error, status=response.status_code, action=action, attempts=attempt)
        raise TransportError(f"{action}: the {error}", status=response.status_code, action=action, attempts=attempt)

    def _check_envelope(self, action: str, form: dict, body: dict, attempt: int) -> dict:
        body.pop("request", None)
        if body["result"] == "success":
            return body
        api_msg = self.scrub(body.get("msg") or "no message")
        err_code = self.scrub(body["err_code"]) if body.get("err_code") else None
        if err_code == "E_MAXAPI":
            raise _Fault(f"{api_msg} (E_MAXAPI)", rate_limited=True)
        msg = f"{action} failed: {api_msg}" + (f" ({err_code})" if err_code else "")
        kwargs = {"action": action, "err_code": err_code, "attempts": attempt}
        if err_code == "E_UNAUTH":
            raise AuthError(msg, **kwargs)
        if err_code == "E_INVLDINPUT":
            # Appendix B 17: an identical record is refused with "record already exists".
            if action == "rec_new" and "already exists" in api_msg.lower():
                raise RecordExistsError(msg, **kwargs)
            raise InputError(msg, **kwargs)
        lowered = api_msg.strip().lower()
        if lowered.startswith("invalid zone"):
            raise ZoneNotFoundError(msg, zone=form.get("z"), **kwargs)
        if lowered.startswith("invalid record id"):
            raise RecordNotFoundError(msg, **kwargs)
        raise APIError(msg, **kwargs)
