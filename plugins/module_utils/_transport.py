# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The one request path of every backend: session, TLS, pacing, retries, secrets, the call report.

A backend client describes a call as a ``Request`` and says how to read the answer (its
``interpret`` function returns the result, raises a typed CloudflareError, or raises a
``Fault`` for a failed attempt a retry might cure). ``Transport.send`` does the rest the same
way for every API: it waits for the pacer, stops once the Ansible process that started the
module is gone, counts the call, sends it, maps connection and TLS failures, and retries
with backoff; a request that is not ``repeatable`` (a create) is never sent again once it may
have reached the server.
"""

from __future__ import annotations

import dataclasses
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
    OutcomeUnknownError,
    RateLimitError,
    TransportError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._pacer import (
    RatePacer,
    pacer_for,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    import urllib3
    from urllib3.exceptions import (
        ConnectTimeoutError,
        InsecureRequestWarning,
        NewConnectionError,
    )
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True

SECRET_MASK = "********"
# The e-mail address of the account is masked too: it names the account whose key a message would be about.
EMAIL_MASK = "<api_email>"

_BODY_SNIPPET_LENGTH = 200

# A refusal for the rate limit: the first wait before the call is sent again, the longest wait,
# and how long a call may keep waiting (the API's window of 1200 calls is 5 minutes long).
RATE_LIMIT_DELAY_BASE = 5.0
RATE_LIMIT_DELAY_MAX = 15.0
RATE_LIMIT_WAIT = 300.0


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """At most ``max_attempts`` requests per call, no new attempt after ``max_retry_time`` seconds.

    The delay before retry ``n`` is ``min(backoff_max, backoff_base * 2 ** (n - 1))``, jittered
    down by up to half. Refusals for the rate limit count against neither: they wait 5, 10,
    then 15 s each (jittered the same way) until the call has waited ``rate_limit_wait`` seconds.
    """

    max_attempts: int = 5
    max_retry_time: float = 60.0
    backoff_base: float = 1.0
    backoff_max: float = 15.0
    rate_limit_wait: float = RATE_LIMIT_WAIT


@dataclasses.dataclass(frozen=True)
class Request:
    """One API call: ``name`` names it in messages (``rec_new``, ``GET /zones``).

    ``data`` and ``headers`` may carry the credentials, so ``repr`` leaves them out.
    """

    name: str
    method: str
    url: str
    data: dict | None = dataclasses.field(default=None, repr=False)
    json: object = None
    params: dict | None = None
    headers: dict | None = dataclasses.field(default=None, repr=False)
    repeatable: bool = True


class Fault(Exception):
    """One failed attempt that a retry might cure.

    ``reached_server`` is False only when the request provably never left this host (a
    connect timeout); ``rate_limited`` marks a refusal for the rate limit, which the server
    refused without applying, and ``retry_after`` the wait the API asked for, if it did.
    ``code`` is the API's error code, for the error a last failed attempt becomes.
    """

    def __init__(
        self,
        reason: str,
        status: int | None = None,
        reached_server: bool = True,
        rate_limited: bool = False,
        retry_after: float | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.reached_server = reached_server
        self.rate_limited = rate_limited
        self.retry_after = retry_after
        self.code = code


def body_snippet(text: str) -> str:
    """A short readable excerpt of a body: an HTML page's title, else its text."""
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
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(
            arg
            for arg in getattr(current, "args", ())
            if isinstance(arg, BaseException)
        )
        pending.extend(
            link
            for link in (getattr(current, "reason", None), current.__cause__)
            if link is not None
        )


def never_sent(exc: Exception) -> bool:
    """True when a requests ConnectionError happened while connecting, before any byte was sent."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    return any(
        isinstance(cause, (NewConnectionError, ConnectTimeoutError))
        for cause in _causes(exc)
    )


# Connection failures that no retry cures: the host name does not resolve, or nothing listens
# on the port. Each is known by the exception under the requests error or, where urllib3 only
# kept its text, by that text.
_UNRESOLVED = "the host name does not resolve; check api_url"
_REFUSED = "nothing listens on that port; check api_url"
_HOPELESS_TEXTS = (
    (
        re.compile(
            r"Name or service not known|nodename nor servname|Failed to resolve|No address associated",
            re.IGNORECASE,
        ),
        _UNRESOLVED,
    ),
    (re.compile(r"Connection refused|\[Errno 111\]", re.IGNORECASE), _REFUSED),
)


def _hopeless_connect(exc: Exception) -> str | None:
    """Why a failed connection cannot succeed on a retry, or None when a retry may cure it."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return _UNRESOLVED
        if isinstance(cause, ConnectionRefusedError):
            return _REFUSED
    return next(
        (hint for pattern, hint in _HOPELESS_TEXTS if pattern.search(str(exc))), None
    )


def _os_error_text(exc: Exception) -> str:
    """The ``[Errno N] text`` part of a wrapped OS error, else the whole message."""
    found = re.search(r"\[Errno -?\d+\][^\"')]*", str(exc))
    return found.group(0).strip() if found else str(exc)


class Scrubber:
    """Masks secrets in text, in every spelling they could show up in (as given, form- and URL-encoded)."""

    def __init__(self, secrets: dict) -> None:
        pairs = {}
        for secret, mask in secrets.items():
            if secret:
                for spelling in (secret, quote_plus(secret), quote(secret, safe="")):
                    pairs[spelling] = mask
        self._pairs = sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)

    def __call__(self, text) -> str:
        text = str(text)
        for secret, mask in self._pairs:
            text = text.replace(secret, mask)
        return text


class Transport:
    """One ``requests`` session to one API, shared by the threads of a module run.

    ``secrets`` maps each secret to its mask. ``rate_limit`` is ``(calls, seconds)`` for the
    client-side pacer, or None to disable it; with ``pacer_account`` every process on this
    machine that calls ``url`` for that account shares one pacer (see _pacer). With a
    ``lineage`` (see _lineage), no request is sent once the Ansible process that started the
    module is gone. ``sleep``, ``clock`` and ``jitter`` are injectable so tests take no real time.
    """

    def __init__(
        self,
        url: str,
        secrets: dict,
        timeout: float = 30,
        validate_certs: bool = True,
        ca_path: str | None = None,
        retry: RetryPolicy = RetryPolicy(),
        rate_limit: tuple[int, float] | None = (1200, 300),
        pacer_account: str | None = None,
        sleep=time.sleep,
        clock=time.monotonic,
        jitter=random.random,
        session=None,
        lineage=None,
    ) -> None:
        if not HAS_REQUESTS:
            raise RuntimeError("the requests library is required")
        if retry.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.url = url
        self.timeout = timeout
        self.retry = retry
        self.scrub = Scrubber(secrets)
        self._verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        if not validate_certs:
            # The module edge warns in the task result; urllib3's own warning would only reach
            # the module's stderr, which Ansible does not show.
            urllib3.disable_warnings(InsecureRequestWarning)
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter
        self._pacer = None
        if rate_limit and pacer_account:
            self._pacer = pacer_for(
                url,
                pacer_account,
                rate_limit[0],
                rate_limit[1],
                clock=clock,
                sleep=sleep,
            )
        elif rate_limit:
            self._pacer = RatePacer(
                rate_limit[0], rate_limit[1], clock=clock, sleep=sleep
            )
        self._session = session if session is not None else requests.Session()
        self._session.headers["User-Agent"] = "edgeops.cloudflare"
        self._lineage = lineage
        self._tls_port: bool | None = None
        self._lock = threading.Lock()
        self.api_calls = 0
        self.rate_limited_calls = 0
        self._refused_waits = 0
        self._refused_wait = 0.0

    def redirected(self, request: Request, response, attempt: int) -> TransportError:
        """The error of an answer that redirects: the API is not at ``url``, and no retry cures that."""
        location = self.scrub(response.headers.get("Location", "an unknown location"))
        return TransportError(
            f"{request.name}: api_url {self.url} redirects (HTTP {response.status_code}) to {location}; "
            "set api_url to the final address",
            status=response.status_code,
            action=request.name,
            attempts=attempt,
        )

    def rate_limit_waits(self) -> dict:
        """How often, and for how many seconds in all, calls waited for the rate limit (pacer and refusals)."""
        with self._lock:
            count, seconds = self._refused_waits, self._refused_wait
        if self._pacer is not None:
            count += self._pacer.waits
            seconds += self._pacer.waited
        return {"count": count, "seconds": round(seconds, 1)}

    def close(self) -> None:
        self._session.close()

    def send(self, request: Request, interpret):
        """Send ``request`` until ``interpret(response, request, attempt)`` returns, within the retry policy."""
        started = self._clock()
        attempt = refused = 0
        rate_limit_waited = 0.0
        while True:
            attempt += 1
            try:
                return interpret(self._attempt(request, attempt), request, attempt)
            except Fault as fault:
                if (
                    fault.reached_server
                    and not fault.rate_limited
                    and not request.repeatable
                ):
                    raise OutcomeUnknownError(
                        f"{request.name} was sent but no usable answer came back ({fault.reason}); it may or may "
                        "not have been applied, so it was not repeated: re-read the state before trying again",
                        reason=fault.reason,
                        status=fault.status,
                        action=request.name,
                        attempts=attempt,
                    ) from None
                if fault.rate_limited:
                    refused += 1
                    delay = self._rate_limited(
                        request, attempt, fault, refused, rate_limit_waited
                    )
                    rate_limit_waited += delay
                else:
                    delay = self._backoff(
                        request, attempt - refused, attempt, fault, started
                    )
                self._sleep(delay)

    def _rate_limited(
        self, request: Request, attempt: int, fault: Fault, refused: int, waited: float
    ) -> float:
        """The wait before a call refused for the rate limit is sent again; every call of the account holds as long.

        The account's window must slide before a call can pass, and every refused call counts
        against it: wait longer each time, up to the length of the window. ``waited`` is what
        the call has waited for the limit so far; the waits of one call add up to at most
        ``rate_limit_wait``, so one ``Retry-After`` of a whole block (300 s on v4) is waited out.
        """
        delay = (
            fault.retry_after
            if fault.retry_after is not None
            else self._jittered(
                min(RATE_LIMIT_DELAY_MAX, RATE_LIMIT_DELAY_BASE * 2 ** (refused - 1))
            )
        )
        with self._lock:
            self.rate_limited_calls += 1
        budget = self.retry.rate_limit_wait
        if waited + delay > budget:
            reason = (
                f"still rate limited after {waited:g} s"
                if waited
                else f"the API asked for a wait of {delay:g} s, more than the {budget:g} s a call may wait"
            )
            raise self._exhausted(request, attempt, fault, reason)
        if self._pacer is not None:
            self._pacer.hold(delay)
        with self._lock:
            self._refused_waits += 1
            self._refused_wait += delay
        return delay

    def _backoff(
        self, request: Request, tries: int, attempt: int, fault: Fault, started: float
    ) -> float:
        if tries >= self.retry.max_attempts:
            raise self._exhausted(request, attempt, fault, "attempt limit reached")
        delay = self._jittered(
            min(self.retry.backoff_max, self.retry.backoff_base * 2 ** (tries - 1))
        )
        if self._clock() - started + delay > self.retry.max_retry_time:
            raise self._exhausted(
                request,
                attempt,
                fault,
                f"retry time limit of {self.retry.max_retry_time:g} s reached",
            )
        return delay

    def _jittered(self, delay: float) -> float:
        return delay / 2 + self._jitter() * delay / 2

    @staticmethod
    def _exhausted(
        request: Request, attempts: int, fault: Fault, limit: str
    ) -> TransportError | RateLimitError:
        msg = f"{request.name} failed after {plural(attempts, 'attempt')} ({limit}); last error: {fault.reason}"
        if fault.rate_limited:
            return RateLimitError(
                msg, action=request.name, err_code=fault.code, attempts=attempts
            )
        return TransportError(
            msg, status=fault.status, action=request.name, attempts=attempts
        )

    def _attempt(self, request: Request, attempt: int):
        if self._pacer is not None:
            self._pacer.acquire()
        gone = self._lineage.gone() if self._lineage is not None else None
        if gone:
            raise AbandonedError(
                f"{request.name} was not sent: {gone}, so nobody waits for this task any more",
                action=request.name,
                attempts=attempt - 1,
            )
        with self._lock:
            self.api_calls += 1
        return self._request(request, attempt)

    def _request(self, request: Request, attempt: int):
        name = request.name
        try:
            return self._session.request(
                request.method,
                request.url,
                data=request.data,
                json=request.json,
                params=request.params,
                headers=request.headers,
                timeout=self.timeout,
                verify=self._verify,
                allow_redirects=False,
            )
        except requests.exceptions.SSLError as exc:
            raise TransportError(
                f"{name}: TLS error talking to {self.url}: {self.scrub(exc)} "
                "(check validate_certs and ca_path)",
                action=name,
                attempts=attempt,
            ) from None
        except requests.exceptions.Timeout as exc:
            raise Fault(
                f"timed out after {self.timeout:g} s: {self.scrub(exc)}",
                reached_server=not never_sent(exc),
            ) from None
        except requests.exceptions.ConnectionError as exc:
            if never_sent(exc):
                problem = (
                    f"cannot connect to {self.url}: {self.scrub(_os_error_text(exc))}"
                )
                hopeless = _hopeless_connect(exc)
                if hopeless:
                    raise TransportError(
                        f"{name}: {problem} ({hopeless})", action=name, attempts=attempt
                    ) from None
                raise Fault(problem, reached_server=False) from None
            if self._speaks_tls():
                raise TransportError(
                    f"{name}: api_url {self.url} starts with http://, but the server closed the "
                    "connection without an answer and speaks TLS on that port: it expects HTTPS, "
                    "so use an https:// URL",
                    action=name,
                    attempts=attempt,
                ) from None
            raise Fault(f"connection lost: {self.scrub(exc)}") from None
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as exc:
            raise Fault(f"broken answer: {self.scrub(exc)}") from None
        except requests.exceptions.RequestException as exc:
            raise TransportError(
                f"{name}: cannot send the request to {self.url}: {self.scrub(exc)}",
                action=name,
                attempts=attempt,
            ) from None
        except OSError as exc:
            # requests raises a bare OSError (not a RequestException) when the ca_path bundle does not exist.
            problem = (
                f"cannot use the CA bundle {self._verify}"
                if isinstance(self._verify, str)
                else f"cannot send the request to {self.url}"
            )
            raise TransportError(
                f"{name}: {problem}: {self.scrub(exc)} (check ca_path)",
                action=name,
                attempts=attempt,
            ) from None

    def _speaks_tls(self) -> bool:
        """Whether an ``http://`` url points at a port that answers a TLS handshake (asked once per transport).

        A TLS server that gets plain HTTP often closes the connection without a word, which
        looks like a dropped connection; no retry cures it.
        """
        if self._tls_port is None:
            self._tls_port = False
            url = urlsplit(self.url)
            if url.scheme == "http" and url.hostname:
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
                try:
                    with (
                        socket.create_connection(
                            (url.hostname, url.port or 80), timeout=min(self.timeout, 5)
                        ) as raw,
                        context.wrap_socket(raw, server_hostname=url.hostname),
                    ):
                        self._tls_port = True
                except (OSError, ValueError):
                    pass
        return self._tls_port
