# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The record diff: one block per name, one line per record, ids left out."""

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_diff import (
    record_line,
    records_diff,
    summary_diff,
)

ZONE = "example.com"


def rec(name, rtype, content, ttl=1, proxied=False, priority=None, rec_id="1"):
    full = ZONE if name == "@" else f"{name}.{ZONE}"
    return Record(
        name=full,
        type=rtype,
        content=content,
        ttl=ttl,
        proxied=proxied,
        priority=priority,
        id=rec_id,
    )


@pytest.mark.parametrize(
    "record, line",
    [
        (rec("www", "A", "203.0.113.5"), "A 203.0.113.5 ttl=1 proxied=false"),
        (
            rec("www", "CNAME", "example.com", ttl=300, proxied=True),
            "CNAME example.com ttl=300 proxied=true",
        ),
        (
            rec("@", "MX", "mail.example.com", ttl=3600, priority=10),
            "MX mail.example.com ttl=3600 priority=10",
        ),
        (
            rec("@", "TXT", 'v=spf1 "quoted" -all'),
            'TXT "v=spf1 \\"quoted\\" -all" ttl=1',
        ),
        (
            rec("_sip._tcp", "SRV", "5 5060 sip.example.com", priority=10),
            "SRV 5 5060 sip.example.com ttl=1 priority=10",
        ),
    ],
)
def test_record_line(record, line):
    assert record_line(record) == line


def test_each_name_gets_its_own_block_in_dns_order():
    operations = [
        Operation(
            "edit",
            rec("www", "CNAME", "example.com"),
            rec("www", "CNAME", "example.com", ttl=300),
        ),
        Operation("create", None, rec("app", "A", "203.0.113.50", rec_id=None)),
        Operation("delete", rec("old", "A", "192.0.2.1"), None),
    ]

    assert records_diff(operations) == [
        {
            "before_header": "app.example.com",
            "after_header": "app.example.com",
            "before": "",
            "after": "A 203.0.113.50 ttl=1 proxied=false\n",
        },
        {
            "before_header": "old.example.com",
            "after_header": "old.example.com",
            "before": "A 192.0.2.1 ttl=1 proxied=false\n",
            "after": "",
        },
        {
            "before_header": "www.example.com",
            "after_header": "www.example.com",
            "before": "CNAME example.com ttl=1 proxied=false\n",
            "after": "CNAME example.com ttl=300 proxied=false\n",
        },
    ]


def test_a_type_change_of_one_name_is_one_block():
    operations = [
        Operation("delete", rec("sub", "A", "203.0.113.20"), None),
        Operation("create", None, rec("sub", "CNAME", "app.example.com", rec_id=None)),
    ]

    assert records_diff(operations) == [
        {
            "before_header": "sub.example.com",
            "after_header": "sub.example.com",
            "before": "A 203.0.113.20 ttl=1 proxied=false\n",
            "after": "CNAME app.example.com ttl=1 proxied=false\n",
        }
    ]


def test_a_kept_record_shows_on_both_sides_of_its_names_block_only():
    kept = [
        rec("@", "TXT", "v=spf1 -all", rec_id="9005"),
        rec("quiet", "A", "203.0.113.9"),
    ]
    operations = [
        Operation(
            "delete",
            rec("@", "TXT", "google-site-verification=abc", rec_id="9008"),
            None,
        )
    ]

    assert records_diff(operations, kept) == [
        {
            "before_header": ZONE,
            "after_header": ZONE,
            "before": 'TXT "google-site-verification=abc" ttl=1\nTXT "v=spf1 -all" ttl=1\n',
            "after": 'TXT "v=spf1 -all" ttl=1\n',
        }
    ]


def test_ids_do_not_show_so_a_planned_create_diffs_like_an_applied_one():
    planned = records_diff(
        [Operation("create", None, rec("n", "A", "203.0.113.7", rec_id=None))]
    )
    applied = records_diff(
        [Operation("create", None, rec("n", "A", "203.0.113.7", rec_id="100001"))]
    )

    assert planned == applied


def test_fifty_deletes_are_fifty_one_line_blocks():
    operations = [
        Operation(
            "delete", rec(f"h{index:02d}", "A", "192.0.2.1", rec_id=str(index)), None
        )
        for index in range(50)
    ]

    diff = records_diff(operations)

    assert len(diff) == 50
    assert all(item["before"].count("\n") == 1 and item["after"] == "" for item in diff)


def test_summary_counts_without_listing():
    assert summary_diff(ZONE, {"created": 1, "updated": 2, "deleted": 0}, 997) == {
        "prepared": "example.com: 1 created, 2 updated, 0 deleted; 997 unchanged (not shown)\n"
    }


def test_a_line_shows_the_comment_tags_and_settings_a_record_has():
    record = Record(
        name="www.example.com",
        type="A",
        content="203.0.113.5",
        ttl=1,
        proxied=False,
        comment='front "door"',
        tags=frozenset({"team:web", "env:prod"}),
        settings=frozenset({"ipv4_only"}),
    )
    assert record_line(record) == (
        'A 203.0.113.5 ttl=1 proxied=false comment="front \\"door\\"" '
        "tags=env:prod,team:web settings=ipv4_only"
    )
    assert record_line(
        dataclasses.replace(record, comment="", tags=frozenset(), settings=frozenset())
    ) == ("A 203.0.113.5 ttl=1 proxied=false")
