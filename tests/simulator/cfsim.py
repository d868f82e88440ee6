# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CloudFlare API simulator, v1 and v4 in one process: the HTTP server, faults, limits and control.

Run `python3 tests/simulator/cfsim.py --port 0`; it prints the v1 endpoint URL on one line when
ready; API v4 is served below /client/v4 on the same port, on the same state. See README.md
beside this file for the flags, control endpoints and seed format.
"""

from __future__ import annotations

import argparse
import collections
import email.parser
import email.policy
import http.server
import json
import math
import os
import random
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import v4api  # noqa: E402  pylint: disable=wrong-import-position
from v1state import (  # noqa: E402  pylint: disable=wrong-import-position
    CALLBACK_RE,
    DEFAULT_SEED,
    ECHO_ACTIONS,
    WRITE_ACTIONS,
    Simulator,
    V1Error,
    rate_limited,
)
from v4core import (  # noqa: E402  pylint: disable=wrong-import-position
    Request,
    V4Error,
    failure,
    rate_identity,
)

API_PATH = "/api_json.html"
MAX_BODY_BYTES = 1024 * 1024
# v4 and control bodies: a batch of 3,500 records with long TXT values, or a seed of a
# 50,000-record zone, takes several MiB.
LARGE_BODY_BYTES = 32 * 1024 * 1024
FAULT_KINDS = ("drop", "http_5xx", "maxapi", "applied_drop")
FAULT_RATE_KNOBS = {
    "drop_rate": "drop",
    "fail_rate": "http_5xx",
    "maxapi_rate": "maxapi",
    "applied_drop_rate": "applied_drop",
}
STATE_FLUSH_SECONDS = 0.2
CONNECTION_TIMEOUT_SECONDS = 60


class Clock:
    """Wall clock plus an offset that tests move through POST /_sim/clock; frozen, it stands
    still (at the moment it was frozen, plus the offset) so that tests can do exact arithmetic.
    """

    def __init__(self):
        self.offset = 0.0
        self.frozen_at = None

    def __call__(self):
        return (time.time() if self.frozen_at is None else self.frozen_at) + self.offset

    def freeze(self, frozen):
        self.frozen_at = time.time() if frozen else None


class BadRequest(Exception):
    """A request we cannot parse; answered as a v1 E_INVLDINPUT error."""


class Faults:
    """Injected latency, faults and the rate limit; all knobs settable at run time."""

    def __init__(self, knobs):
        self.initial = dict(knobs)
        self.configure(knobs, reset=True)

    def configure(self, knobs, reset=False):
        if reset:
            self.latency_ms = 0.0
            self.rates = dict.fromkeys(FAULT_KINDS, 0.0)
            self.actions = None
            self.max_faults = None
            self.injected = 0
            self.rng = random.Random(0)
            self.rate_calls, self.rate_seconds = 1200, 300.0
            self.rate_block = None
            self.v4_per_page_cap = None
        for knob, value in knobs.items():
            if knob == "latency_ms":
                self.latency_ms = float(value)
            elif knob in FAULT_RATE_KNOBS:
                rate = float(value)
                if not 0 <= rate <= 1:
                    raise ValueError(f"{knob} must be between 0 and 1")
                self.rates[FAULT_RATE_KNOBS[knob]] = rate
            elif knob == "fault_seed":
                self.rng = random.Random(int(value))
            elif knob == "fault_actions":
                self.actions = (
                    None
                    if not value
                    else set(value.split(",") if isinstance(value, str) else value)
                )
            elif knob == "max_faults":
                self.max_faults = None if value is None else int(value)
                self.injected = 0
            elif knob == "rate_limit":
                calls, seconds = str(value).split("/")
                self.rate_calls, self.rate_seconds = int(calls), float(seconds)
            elif knob == "rate_block":
                self.rate_block = None if value is None else float(value)
            elif knob == "v4_per_page_cap":
                self.v4_per_page_cap = None if value is None else int(value)
                if self.v4_per_page_cap is not None and self.v4_per_page_cap < 1:
                    raise ValueError("v4_per_page_cap must be at least 1")
            else:
                raise ValueError(f"unknown fault knob {knob!r}")

    def describe(self):
        knobs = {knob: self.rates[kind] for knob, kind in FAULT_RATE_KNOBS.items()}
        knobs.update(
            latency_ms=self.latency_ms,
            fault_actions=sorted(self.actions) if self.actions else None,
            max_faults=self.max_faults,
            rate_limit=f"{self.rate_calls}/{self.rate_seconds:g}",
            rate_block=self.block_seconds(),
            v4_per_page_cap=self.v4_per_page_cap,
        )
        return knobs

    def block_seconds(self):
        """How long a v4 call over the limit blocks its user: the window's length unless set."""
        return self.rate_seconds if self.rate_block is None else self.rate_block

    def draw(self, action, write=None):
        """The fault to inject into this call, or None. One draw per call keeps runs reproducible.

        `action` is a v1 action or a v4 endpoint ("POST /zones/{zone_id}/dns_records"); `write`
        says whether the call changes state (default: the v1 action is a write action).
        """
        if write is None:
            write = action in WRITE_ACTIONS
        if self.actions is not None and action not in self.actions:
            return None
        if self.max_faults is not None and self.injected >= self.max_faults:
            return None
        roll = self.rng.random()
        threshold = 0.0
        for kind in FAULT_KINDS:
            if kind == "applied_drop" and not write:
                continue
            threshold += self.rates[kind]
            if roll < threshold:
                self.injected += 1
                return kind
        return None


class Server:
    """Everything one simulator process holds: state, counters, faults, rate windows."""

    def __init__(self, seed, state_path, fault_knobs):
        self.lock = threading.Lock()
        self.clock = Clock()
        self.seed = seed if seed is not None else DEFAULT_SEED
        self.state_path = state_path
        self.faults = Faults(fault_knobs)
        initial = self.seed
        if state_path and os.path.exists(state_path):
            with open(state_path, encoding="utf-8") as handle:
                initial = json.load(handle)
        self.sim = Simulator(initial, clock=self.clock)
        self.reset_counters()
        self.dirty = threading.Event()

    def reset_counters(self):
        self.calls = collections.Counter()
        self.v4_calls = collections.Counter()
        self.fault_counts = dict.fromkeys(FAULT_KINDS, 0)
        self.rate_limited = 0
        self.windows = collections.defaultdict(collections.deque)
        self.blocked_until = {}

    def stats(self):
        """Counters since the last reset; `v4_calls` (per endpoint) appears once a v4 call came,
        so the answer after v1-only traffic keeps its v1 shape."""
        with self.lock:
            answer = {
                "total": sum(self.calls.values()) + sum(self.v4_calls.values()),
                "calls": dict(self.calls),
                "faults": dict(self.fault_counts),
                "rate_limited": self.rate_limited,
            }
            if self.v4_calls:
                answer["v4_calls"] = dict(self.v4_calls)
            return answer

    def reset(self, seed=None):
        with self.lock:
            self.clock.offset = 0.0
            self.clock.freeze(False)
            self.sim.load(seed if seed is not None else self.seed)
            self.faults.configure(self.faults.initial, reset=True)
            self.reset_counters()
        self.dirty.set()

    def admit(self, action, params):
        """Count the call, apply the rate limit and draw a fault (one lock hold)."""
        with self.lock:
            self.calls[action or "<none>"] += 1
            # Appendix B 13: every call counts against the account's window, failed ones too.
            who = (params.get("email") or params.get("u") or "").lower()
            if self.over_limit(who, self.clock(), block=False):
                return "rate_limited"
            return self.draw_fault(action, None)

    def admit_v4(self, endpoint, headers):
        """The v4 admit: the same window per user (notes 2: cumulative across key and token);
        going over it blocks the user for `rate_block` seconds. Returns the fault (or
        'rate_limited') and the rate-limit figures of the answer's headers."""
        with self.lock:
            self.v4_calls[endpoint] += 1
            now = self.clock()
            who = rate_identity(self.sim, headers)
            fault = "rate_limited" if self.over_limit(who, now, block=True) else None
            window = self.windows[who]
            limits = {
                "remaining": max(0, self.faults.rate_calls - len(window)),
                "reset": (
                    math.ceil(window[0] + self.faults.rate_seconds - now)
                    if window
                    else 0
                ),
                "calls": self.faults.rate_calls,
                "seconds": self.faults.rate_seconds,
                "retry_after": max(
                    1, math.ceil(self.blocked_until.get(who, now) - now)
                ),
            }
            if fault is None:
                fault = self.draw_fault(
                    endpoint, endpoint.split(" ", 1)[0] in v4api.WRITE_METHODS
                )
            if fault == "maxapi":
                limits["retry_after"] = max(1, limits["reset"])
            return fault, limits

    def over_limit(self, who, now, block):
        """Whether the call is refused by the rate limit; `block` (v4 calls) starts a block when a
        call goes over the window. [unconfirmed] notes 2: a blocked user's calls, v1 ones too, are
        refused and not counted in the window."""
        if now < self.blocked_until.get(who, now):
            self.rate_limited += 1
            return True
        window = self.windows[who]
        while window and window[0] <= now - self.faults.rate_seconds:
            window.popleft()
        window.append(now)
        if len(window) <= self.faults.rate_calls:
            return False
        if block:
            self.blocked_until[who] = now + self.faults.block_seconds()
        self.rate_limited += 1
        return True

    def draw_fault(self, action, write):
        fault = self.faults.draw(action, write)
        if fault:
            self.fault_counts[fault] += 1
        return fault

    def execute_v4(self, request):
        with self.lock:
            answer = v4api.dispatch(self.sim, request)
            if request.method in v4api.WRITE_METHODS and answer.status < 400:
                self.dirty.set()
        return answer

    def execute(self, action, params):
        with self.lock:
            try:
                answer = self.sim.handle(action, params)
            except V1Error as error:
                answer = error_answer(error, action, params)
            if action in WRITE_ACTIONS and answer["result"] == "success":
                self.dirty.set()
        if action in ECHO_ACTIONS and answer["result"] == "success":
            answer["request"] = echo(action, params)
        return answer

    def write_state(self):
        """Write the state file atomically: a kill leaves the old file or the new one, never half."""
        if not self.state_path:
            return
        with self.lock:
            text = json.dumps(self.sim.dump(), indent=1, sort_keys=True)
        directory = os.path.dirname(os.path.abspath(self.state_path))
        handle, temp_path = tempfile.mkstemp(prefix=".cfsim-state-", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_path, self.state_path)

    def persist_forever(self):
        while True:
            self.dirty.wait()
            time.sleep(STATE_FLUSH_SECONDS)
            self.dirty.clear()
            self.write_state()


def echo(action, params):
    # spec 1.3: the echo holds every parameter as sent, tkn and email included.
    return dict(params, act=action)


def error_answer(error, action, params):
    answer = {"result": "error", "msg": error.msg}
    if error.err_code:
        answer["err_code"] = error.err_code
    if error.echo == "act":
        answer["request"] = {"act": action}
    elif error.echo == "full" and action in ECHO_ACTIONS:
        answer["request"] = echo(action, params)
    return answer


def parse_form(body, content_type):
    """Decode an urlencoded or multipart body into a flat dict (the last value of a name wins)."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        if not message.is_multipart():
            raise BadRequest("malformed multipart body")
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name:
                fields[name] = (part.get_payload(decode=True) or b"").decode("utf-8")
        return fields
    if media_type in ("", "application/x-www-form-urlencoded"):
        return parse_query(body.decode("ascii"))
    # Like PHP, an unknown body type contributes no parameters.
    return {}


def parse_query(text):
    return dict(
        urllib.parse.parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict"
        )
    )


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, delayed ACKs cap keep-alive at ~25 calls/s.
    disable_nagle_algorithm = True
    timeout = CONNECTION_TIMEOUT_SECONDS
    server_version = "cfsim/1.0"
    sim_server: Server = None  # set by make_http_server

    def setup(self):
        # TLS handshakes happen here, in the connection's own thread: done on accept, one
        # silent client would stall the whole server.
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(CONNECTION_TIMEOUT_SECONDS)
            self.request.do_handshake()
        super().setup()

    def log_message(self, _format, *args):
        """Quiet: the simulator serves thousands of calls per test run."""

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.v4_only()

    def do_PATCH(self):
        self.v4_only()

    def do_DELETE(self):
        self.v4_only()

    def v4_only(self):
        """PUT, PATCH and DELETE exist on v4 only; elsewhere they stay unsupported, as before v4."""
        if is_v4_path(self.path.partition("?")[0]):
            self.route()
        else:
            self.send_error(501, f"Unsupported method ({self.command!r})")

    def route(self):
        try:
            path, dummy, query = self.path.partition("?")
            if path.startswith("/_sim/"):
                self.control(path[len("/_sim/") :])
            elif path == API_PATH:
                self.api(query)
            elif is_v4_path(path):
                self.v4(path[len(v4api.PREFIX) :], query)
            else:
                self.send_json(
                    {"result": "error", "msg": f"Not found: {path}"}, status=404
                )
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:  # pylint: disable=broad-except
            # Never a traceback on the wire; the log keeps it for whoever debugs the simulator.
            traceback.print_exc()
            self.send_json(
                {
                    "result": "error",
                    "msg": "Internal simulator error",
                    "err_code": "E_INVLDINPUT",
                }
            )

    def read_body(self, limit=MAX_BODY_BYTES):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks, size = [], 0
            while True:
                length = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if length == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                size += length
                if size > limit:
                    raise BadRequest(f"body larger than {limit} bytes")
                chunks.append(self.rfile.read(length))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            raise BadRequest(f"body larger than {limit} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def api(self, query):
        server = self.sim_server
        try:
            params = parse_query(query)
            if self.command == "POST":
                params.update(
                    parse_form(self.read_body(), self.headers.get("Content-Type", ""))
                )
        except (BadRequest, UnicodeError, ValueError) as error:
            # The body may be unread: close the connection rather than parse leftovers.
            self.close_connection = True
            server.admit("<malformed>", {})
            self.send_v1(
                V1Error(
                    f"Invalid input for request: {error}", "E_INVLDINPUT", echo="none"
                ),
                "",
                {},
            )
            return
        action = params.get("a", "")
        fault = server.admit(action, params)
        if server.faults.latency_ms:
            time.sleep(server.faults.latency_ms / 1000.0)
        if fault == "rate_limited" or fault == "maxapi":
            self.send_v1(rate_limited(), action, params)
        elif fault == "drop":
            self.drop()
        elif fault == "http_5xx":
            self.send_5xx(server)
        elif not action:
            self.send_v1(
                V1Error("Invalid input for a: missing", "E_INVLDINPUT", echo="none"),
                action,
                params,
            )
        else:
            answer = server.execute(action, params)
            if fault == "applied_drop":
                self.drop()
            else:
                self.send_json(answer, callback=params.get("callback"))

    def v4(self, path, query):
        """One v4 call: count it per endpoint, rate limit and faults as for v1, then answer."""
        server = self.sim_server
        endpoint = v4api.endpoint(self.command, path)
        try:
            body = self.read_body(LARGE_BODY_BYTES)
        except (BadRequest, ValueError) as error:
            # Counted like any call; the body may be unread, so the connection closes.
            server.admit_v4(endpoint, self.headers)
            self.close_connection = True
            status = 413 if isinstance(error, BadRequest) else 400
            self.send_v4(
                failure(
                    V4Error(status, 1004, f"Request body could not be read: {error}")
                )
            )
            return
        fault, limits = server.admit_v4(endpoint, self.headers)
        if server.faults.latency_ms:
            time.sleep(server.faults.latency_ms / 1000.0)
        if fault in ("rate_limited", "maxapi"):
            # [unconfirmed] notes 2 are unsure which code goes with which text; 971 is sent.
            error = V4Error(
                429, 971, "Please wait and consider throttling your request speed"
            )
            self.send_v4(failure(error), limits, retry_after=limits["retry_after"])
        elif fault == "drop":
            self.drop()
        elif fault == "http_5xx":
            self.send_5xx(server)
        else:
            request = Request(
                self.command,
                path,
                query,
                self.headers,
                body,
                server.faults.v4_per_page_cap,
            )
            try:
                answer = server.execute_v4(request)
            except Exception:  # pylint: disable=broad-except
                traceback.print_exc()
                answer = failure(V4Error(500, 1000, "Internal simulator error"))
            if fault == "applied_drop":
                self.drop()
            else:
                self.send_v4(answer, limits)

    def send_v4(self, answer, limits=None, retry_after=None):
        """A v4 answer with the rate-limit headers (notes 2: always; Retry-After on 429 only).
        [unconfirmed] notes 2 give the headers' form by example: one policy, "default", whose
        r is the calls left in the window and t the seconds until its oldest call leaves it.
        """
        headers = []
        if limits is not None:
            headers += [
                ("Ratelimit", f'"default";r={limits["remaining"]};t={limits["reset"]}'),
                (
                    "Ratelimit-Policy",
                    f'"default";q={limits["calls"]};w={int(limits["seconds"])}',
                ),
            ]
        if retry_after is not None:
            headers.append(("Retry-After", str(retry_after)))
        body = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
        self.send_bytes(
            body.encode("utf-8"), answer.content_type, answer.status, headers
        )

    def send_5xx(self, server):
        status = (500, 502, 503)[server.fault_counts["http_5xx"] % 3]
        body = f"<html><head><title>{status}</title></head><body><h1>{status} Server Error</h1></body></html>".encode()
        self.send_bytes(body, "text/html", status)

    def send_v1(self, error, action, params):
        self.send_json(
            error_answer(error, action, params), callback=params.get("callback")
        )

    def drop(self):
        """Close the connection with no answer at all."""
        self.close_connection = True
        self.wfile.flush()
        self.connection.close()

    def control(self, name):
        server = self.sim_server
        body = self.read_body(LARGE_BODY_BYTES) if self.command == "POST" else b""
        try:
            data = json.loads(body) if body.strip() else {}
        except ValueError:
            self.send_json(
                {"result": "error", "msg": "control body must be JSON"}, status=400
            )
            return
        if name == "stats":
            self.send_json(server.stats())
        elif name == "state":
            with server.lock:
                self.send_json(server.sim.dump())
        elif name == "reset" and self.command == "POST":
            server.reset(data or None)
            self.send_json({"result": "success"})
        elif name == "faults":
            if self.command == "POST":
                try:
                    with server.lock:
                        server.faults.configure(data)
                except (ValueError, TypeError) as error:
                    self.send_json({"result": "error", "msg": str(error)}, status=400)
                    return
            with server.lock:
                self.send_json(server.faults.describe())
        elif name == "clock" and self.command == "POST":
            with server.lock:
                if "freeze" in data:
                    server.clock.freeze(bool(data["freeze"]))
                if "offset" in data:
                    server.clock.offset = float(data["offset"])
                server.clock.offset += float(data.get("advance", 0))
                self.send_json(
                    {"now": int(server.clock()), "offset": server.clock.offset}
                )
        elif name == "shutdown" and self.command == "POST":
            self.send_json({"result": "success"})
            threading.Thread(target=shutdown, args=(self.server,), daemon=True).start()
        else:
            self.send_json(
                {
                    "result": "error",
                    "msg": f"unknown control call {self.command} {name}",
                },
                status=404,
            )

    def send_json(self, data, status=200, callback=None):
        text = json.dumps(data)
        if callback is not None:
            if not CALLBACK_RE.match(callback):
                data = error_answer(
                    V1Error(
                        "Invalid input for callback: not a function name",
                        "E_INVLDINPUT",
                        echo="none",
                    ),
                    "",
                    {},
                )
                text = json.dumps(data)
            else:
                # Appendix B 2: NAME(<json>) as text/javascript.
                self.send_bytes(
                    f"{callback}({text})".encode(), "text/javascript", status
                )
                return
        self.send_bytes(text.encode(), "application/json", status)

    def send_bytes(self, body, content_type, status, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


class HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A client that hangs up or fails its TLS handshake is routine; anything else is a bug.
        if not isinstance(
            sys.exc_info()[1], (ConnectionError, TimeoutError, ssl.SSLError)
        ):
            super().handle_error(request, client_address)


def shutdown(httpd):
    httpd.shutdown()


def is_v4_path(path):
    return path == v4api.PREFIX or path.startswith(v4api.PREFIX + "/")


def load_seed(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if path.endswith(".json"):
        return json.loads(text)
    try:
        import yaml  # pylint: disable=import-outside-toplevel
    except ImportError:
        sys.exit(f"cfsim: --seed {path} is YAML; install PyYAML or give a .json file")
    return yaml.safe_load(text)


def make_certificate(cert_dir):
    """A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command."""
    cert = os.path.join(cert_dir, "cert.pem")
    key = os.path.join(cert_dir, "key.pem")
    if not (os.path.exists(cert) and os.path.exists(key)):
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "3650",
                "-subj",
                "/CN=cfsim",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key,
                "-out",
                cert,
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


def make_http_server(server, host, port, tls_dir=None):
    handler = type("BoundHandler", (Handler,), {"sim_server": server})
    httpd = HTTPServer((host, port), handler)
    if tls_dir is not None:
        cert, key = make_certificate(tls_dir)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        httpd.socket = context.wrap_socket(
            httpd.socket, server_side=True, do_handshake_on_connect=False
        )
    return httpd


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="CloudFlare API simulator: v1 (api_json.html) and v4 (/client/v4)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--seed", help="initial state, JSON or YAML")
    parser.add_argument("--state", help="persist state in this JSON file")
    parser.add_argument(
        "--tls", action="store_true", help="serve HTTPS with a self-signed certificate"
    )
    parser.add_argument("--cert-dir", help="where --tls keeps cert.pem and key.pem")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument(
        "--rate-limit", default="1200/300", help="CALLS/SECONDS per account"
    )
    parser.add_argument(
        "--rate-block",
        type=float,
        default=None,
        help="seconds a v4 call over the limit blocks its user (default: the window)",
    )
    parser.add_argument(
        "--v4-per-page-cap",
        type=int,
        default=None,
        help="most records a v4 dns_records page holds (default: the per_page asked, up to 5,000,000)",
    )
    parser.add_argument(
        "--fail-rate",
        type=float,
        default=0.0,
        help="share of calls answered with HTTP 5xx",
    )
    parser.add_argument(
        "--drop-rate",
        type=float,
        default=0.0,
        help="share of calls dropped with no answer",
    )
    parser.add_argument(
        "--maxapi-rate",
        type=float,
        default=0.0,
        help="share of calls answered E_MAXAPI",
    )
    parser.add_argument(
        "--applied-drop-rate",
        type=float,
        default=0.0,
        help="share of write calls applied, then dropped with no answer",
    )
    parser.add_argument("--fault-seed", type=int, default=0)
    parser.add_argument(
        "--fault-actions", default="", help="comma-separated actions faults apply to"
    )
    parser.add_argument("--max-faults", type=int, default=None)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    knobs = {
        "latency_ms": args.latency_ms,
        "rate_limit": args.rate_limit,
        "fail_rate": args.fail_rate,
        "drop_rate": args.drop_rate,
        "maxapi_rate": args.maxapi_rate,
        "applied_drop_rate": args.applied_drop_rate,
        "fault_seed": args.fault_seed,
        "fault_actions": args.fault_actions,
        "max_faults": args.max_faults,
        "rate_block": args.rate_block,
        "v4_per_page_cap": args.v4_per_page_cap,
    }
    seed = load_seed(args.seed) if args.seed else None
    try:
        server = Server(seed, args.state, knobs)
    except ValueError as error:
        sys.exit(f"cfsim: {error}")
    tls_dir = None
    if args.tls:
        tls_dir = args.cert_dir or tempfile.mkdtemp(prefix="cfsim-tls-")
        os.makedirs(tls_dir, exist_ok=True)
    httpd = make_http_server(server, args.host, args.port, tls_dir)
    signal.signal(
        signal.SIGTERM,
        lambda *dummy: threading.Thread(
            target=shutdown, args=(httpd,), daemon=True
        ).start(),
    )
    if args.state:
        threading.Thread(target=server.persist_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    if tls_dir is not None:
        print(
            f"cfsim: TLS certificate {os.path.join(tls_dir, 'cert.pem')}",
            file=sys.stderr,
            flush=True,
        )
    scheme = "https" if args.tls else "http"
    base = f"{scheme}://{host}:{port}"
    print(f"cfsim: API v4 at {base}{v4api.PREFIX}", file=sys.stderr, flush=True)
    print(base + API_PATH, flush=True)
    try:
        httpd.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.write_state()
        httpd.server_close()


if __name__ == "__main__":
    main()
