# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    AuthError,
    OutcomeUnknownError,
    StepError,
    ValidationError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Task,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.cache_purge import (
    normalize_urls,
    purge_cache,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    assert_no_secret,
    connection_dropped,
    error,
    form,
    success,
)

PURGED = success(None, {"fpurge_ts": 1449381662}, attributes={"cooldown": 20})
COOLDOWN = error("Purge is cooling down: try again in 12 seconds.")


def file_purged(url: str) -> dict:
    return success("zone_file_purge", {"url": url})


@pytest.fixture
def client(clock):
    """The v1 adapter over a client on the fake endpoint."""
    return V1API(
        V1Client(
            EMAIL,
            KEY,
            api_url=API_URL,
            clock=clock,
            sleep=clock.sleep,
            jitter=lambda: 1.0,
        )
    )


def params(**kwargs) -> dict:
    return {"zone": "example.com", "purge_everything": None, "files": None, **kwargs}


def test_normalize_urls_canonical_form_and_no_duplicates():
    values = [
        "http://www.example.com/css/site.css",
        "HTTPS://WWW.Example.com/css/site.css",
        "http://www.example.com/css/site.css#top",
        " http://www.example.com/css/site.css ",
        "https://example.com",
        "https://example.com./?q=1&b=Two",
        "http://static.example.com:8080/Img.PNG",
        "https://www.example.com/css/site.css",
    ]

    assert normalize_urls(values, "example.com") == [
        "http://www.example.com/css/site.css",
        "https://www.example.com/css/site.css",
        "https://example.com/",
        "https://example.com/?q=1&b=Two",
        "http://static.example.com:8080/Img.PNG",
    ]


def test_normalize_urls_idn_host_becomes_punycode():
    assert normalize_urls(
        ["https://www.bücher.example/a"], "xn--bcher-kva.example"
    ) == ["https://www.xn--bcher-kva.example/a"]


@pytest.mark.parametrize(
    "url, problem",
    [
        (
            "http://www.example.com\\evil.example/a",
            "has a backslash or a percent-encoded character in its host",
        ),
        (
            "http://www.example.com%2F.evil.example/a",
            "has a backslash or a percent-encoded character in its host",
        ),
        ("http://www.example.com/a\x00b", "holds a control character"),
        ("http://www.example.com/a%00b", "holds a control character"),
        ("http://www.example.com/a\nb", "holds a control character"),
        ("http://s\u200bub.example.com/a", "would change in conversion to a DNS name"),
    ],
)
def test_normalize_urls_refuses_hosts_and_paths_a_server_would_read_otherwise(
    url, problem
):
    with pytest.raises(ValidationError) as caught:
        normalize_urls([url], "example.com")
    assert problem in caught.value.problems[0]


def test_normalize_urls_reports_every_problem():
    values = [
        "http://www.example.org/a",
        "https://notexample.com/a",
        "www.example.com/a",
        "ftp://www.example.com/a",
        "https://user:secret@www.example.com/a",
        "http://www.example.com:99999/a",
        "https://www.example.com/fine",
    ]

    with pytest.raises(ValidationError) as caught:
        normalize_urls(values, "example.com")

    problems = caught.value.problems
    assert "secret" not in caught.value.msg
    assert problems[:5] == [
        "files: 'http://www.example.org/a' is not in zone example.com (its host is www.example.org)",
        "files: 'https://notexample.com/a' is not in zone example.com (its host is notexample.com)",
        "files: 'www.example.com/a' is not a full URL starting with http:// or https://",
        "files: 'ftp://www.example.com/a' is not a full URL starting with http:// or https://",
        "files: a URL of host www.example.com contains a user name or password, which a purge never needs",
    ]
    assert problems[5].startswith(
        "files: 'http://www.example.com:99999/a' is not a valid URL ("
    )
    assert len(problems) == 6


def test_purge_files_one_call_per_url_in_order(fake_v1, client):
    urls = ["http://www.example.com/a.css", "https://www.example.com/a.css"]
    fake_v1.add(*(file_purged(url) for url in urls))

    assert client.purge_files("example.com", urls) is None
    assert fake_v1.forms == [
        form("zone_file_purge", z="example.com", url=url) for url in urls
    ]


def test_purge_files_unknown_zone_names_it(fake_v1, client):
    fake_v1.add(error("Invalid zone"))

    with pytest.raises(ZoneNotFoundError) as caught:
        client.purge_files("example.net", ["http://example.net/a"])

    assert caught.value.msg == "Zone example.net was not found in the account"
    # The attempts are kept, as for every other unknown zone (the review found them dropped here).
    assert caught.value.details() == {
        "api_action": "zone_file_purge",
        "zone": "example.net",
        "attempts": 1,
    }


def test_purge_files_failure_part_way_lists_what_was_purged(fake_v1, client):
    urls = [
        "http://www.example.com/a",
        "http://www.example.com/b",
        "http://www.example.com/c",
    ]
    fake_v1.add(
        file_purged(urls[0]), error("Invalid input for url: too long", "E_INVLDINPUT")
    )

    with pytest.raises(StepError) as caught:
        purge_cache(client, Task(params(files=urls)))

    assert caught.value.msg == (
        "Purging http://www.example.com/b from zone example.com failed (1 URL purged before "
        "it): zone_file_purge failed: Invalid input for url: too long (E_INVLDINPUT)"
    )
    assert caught.value.details() == {
        "api_action": "zone_file_purge",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
        "changed": True,
        "files": ["http://www.example.com/a"],
    }
    assert [f["url"] for f in fake_v1.forms] == urls[:2]


def test_purge_files_auth_failure_on_the_first_url_reports_no_change(fake_v1, client):
    fake_v1.add(error("Unknown token or email", "E_UNAUTH"))

    with pytest.raises(StepError) as caught:
        purge_cache(client, Task(params(files=["http://www.example.com/a"])))

    assert isinstance(caught.value.cause, AuthError)
    assert "changed" not in caught.value.details()
    assert_no_secret(caught.value, caught.value.details())


def test_purge_everything_returns_timestamp_and_cooldown(fake_v1, client):
    fake_v1.add(PURGED)

    assert client.purge_everything("example.com") == {
        "purge_timestamp": 1449381662,
        "cooldown": 20,
    }
    assert fake_v1.forms == [form("fpurge_ts", z="example.com", v=1)]


def test_purge_everything_tolerates_an_answer_without_them(fake_v1, client):
    fake_v1.add(success())

    assert client.purge_everything("example.com") == {
        "purge_timestamp": None,
        "cooldown": None,
    }


def test_purge_everything_cooldown_refusal_is_explained(fake_v1, client):
    fake_v1.add(COOLDOWN)

    with pytest.raises(APIError) as caught:
        client.purge_everything("example.com")

    assert caught.value.msg == (
        "CloudFlare refused the full purge of zone example.com: a zone's whole cache can be purged once every "
        "20 seconds. Run the task again after that, for example with retries and a delay of 20. The API said: "
        "fpurge_ts failed: Purge is cooling down: try again in 12 seconds."
    )
    assert fake_v1.actions == ["fpurge_ts"]


def test_purge_everything_unknown_zone_names_it(fake_v1, client):
    fake_v1.add(error("Invalid zone"))

    with pytest.raises(ZoneNotFoundError) as caught:
        client.purge_everything("example.net")

    assert caught.value.msg == "Zone example.net was not found in the account"


def test_purge_everything_lost_answer_is_not_repeated(fake_v1, client, clock):
    fake_v1.add(connection_dropped())

    with pytest.raises(OutcomeUnknownError) as caught:
        client.purge_everything("example.com")

    assert caught.value.msg.startswith(
        "No answer came back for the full purge of zone example.com, so it may or may not have happened; "
        "purging again is harmless once the 20 s cooldown has passed. Details: fpurge_ts was sent"
    )
    assert fake_v1.actions == ["fpurge_ts"]
    assert clock.sleeps == []


def test_purge_cache_files_check_mode_makes_no_call(fake_v1, client):
    result = purge_cache(
        client,
        Task(
            params(zone="Example.com.", files=["http://www.example.com/a"] * 2),
            check_mode=True,
        ),
    )

    assert result == {
        "changed": True,
        "zone": "example.com",
        "files": ["http://www.example.com/a"],
    }
    assert fake_v1.requests == []


def test_purge_cache_everything_check_mode_makes_no_call(fake_v1, client):
    result = purge_cache(client, Task(params(purge_everything=True), check_mode=True))

    assert result == {"changed": True, "zone": "example.com"}
    assert fake_v1.requests == []


def test_purge_cache_empty_file_list_is_no_change(fake_v1, client):
    assert purge_cache(client, Task(params(files=[]))) == {
        "changed": False,
        "zone": "example.com",
        "files": [],
    }
    assert fake_v1.requests == []


def test_purge_cache_false_purge_everything_is_rejected(fake_v1, client):
    with pytest.raises(ValidationError) as caught:
        purge_cache(client, Task(params(purge_everything=False)))

    assert caught.value.problems == [
        "purge_everything=false purges nothing: set it to true, or list URLs in files"
    ]
    assert fake_v1.requests == []


def test_purge_cache_rejects_a_foreign_url_before_any_call(fake_v1, client):
    with pytest.raises(ValidationError):
        purge_cache(
            client,
            Task(
                params(files=["http://www.example.com/a", "http://www.example.org/a"])
            ),
        )

    assert fake_v1.requests == []


def test_purge_cache_everything(fake_v1, client):
    fake_v1.add(PURGED)

    assert purge_cache(client, Task(params(purge_everything=True))) == {
        "changed": True,
        "zone": "example.com",
        "purge_timestamp": 1449381662,
        "cooldown": 20,
    }
