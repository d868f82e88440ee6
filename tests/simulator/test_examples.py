# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The documentation's request examples (spec Appendix A) against a fresh simulator, and JSONP."""

from __future__ import annotations

import json

import pytest

from conftest import EMAIL, KEY, ZONE, ZONE_ID, decode_v1

CREDENTIALS = {"tkn": KEY, "email": EMAIL}

APPENDIX_A = {
    "stats": {"z": "example.com", "interval": "20"},
    "zone_load_multi": {},
    "rec_load_all": {"z": "example.com"},
    "zone_check": {"zones": "example.com,example2.com,example3.com"},
    "zone_ips": {"z": "example.com", "hours": "48", "class": "r", "geo": "1"},
    "ip_lkup": {"ip": "0.0.0.0"},
    "zone_settings": {"z": "example.com"},
    "sec_lvl": {"z": "example.com", "v": "help"},
    "cache_lvl": {"z": "example.com", "v": "agg"},
    "devmode": {"z": "example.com", "v": "1"},
    "fpurge_ts": {"z": "example.com", "v": "1"},
    "zone_file_purge": {"z": "example.com", "url": "http://www.example.com/style.css"},
    "zone_grab": {"zid": "42"},
    "wl": {"key": "0.0.0.0"},
    "ipv46": {"z": "example.com", "v": "1"},
    "async": {"z": "example.com", "v": "a"},
    "minify": {"z": "example.com", "v": "6"},
    "rec_new": {"z": "example.com", "type": "A", "name": "sub", "content": "1.2.3.4"},
    "rec_edit": {
        "z": "example.com",
        "id": "9001",
        "type": "A",
        "name": "sub",
        "content": "1.2.3.4",
        "service_mode": "1",
        "ttl": "1",
    },
    "rec_delete": {"z": "example.com", "id": "9001"},
}


def example_form(action):
    return {"a": action, **CREDENTIALS, **APPENDIX_A[action]}


@pytest.mark.parametrize("method", ["POST", "GET"])
@pytest.mark.parametrize("action", sorted(APPENDIX_A))
def test_appendix_a_example_succeeds(sim, action, method):
    body = decode_v1(sim.raw(example_form(action), method=method))
    assert body["result"] == "success", body
    assert body["msg"] is None
    if "request" in body:
        assert body["request"] == {"act": action, **example_form(action)}


@pytest.mark.parametrize(
    "action", ["rec_new", "rec_edit", "zone_settings", "sec_lvl", "zone_check"]
)
def test_appendix_a_example_as_multipart(sim, action):
    """PHP clients handed arrays to curl, which sends multipart/form-data (spec 1.1)."""
    form = example_form(action)
    response = sim.raw(files={name: (None, value) for name, value in form.items()})
    assert response.request.headers["Content-Type"].startswith("multipart/form-data")
    body = decode_v1(response)
    assert body["result"] == "success", body
    if "request" in body:
        assert body["request"] == {"act": action, **form}


def test_examples_have_their_effect(sim):
    """The examples change what they say they change, in the documented encodings."""
    zone_check = decode_v1(sim.raw(example_form("zone_check")))
    assert zone_check["response"]["zones"] == {
        "example.com": ZONE_ID,
        "example2.com": 0,
        "example3.com": 0,
    }

    created = decode_v1(sim.raw(example_form("rec_new")))["response"]["rec"]["obj"]
    assert (
        created["name"],
        created["content"],
        created["ttl"],
        created["service_mode"],
    ) == ("sub.example.com", "1.2.3.4", "1", "0")

    sim.reset()
    edited = decode_v1(sim.raw(example_form("rec_edit")))["response"]["rec"]["obj"]
    assert (
        edited["rec_id"],
        edited["content"],
        edited["ttl"],
        edited["service_mode"],
    ) == ("9001", "1.2.3.4", "1", "1")
    assert edited["auto_ttl"] == 1

    for action in ("sec_lvl", "cache_lvl", "ipv46", "async", "minify"):
        decode_v1(sim.raw(example_form(action)))
    settings = decode_v1(sim.raw(example_form("zone_settings")))["response"]["result"][
        "objs"
    ][0]
    assert settings["sec_lvl"] == "help"
    assert settings["cache_lvl"] == "agg"
    assert settings["ipv46"] == 3, "v=1 is stored as 3 (Appendix B 6)"
    assert settings["async"] == "a"
    assert settings["minify"] == "6"

    wl = decode_v1(sim.raw(example_form("wl")))
    assert wl["response"] == {"result": {"ip": "0.0.0.0", "action": "WL"}}
    state = sim.state()
    sample = next(account for account in state["accounts"] if account["email"] == EMAIL)
    assert sample["ip_rules"] == {"0.0.0.0": "WL"}

    decode_v1(sim.raw(example_form("rec_delete")))
    ids = {
        obj["rec_id"]
        for obj in decode_v1(sim.raw(example_form("rec_load_all")))["response"]["recs"][
            "objs"
        ]
    }
    assert "9001" not in ids


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_jsonp(sim, method):
    """Appendix B 2: callback=NAME wraps the body as NAME(<json>), type text/javascript."""
    form = {"a": "zone_check", **CREDENTIALS, "zones": ZONE, "callback": "handle_zones"}
    response = sim.raw(form, method=method)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0].strip() == "text/javascript"
    text = response.text
    assert text.startswith("handle_zones(") and text.endswith(")"), text
    body = json.loads(text[len("handle_zones(") : -1])
    assert body["result"] == "success"
    assert body["response"]["zones"] == {ZONE: ZONE_ID}


def test_jsonp_wraps_errors_too(sim):
    response = sim.raw(
        {"a": "zone_load_multi", "tkn": "bad", "email": EMAIL, "callback": "cb"},
        method="GET",
    )
    assert response.status_code == 200
    text = response.text
    assert text.startswith("cb(") and text.endswith(")"), text
    body = json.loads(text[3:-1])
    assert body["result"] == "error" and body["err_code"] == "E_UNAUTH"


def test_jsonp_rejects_a_script_as_callback(sim):
    """A callback name that is not an identifier must not be echoed into JavaScript."""
    form = {"a": "zone_check", **CREDENTIALS, "zones": ZONE, "callback": "alert(1);x"}
    response = sim.raw(form, method="GET")
    assert response.status_code == 200
    assert not response.text.startswith("alert(1)")
    assert "alert(1);x(" not in response.text
