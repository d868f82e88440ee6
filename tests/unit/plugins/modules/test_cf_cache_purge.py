# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cf_cache_purge through main() against the in-memory FakeAPI (the v1 forms: module_utils/_v1/test_v1_purge.py)."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
)
from ansible_collections.edgeops.cloudflare.plugins.modules import cf_cache_purge
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.fake_api import (
    PURGE_COOLDOWN,
    capabilities,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.module_runner import (
    run_module,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.modules.zone_seed import (
    CREDENTIALS,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    assert_no_secret,
)

DOCUMENTED_RETURN = yaml.safe_load(cf_cache_purge.RETURN)


@pytest.fixture
def fake(fake_api):
    fake_api.add_zone("example.com")
    return fake_api


def run(**args):
    return run_module(cf_cache_purge, {**CREDENTIALS, **args})


def test_purge_everything(fake):
    result = run(zone="example.com", purge_everything=True)

    assert result == {
        "changed": True,
        "zone": "example.com",
        "purge_timestamp": fake.now,
        "cooldown": PURGE_COOLDOWN,
    }
    assert fake.log == [("purge_everything", "example.com")]
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


def test_files_are_purged_once_each(fake):
    result = run(
        domain="EXAMPLE.com",
        urls=[
            "http://www.example.com/a.css",
            "https://www.example.com/a.css",
            "http://WWW.example.com/a.css",
        ],
    )

    assert result == {
        "changed": True,
        "zone": "example.com",
        "files": ["http://www.example.com/a.css", "https://www.example.com/a.css"],
    }
    assert fake.log == [
        ("purge_files", "example.com", ("http://www.example.com/a.css",)),
        ("purge_files", "example.com", ("https://www.example.com/a.css",)),
    ]
    assert result.call_report["api_calls"] == 2
    assert set(result) - {"changed"} <= set(DOCUMENTED_RETURN)


@pytest.mark.parametrize(
    "args, expected",
    [
        ({"purge_everything": True}, {"changed": True, "zone": "example.com"}),
        (
            {"files": ["https://example.com/x"]},
            {
                "changed": True,
                "zone": "example.com",
                "files": ["https://example.com/x"],
            },
        ),
    ],
)
def test_check_mode_makes_no_call(fake, args, expected):
    result = run(zone="example.com", _ansible_check_mode=True, **args)

    assert result == expected
    assert fake.log == []


@pytest.mark.parametrize(
    "args, msg",
    [
        (
            {},
            "one of the following is required: purge_everything, files, tags, hosts, prefixes",
        ),
        (
            {"purge_everything": True, "files": ["https://example.com/x"]},
            "parameters are mutually exclusive: purge_everything|files|tags|hosts|prefixes",
        ),
        (
            {"purge_everything": False},
            "purge_everything=false purges nothing: set it to true, or list URLs in files",
        ),
        (
            {"files": ["https://example.com/x", "https://example.org/x"]},
            "files: 'https://example.org/x' is not in zone example.com (its host is example.org)",
        ),
    ],
)
def test_invalid_input_is_rejected_before_any_call(fake, args, msg):
    result = run(zone="example.com", **args)

    assert result["failed"] is True
    assert result["msg"] == msg
    assert fake.log == []


def test_a_refused_purge_fails_with_the_backends_message(fake):
    first = run(zone="example.com", purge_everything=True)
    second = run(zone="example.com", purge_everything=True)

    assert first["changed"] is True
    assert second == {
        "failed": True,
        "msg": f"fake: zone example.com was purged less than {PURGE_COOLDOWN} s ago",
    }
    assert fake.methods == ["purge_everything", "purge_everything"]


def test_unknown_zone_fails_naming_it(fake):
    result = run(zone="example.net", files=["http://example.net/"])

    assert result == {
        "failed": True,
        "msg": "Zone example.net was not found in the account",
        "zone": "example.net",
    }


def test_failure_part_way_reports_the_purged_urls_and_a_change(fake):
    fake.fail(
        "purge_files",
        AuthError(
            "zone_file_purge failed: Unknown token or email (E_UNAUTH)",
            action="zone_file_purge",
            err_code="E_UNAUTH",
            attempts=1,
        ),
        when=lambda zone, urls: "http://example.com/b" in urls,
    )

    result = run(
        zone="example.com",
        files=["http://example.com/a", "http://example.com/b", "http://example.com/c"],
    )

    assert result == {
        "failed": True,
        "changed": True,
        "files": ["http://example.com/a"],
        "msg": "Purging http://example.com/b from zone example.com failed (1 URL purged before it): "
        "zone_file_purge failed: Unknown token or email (E_UNAUTH)",
        "api_action": "zone_file_purge",
        "err_code": "E_UNAUTH",
        "attempts": 1,
    }
    assert fake.zones["example.com"].purged == ["http://example.com/a"]
    assert fake.methods == ["purge_files", "purge_files"]
    assert_no_secret(result)


def test_a_backend_without_cache_purge_fails_before_any_call(fake):
    fake.capabilities = capabilities(api="v4", without=("cache_purge",))

    result = run(zone="example.com", purge_everything=True)

    assert result == {"failed": True, "msg": "cache purge is not supported by API v4"}
    assert fake.log == []


def test_files_go_in_as_few_calls_as_the_backend_takes(fake):
    fake.capabilities = capabilities(files_per_purge=2)
    urls = [f"http://example.com/{name}" for name in "abcde"]

    result = run(zone="example.com", files=urls)

    assert result["files"] == urls
    assert [entry[2] for entry in fake.log] == [
        tuple(urls[0:2]),
        tuple(urls[2:4]),
        tuple(urls[4:]),
    ]


def test_a_failed_call_of_several_urls_names_them(fake):
    fake.capabilities = capabilities(files_per_purge=2)
    fake.fail(
        "purge_files",
        AuthError("refused"),
        when=lambda zone, urls: "http://example.com/c" in urls,
    )

    result = run(
        zone="example.com", files=[f"http://example.com/{name}" for name in "abcde"]
    )

    assert result["msg"] == (
        "Purging http://example.com/c and 1 more URL from zone example.com failed "
        "(2 URLs purged before it): refused"
    )
    assert result["files"] == ["http://example.com/a", "http://example.com/b"]


@pytest.mark.parametrize(
    "kind, values, word",
    [
        ("tags", ["release-42"], "cache tag"),
        ("hosts", ["www.example.com"], "host"),
        ("prefixes", ["www.example.com/a"], "prefix"),
    ],
)
def test_a_v4_only_option_is_refused_on_v1_before_any_call(fake, kind, values, word):
    result = run(zone="example.com", **{kind: values})

    assert result == {
        "failed": True,
        "msg": f"{kind} is an API v4 option: API v1 purges the whole cache (purge_everything) "
        f"or URLs (files) only; connect with api_token (or api_version: v4) to purge by {word}",
        "problems": [
            f"{kind} is an API v4 option: API v1 purges the whole cache (purge_everything) "
            f"or URLs (files) only; connect with api_token (or api_version: v4) to purge by {word}"
        ],
    }
    assert fake.log == []


def test_a_v4_only_option_is_refused_on_v1_in_check_mode_too(fake):
    result = run(zone="example.com", tags=[], _ansible_check_mode=True)

    assert result["failed"] is True
    assert fake.log == []


@pytest.mark.parametrize("kind", ["tags", "hosts", "prefixes"])
def test_tags_hosts_and_prefixes_go_in_chunks_where_the_backend_has_them(fake, kind):
    fake.capabilities = capabilities(
        purge_kinds=frozenset({"files", "tags", "hosts", "prefixes"}),
        items_per_purge=2,
    )
    values = {
        "tags": ["a", "b", "c"],
        "hosts": ["a.example.com", "b.example.com", "c.example.com"],
        "prefixes": ["a.example.com/x", "b.example.com/x", "c.example.com/x"],
    }[kind]

    result = run(zone="example.com", **{kind: values})

    assert result == {"changed": True, "zone": "example.com", kind: values}
    assert fake.log == [
        ("purge_items", "example.com", kind, tuple(values[:2])),
        ("purge_items", "example.com", kind, tuple(values[2:])),
    ]
