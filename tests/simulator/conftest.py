# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the simulator tests: real cfsim.py processes spoken to over loopback HTTP."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import weakref
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import settings as hypothesis_settings

CFSIM = Path(__file__).resolve().parent / "cfsim.py"

EMAIL = "sample@example.com"
KEY = "8afbe6dea02407989af4dd4c97bb6e25"
ZONE = "example.com"
ZONE_ID = 42
RECORD_ID = "9001"

START_TIMEOUT = 30
HTTP_TIMEOUT = 15

# The property tests must not leave a .hypothesis folder in the collection: no example
# database, and Hypothesis' own caches go to the temporary directory.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    os.path.join(tempfile.gettempdir(), "cfsim-hypothesis"),
)
hypothesis_settings.register_profile("cfsim", database=None)
hypothesis_settings.load_profile("cfsim")

# API v4 (README, default seed): tokens of the documentation's account, and its zones' v4 ids.
V4_PREFIX = "/client/v4"
TOKEN = "cfsim-all-permissions-all-zones-00000001"
TOKEN_DNS_READ_COM = "cfsim-dns-read-example-com-0000000000002"
TOKEN_DNS_EDIT_ORG = "cfsim-dns-edit-example-org-0000000000003"
TOKEN_DISABLED = "cfsim-disabled-token-0000000000000000004"
TOKEN_EXPIRED = "cfsim-expired-token-00000000000000000005"
TOKEN_OTHER = "cfsim-other-account-all-zones-0000000006"
V4_ID_RE = re.compile(r"[0-9a-f]{32}")


def zone_v4_id(zone_id: int) -> str:
    """The v4 id of a zone: derived from its v1 id (README)."""
    return hashlib.md5(f"cfsim-zone:{zone_id}".encode()).hexdigest()


def record_v4_id(record_id: str) -> str:
    """The v4 id of a record: derived from its v1 id (README)."""
    return hashlib.md5(f"cfsim-record:{record_id}".encode()).hexdigest()


ZONE_V4 = zone_v4_id(ZONE_ID)

ALL_ACTIONS = (
    "stats",
    "zone_load_multi",
    "rec_load_all",
    "zone_check",
    "zone_ips",
    "ip_lkup",
    "zone_settings",
    "sec_lvl",
    "cache_lvl",
    "devmode",
    "fpurge_ts",
    "zone_file_purge",
    "zone_grab",
    "wl",
    "ban",
    "nul",
    "ipv46",
    "async",
    "minify",
    "mirage2",
    "rec_new",
    "rec_edit",
    "rec_delete",
)


class Sim:
    """One running simulator process and small helpers to talk to it."""

    def __init__(self, args: list[str]) -> None:
        # The process writes its stderr to a file of its own, which stderr_text() reads. stop() removes
        # the file; so does the end of this object if it never gets that far (a start that failed).
        stderr_fd, self._stderr_path = tempfile.mkstemp(prefix="cfsim-stderr-")
        self._remove_stderr = weakref.finalize(self, os.unlink, self._stderr_path)
        with os.fdopen(stderr_fd, "wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, str(CFSIM), "--port", "0", *args],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._drain, args=(lines,), daemon=True).start()
        try:
            first = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            self.kill()
            raise RuntimeError(
                "simulator printed no ready line: " + self.stderr_text()
            ) from None
        if not first:
            self.proc.wait(timeout=5)
            raise RuntimeError(
                "simulator exited before it was ready: " + self.stderr_text()
            )
        self.url = first.strip()
        match = re.fullmatch(r"(https?://127\.0\.0\.1:\d+)/api_json\.html", self.url)
        if match is None:
            self.kill()
            raise RuntimeError(f"unexpected ready line {first!r}")
        self.base = match.group(1)
        self.verify: bool | str = True

    def _drain(self, lines: queue.Queue[str]) -> None:
        assert self.proc.stdout is not None
        lines.put(self.proc.stdout.readline())
        for dummy in self.proc.stdout:
            continue

    def stderr_text(self) -> str:
        with open(self._stderr_path, "rb") as stderr:
            return stderr.read().decode("utf-8", "replace")[-4000:]

    # --- v1 calls -------------------------------------------------------------------------

    def raw(
        self,
        params: dict[str, Any] | None = None,
        *,
        method: str = "POST",
        **kwargs: Any,
    ) -> requests.Response:
        """Send a v1 request as given, without credentials being added."""
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        kwargs.setdefault("verify", self.verify)
        if method == "GET":
            return requests.get(self.url, params=params, **kwargs)
        if params is not None:
            kwargs["data"] = params
        return requests.request(method, self.url, **kwargs)

    def call(
        self,
        action: str | None,
        params: dict[str, Any] | None = None,
        *,
        email: str | None = EMAIL,
        key: str | None = KEY,
        method: str = "POST",
    ) -> dict:
        """Send a v1 call with credentials and return the decoded JSON answer.

        Asserts the transport contract shared by every answer: HTTP 200, JSON content type.
        """
        form: dict[str, Any] = {}
        if action is not None:
            form["a"] = action
        if key is not None:
            form["tkn"] = key
        if email is not None:
            form["email"] = email
        form.update(params or {})
        response = self.raw(form, method=method)
        return decode_v1(response)

    # --- control endpoints ----------------------------------------------------------------

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = requests.request(
            method,
            self.base + path,
            json=body,
            timeout=HTTP_TIMEOUT,
            verify=self.verify,
        )
        assert response.status_code == 200, (path, response.status_code, response.text)
        return response.json()

    def reset(self, seed: dict | None = None) -> None:
        if seed is None:
            response = requests.post(
                self.base + "/_sim/reset", timeout=HTTP_TIMEOUT, verify=self.verify
            )
        else:
            response = requests.post(
                self.base + "/_sim/reset",
                json=seed,
                timeout=HTTP_TIMEOUT,
                verify=self.verify,
            )
        assert response.status_code == 200, response.text

    def state(self) -> dict:
        return self.control("GET", "/_sim/state")

    def stats(self) -> dict:
        return self.control("GET", "/_sim/stats")

    def faults(self, **knobs: Any) -> dict:
        return self.control("POST", "/_sim/faults", knobs)

    def advance_clock(self, seconds: int) -> None:
        self.control("POST", "/_sim/clock", {"advance": seconds})

    def shutdown(self) -> int:
        """Ask the simulator to stop and return its exit status."""
        try:
            requests.post(
                self.base + "/_sim/shutdown", timeout=HTTP_TIMEOUT, verify=self.verify
            )
        except requests.RequestException:
            pass
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    # --- v4 calls -------------------------------------------------------------------------

    def v4(
        self,
        method: str,
        path: str,
        *,
        token: str | None = TOKEN,
        headers: dict | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """Send a v4 request to /client/v4<path>, with the token unless token is None."""
        sent = dict(headers or {})
        if token is not None:
            sent.setdefault("Authorization", f"Bearer {token}")
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        kwargs.setdefault("verify", self.verify)
        return requests.request(
            method, self.base + V4_PREFIX + path, headers=sent, **kwargs
        )

    def v4_ok(self, method: str, path: str, **kwargs: Any) -> Any:
        """The `result` of a v4 call that must succeed (HTTP 200, the success envelope)."""
        response = self.v4(method, path, **kwargs)
        body = v4_body(response)
        assert response.status_code == 200 and body["success"] is True, (
            response.status_code,
            body,
        )
        assert body["errors"] == [], body
        return body["result"]

    def v4_error(
        self, method: str, path: str, status: int, code: int, **kwargs: Any
    ) -> dict:
        """The first error of a v4 call that must fail with this HTTP status and code."""
        response = self.v4(method, path, **kwargs)
        body = v4_body(response)
        assert response.status_code == status, (response.status_code, body)
        assert body["success"] is False and body["result"] is None, body
        assert body["errors"] and body["errors"][0]["code"] == code, body
        assert all(
            isinstance(error["message"], str) and error["message"]
            for error in body["errors"]
        ), body
        return body["errors"][0]

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.shutdown()
            finally:
                self.kill()
        self._remove_stderr()


def v4_body(response: requests.Response) -> dict:
    """A v4 JSON answer: the envelope's four keys, the JSON content type, the rate-limit headers."""
    assert (
        response.headers.get("Content-Type", "").split(";")[0] == "application/json"
    ), response.headers
    assert (
        "Ratelimit" in response.headers and "Ratelimit-Policy" in response.headers
    ), response.headers
    body = response.json()
    assert {"success", "errors", "messages", "result"} <= set(body), body
    return body


def decode_v1(response: requests.Response) -> dict:
    """Decode a v1 answer, asserting HTTP 200 and a JSON content type."""
    assert response.status_code == 200, (response.status_code, response.text[:500])
    content_type = response.headers.get("Content-Type", "")
    assert content_type.split(";")[0].strip() == "application/json", content_type
    assert "Traceback" not in response.text, response.text[:2000]
    body = response.json()
    assert isinstance(body, dict), body
    return body


def account_seed(
    records: list[dict], *, zone: str = ZONE, zone_id: int = ZONE_ID, **zone_extra: Any
) -> dict:
    """A seed with the documentation's account owning one zone with the given records."""
    return {
        "accounts": [
            {
                "email": EMAIL,
                "key": KEY,
                "zones": [
                    {"name": zone, "id": zone_id, "records": records, **zone_extra}
                ],
            }
        ],
    }


def v4_seed(
    records: list[dict] | None = None,
    *,
    plan: str = "free",
    zone: str = ZONE,
    zone_id: int = ZONE_ID,
    tokens: list[dict] | None = None,
    zones: list[dict] | None = None,
    **zone_extra: Any,
) -> dict:
    """A seed with the documentation's account, its all-permission token (plus `tokens`), and one
    zone of the given plan and records (or the given `zones`)."""
    seed = account_seed(
        records or [], zone=zone, zone_id=zone_id, plan=plan, **zone_extra
    )
    account = seed["accounts"][0]
    account["tokens"] = [
        {"value": TOKEN, "permissions": ALL_PERMISSIONS, "zones": "all"},
        *(tokens or []),
    ]
    if zones is not None:
        account["zones"] = zones
    return seed


ALL_PERMISSIONS = [
    "zone:read",
    "dns:read",
    "dns:edit",
    "zone_settings:read",
    "zone_settings:edit",
    "cache_purge",
    "firewall:read",
    "firewall:edit",
]


def state_records(state: dict, zone: str = ZONE) -> list[dict]:
    for account in state["accounts"]:
        for seeded_zone in account["zones"]:
            if seeded_zone["name"] == zone:
                return seeded_zone.get("records", [])
    raise AssertionError(f"zone {zone} not in state")


@pytest.fixture(scope="session")
def sim_server():
    server = Sim([])
    yield server
    server.stop()


@pytest.fixture
def sim(sim_server: Sim) -> Sim:
    """The session's simulator, reset to the default seed, counters, faults and clock."""
    sim_server.reset()
    return sim_server


@pytest.fixture
def start_sim():
    """Start extra simulator processes with their own flags; all are stopped at teardown."""
    started: list[Sim] = []

    def start(*args: str) -> Sim:
        server = Sim(list(args))
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def other_account(sim: Sim) -> dict:
    """The default seed's second account (not the documentation's one)."""
    others = [
        account for account in sim.state()["accounts"] if account["email"] != EMAIL
    ]
    assert others, "the default seed must have a second account"
    account = others[0]
    assert account["zones"], "the second account must own a zone"
    return account


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- shape checks shared by the test modules (spec 1.6, 3.1, 3.2, 4.7) --------------------

RECORD_KEYS = {
    "rec_id",
    "rec_hash",
    "zone_name",
    "name",
    "display_name",
    "type",
    "prio",
    "content",
    "display_content",
    "ttl",
    "ttl_ceil",
    "ssl_id",
    "ssl_status",
    "ssl_expires_on",
    "auto_ttl",
    "service_mode",
    "props",
}
RECORD_PROPS_KEYS = {
    "proxiable",
    "cloud_on",
    "cf_open",
    "ssl",
    "expired_ssl",
    "expiring_ssl",
    "pending_ssl",
    "vanity_lock",
}
ZONE_KEYS = {
    "zone_id",
    "user_id",
    "zone_name",
    "display_name",
    "zone_status",
    "zone_mode",
    "host_id",
    "zone_type",
    "host_pubname",
    "host_website",
    "vtxt",
    "fqdns",
    "step",
    "zone_status_class",
    "zone_status_desc",
    "ns_vanity_map",
    "orig_registrar",
    "orig_dnshost",
    "orig_ns_names",
    "props",
    "confirm_code",
    "allow",
}
ZONE_PROPS_KEYS = {
    "dns_cname",
    "dns_partner",
    "dns_anon_partner",
    "pro",
    "expired_pro",
    "pro_sub",
    "ssl",
    "expired_ssl",
    "expired_rs_pro",
    "reseller_pro",
    "force_interal",
    "ssl_needed",
    "alexa_rank",
}
ZONE_PROPS_2015_KEYS = {"plan", "plan_sub", "reseller_plans", "has_vanity"}
SETTINGS_EXAMPLE_KEYS = {
    "userSecuritySetting",
    "dev_mode",
    "ipv46",
    "ob",
    "cache_lvl",
    "outboundLinks",
    "async",
    "bic",
    "chl_ttl",
    "exp_ttl",
    "fpurge_ts",
    "hotlink",
    "img",
    "lazy",
    "minify",
    "outlink",
    "preload",
    "s404",
    "sec_lvl",
    "spdy",
    "ssl",
    "waf_profile",
    "email_filter",
    "sse",
    "geoloc",
}
SETTINGS_INT_KEYS = {"dev_mode", "ipv46", "ob"}


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def assert_success(body: dict, keys: set[str]) -> None:
    """A success envelope with exactly the given top-level keys and `msg` null."""
    assert body.get("result") == "success", body
    assert set(body) == keys, sorted(body)
    assert body["msg"] is None


def assert_error(body: dict) -> None:
    assert body.get("result") == "error", body
    assert isinstance(body.get("msg"), str) and body["msg"], body
    assert "response" not in body, body


def assert_invalid_input(body: dict, param: str) -> None:
    """Appendix B 7: E_INVLDINPUT with a message naming the parameter."""
    assert_error(body)
    assert body.get("err_code") == "E_INVLDINPUT", body
    assert re.search(
        r"(?<![A-Za-z0-9_])" + re.escape(param) + r"(?![A-Za-z0-9_])", body["msg"]
    ), body


def assert_invalid_zone(body: dict) -> None:
    assert_error(body)
    assert body["msg"].rstrip(".") == "Invalid zone", body
    assert "err_code" not in body, body


def assert_unauth(body: dict) -> None:
    assert_error(body)
    assert body.get("err_code") == "E_UNAUTH", body
    assert body["msg"] == "Unknown token or email", body


def assert_echo(body: dict, action: str, sent: dict) -> None:
    """The request echo: `act` plus every sent parameter, all as strings (spec 1.3)."""
    expected = {"act": action}
    expected.update({name: str(value) for name, value in sent.items()})
    assert body["request"] == expected


def assert_record(obj: dict, zone: str = ZONE) -> None:
    """A v1 DNS record object with the JSON types of spec 1.6 and 3.2."""
    keys = set(obj)
    if obj.get("type") == "MX":
        keys.discard("mx")
        if "mx" in obj:
            assert obj["mx"] == {"auto": False}
    assert keys == RECORD_KEYS, sorted(obj)
    assert isinstance(obj["rec_id"], str) and obj["rec_id"].isdigit(), obj
    assert isinstance(obj["rec_hash"], str) and re.fullmatch(
        r"[0-9a-f]{32}", obj["rec_hash"]
    ), obj
    assert obj["zone_name"] == zone
    assert obj["name"] == obj["name"].lower()
    assert obj["name"] == zone or obj["name"].endswith("." + zone), obj
    if obj["name"] == zone:
        assert obj["display_name"] == zone
    else:
        assert obj["display_name"] == obj["name"][: -len(zone) - 1]
    assert obj["type"] in ("A", "AAAA", "CNAME", "MX", "TXT", "SPF", "NS", "SRV", "LOC")
    if obj["type"] in ("MX", "SRV"):
        assert isinstance(obj["prio"], str) and obj["prio"].isdigit(), obj
    else:
        assert obj["prio"] is None, obj
    assert isinstance(obj["content"], str) and obj["content"] == obj["display_content"]
    assert isinstance(obj["ttl"], str) and obj["ttl"].isdigit(), obj
    ttl = int(obj["ttl"])
    assert ttl == 1 or 120 <= ttl <= 86400, obj
    assert is_int(obj["ttl_ceil"]) and obj["ttl_ceil"] == 86400
    assert is_int(obj["auto_ttl"]) and obj["auto_ttl"] == (1 if ttl == 1 else 0), obj
    assert obj["ssl_id"] is None or isinstance(obj["ssl_id"], str)
    assert obj["service_mode"] in ("0", "1"), obj
    props = obj["props"]
    assert set(props) == RECORD_PROPS_KEYS, sorted(props)
    assert all(is_int(value) and value in (0, 1) for value in props.values()), props
    assert props["cloud_on"] == int(obj["service_mode"])
    if obj["type"] not in ("A", "AAAA", "CNAME"):
        assert obj["service_mode"] == "0" and props["proxiable"] == 0, obj


def assert_zone(obj: dict) -> None:
    """A v1 zone object (spec 3.1)."""
    assert set(obj) == ZONE_KEYS, sorted(obj)
    assert isinstance(obj["zone_id"], str) and obj["zone_id"].isdigit(), obj
    assert isinstance(obj["user_id"], str) and obj["user_id"].isdigit(), obj
    assert obj["host_id"] is None or isinstance(obj["host_id"], str)
    assert isinstance(obj["zone_name"], str) and obj["display_name"] == obj["zone_name"]
    for field in (
        "zone_status",
        "zone_mode",
        "zone_type",
        "step",
        "zone_status_class",
        "zone_status_desc",
    ):
        assert isinstance(obj[field], str), (field, obj)
    assert obj["fqdns"] is None or all(isinstance(name, str) for name in obj["fqdns"])
    assert obj["ns_vanity_map"] == []
    props = obj["props"]
    assert (
        ZONE_PROPS_KEYS <= set(props) <= ZONE_PROPS_KEYS | ZONE_PROPS_2015_KEYS
    ), sorted(props)
    assert all(is_int(props[name]) for name in ZONE_PROPS_KEYS), props
    assert isinstance(obj["confirm_code"], dict)
    assert all(
        re.fullmatch(r"[0-9a-f]{32}", code) for code in obj["confirm_code"].values()
    )
    assert isinstance(obj["allow"], list) and all(
        isinstance(item, str) for item in obj["allow"]
    )


def assert_settings(obj: dict) -> None:
    """zone_settings objs[0]: dev_mode, ipv46, ob integers, everything else strings (spec 1.6)."""
    assert set(obj) >= SETTINGS_EXAMPLE_KEYS, sorted(SETTINGS_EXAMPLE_KEYS - set(obj))
    for name, value in obj.items():
        if name in SETTINGS_INT_KEYS:
            assert is_int(value), (name, value)
        else:
            assert isinstance(value, str), (name, value)


def v1_records(sim: Sim, zone: str = ZONE, **identity: Any) -> list[dict]:
    """Every record of a zone through rec_load_all, following `has_more` with `o`."""
    records: list[dict] = []
    while True:
        body = sim.call("rec_load_all", {"z": zone, "o": len(records)}, **identity)
        assert body["result"] == "success", body
        page = body["response"]["recs"]
        records.extend(page["objs"])
        if not page["has_more"]:
            return records
        assert page["count"] > 0


def record_by_name(sim: Sim, name: str, rtype: str, zone: str = ZONE) -> dict:
    found = [
        rec
        for rec in v1_records(sim, zone)
        if rec["name"] == name and rec["type"] == rtype
    ]
    assert len(found) == 1, found
    return found[0]
