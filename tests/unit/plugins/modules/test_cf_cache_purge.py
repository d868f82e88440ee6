# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.modules import cf_cache_purge
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import run_module
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    error,
    form,
    success,
)

CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": API_URL}
DOCUMENTED_RETURN = yaml.safe_load(cf_cache_purge.RETURN)


def test_purge_everything(fake_v1):
    fake_v1.add(success(None, {"fpurge_ts": 1449381662}, attributes={"cooldown": 20}))

    result = run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.com", "purge_everything": True})

    assert result == {"changed": True, "zone": "example.com", "purge_timestamp": 1449381662, "cooldown": 20}
    assert fake_v1.forms == [form("fpurge_ts", z="example.com", v=1)]
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


def test_files_are_purged_once_each(fake_v1):
    fake_v1.add(success("zone_file_purge", {"url": "http://www.example.com/a.css"}),
                success("zone_file_purge", {"url": "https://www.example.com/a.css"}))

    result = run_module(cf_cache_purge, {**CREDENTIALS, "domain": "EXAMPLE.com", "urls": [
        "http://www.example.com/a.css", "https://www.example.com/a.css", "http://WWW.example.com/a.css"]})

    assert result == {"changed": True, "zone": "example.com",
                      "files": ["http://www.example.com/a.css", "https://www.example.com/a.css"]}
    assert fake_v1.forms == [form("zone_file_purge", z="example.com", url="http://www.example.com/a.css"),
                             form("zone_file_purge", z="example.com", url="https://www.example.com/a.css")]
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


@pytest.mark.parametrize("args, expected", [
    ({"purge_everything": True}, {"changed": True, "zone": "example.com"}),
    ({"files": ["https://example.com/x"]}, {"changed": True, "zone": "example.com", "files": ["https://example.com/x"]}),
])
def test_check_mode_makes_no_call(fake_v1, args, expected):
    result = run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.com", "_ansible_check_mode": True, **args})

    assert result == expected
    assert fake_v1.requests == []


@pytest.mark.parametrize("args, msg", [
    ({}, "one of the following is required: purge_everything, files"),
    ({"purge_everything": True, "files": ["https://example.com/x"]},
     "parameters are mutually exclusive: purge_everything|files"),
    ({"purge_everything": False}, "purge_everything=false purges nothing: set it to true, or list URLs in files"),
    ({"files": ["https://example.com/x", "https://example.org/x"]},
     "files: 'https://example.org/x' is not in zone example.com (its host is example.org)"),
])
def test_invalid_input_is_rejected_before_any_call(fake_v1, args, msg):
    result = run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.com", **args})

    assert result["failed"] is True
    assert result["msg"] == msg
    assert fake_v1.requests == []


def test_cooldown_refusal_fails_clearly(fake_v1):
    fake_v1.add(error("Purge is cooling down: try again in 7 seconds."))

    result = run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.com", "purge_everything": True})

    assert result["failed"] is True
    assert result["msg"].startswith("CloudFlare refused the full purge of zone example.com: a zone's whole cache "
                                    "can be purged once every 20 seconds.")
    assert result["msg"].endswith("The API said: fpurge_ts failed: Purge is cooling down: try again in 7 seconds.")
    assert result["api_action"] == "fpurge_ts"


def test_unknown_zone_fails_naming_it(fake_v1):
    fake_v1.add(error("Invalid zone"))

    result = run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.net", "files": ["http://example.net/"]})

    assert result == {"failed": True, "msg": "Zone example.net was not found in the account",
                      "api_action": "zone_file_purge", "zone": "example.net", "attempts": 1}


def test_failure_part_way_reports_the_purged_urls_and_a_change(fake_v1):
    fake_v1.add(success("zone_file_purge"), error("Unknown token or email", "E_UNAUTH"))

    result = run_module(cf_cache_purge, {**CREDENTIALS, "zone": "example.com",
                                         "files": ["http://example.com/a", "http://example.com/b"]})

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["files"] == ["http://example.com/a"]
    assert result["msg"] == ("Purging http://example.com/b from zone example.com failed (1 URL purged before it): "
                             "zone_file_purge failed: Unknown token or email (E_UNAUTH)")
    assert_no_secret(result)
