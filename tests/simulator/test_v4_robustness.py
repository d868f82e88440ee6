# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Whatever a v4 call holds, the answer is the v4 envelope and never a server error (Hypothesis)."""

from __future__ import annotations

import json

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HTTP_TIMEOUT, TOKEN, V4_PREFIX, ZONE_V4, record_v4_id, v4_body

IDS = {
    "zone_id": st.sampled_from([ZONE_V4, "0" * 32, "x"]),
    "dns_record_id": st.sampled_from(
        [record_v4_id("9001"), record_v4_id("9003"), "0" * 32, "batch"]
    ),
    "setting_id": st.sampled_from(
        [
            "ipv6",
            "development_mode",
            "minify",
            "security_level",
            "browser_cache_ttl",
            "x",
        ]
    ),
    "account_id": st.sampled_from(["0" * 32, "x"]),
    "rule_id": st.sampled_from(["0" * 32, "x"]),
}
TEMPLATES = [
    "/zones",
    "/zones/{zone_id}",
    "/zones/{zone_id}/dns_records",
    "/zones/{zone_id}/dns_records/batch",
    "/zones/{zone_id}/dns_records/export",
    "/zones/{zone_id}/dns_records/{dns_record_id}",
    "/zones/{zone_id}/settings",
    "/zones/{zone_id}/settings/{setting_id}",
    "/zones/{zone_id}/purge_cache",
    "/user/tokens/verify",
    "/user/firewall/access_rules/rules",
    "/accounts/{account_id}/firewall/access_rules/rules/{rule_id}",
    "/zones/{zone_id}/firewall/access_rules/rules",
    "/zones/{zone_id}/firewall/access_rules/rules/{rule_id}",
    "/nowhere",
]
FIELDS = [
    "type",
    "name",
    "content",
    "data",
    "ttl",
    "proxied",
    "priority",
    "comment",
    "tags",
    "settings",
    "value",
    "items",
    "id",
    "mode",
    "configuration",
    "notes",
    "files",
    "tags",
    "hosts",
    "prefixes",
    "purge_everything",
    "deletes",
    "patches",
    "puts",
    "posts",
    "target",
    "flags",
    "port",
    "weight",
]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(
        ["A", "CAA", "SRV", "@", "www", "198.51.100.1", "on", "block", "ip"]
    ),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5),
    max_leaves=12,
)
QUERY = st.dictionaries(
    st.sampled_from(
        [
            "page",
            "per_page",
            "name",
            "type",
            "order",
            "direction",
            "match",
            "tag",
            "name.contains",
            "proxied",
            "status",
            "mode",
            "search",
        ]
    ),
    st.text(max_size=12) | st.integers(-5, 10**7).map(str),
    max_size=4,
)


@st.composite
def calls(draw):
    template = draw(st.sampled_from(TEMPLATES))
    path = template.format(**{name: draw(strategy) for name, strategy in IDS.items()})
    method = draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]))
    body = (
        json.dumps(draw(JSON)) if draw(st.booleans()) else draw(st.binary(max_size=40))
    )
    return method, path, draw(QUERY), body


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(call=calls())
def test_any_v4_call_gets_an_envelope(sim_server, call):
    method, path, query, body = call
    response = requests.request(
        method,
        sim_server.base + V4_PREFIX + path,
        params=query,
        data=body,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Content-Type": "application/json",
        },
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code < 500, (call, response.status_code, response.text[:500])
    if response.headers["Content-Type"].startswith("text/plain"):
        assert (
            method == "GET"
            and path.endswith("/export")
            and response.text.startswith(";;")
        )
        return
    answer = v4_body(response)
    assert answer["success"] is (response.status_code == 200), answer
    assert "Traceback" not in response.text


def test_the_simulator_survives_the_property_tests(sim):
    assert sim.v4_ok("GET", "/zones")
