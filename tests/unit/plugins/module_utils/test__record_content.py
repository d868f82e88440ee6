# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_content import (
    normalize_content,
    structured_content,
    structured_fields,
)

DIGEST = "ab" * 32
LONG = "x" * 255 + "yy"

# (type, a spelling a task or the API may use, the canonical content)
SPELLINGS = [
    ("TXT", '"v=spf1 -all"', "v=spf1 -all"),
    ("TXT", '"say \\"hi\\""', 'say "hi"'),
    ("TXT", f'"{"x" * 255}" "yy"', LONG),
    ("TXT", '"a"   "b"', '"a" "b"'),
    ("TXT", 'v=DMARC1; p=none; "quoted"', 'v=DMARC1; p=none; "quoted"'),
    (
        "LOC",
        "51 30 12.748 N 0 7 39.611 W 0.00m",
        "51 30 12.748 N 0 7 39.611 W 0m 1m 10000m 10m",
    ),
    (
        "LOC",
        "51 30 12.740 N 0 7 39.611 W 0m 1.00m 10000m 10m",
        "51 30 12.74 N 0 7 39.611 W 0m 1m 10000m 10m",
    ),
    ("LOC", "51 N 0 W 0", "51 0 0 N 0 0 0 W 0m 1m 10000m 10m"),
    ("PTR", "Host.Example.NET.", "host.example.net"),
    ("OPENPGPKEY", "mQIN BFsm\nZA==", "mQINBFsmZA=="),
    ("CAA", "0 ISSUE letsencrypt.org", '0 issue "letsencrypt.org"'),
    (
        "CAA",
        '128 iodef "mailto:a\\"b@example.com"',
        '128 iodef "mailto:a\\"b@example.com"',
    ),
    ("CERT", "1 12345 8 MIIB ZA==", "1 12345 8 MIIBZA=="),
    (
        "DNSKEY",
        "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0d xCjjnopKl+GqJxpVXckHAeF+KkxLbxIL",
        "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxIL",
    ),
    (
        "DS",
        f"2371 13 2 {DIGEST.upper()[:32]} {DIGEST.upper()[32:]}",
        f"2371 13 2 {DIGEST}",
    ),
    (
        "HTTPS",
        "1 Svc.Example.com. alpn=h3,h2   port=443",
        "1 svc.example.com alpn=h3,h2 port=443",
    ),
    ("HTTPS", "0 Pool.Example.com.", "0 pool.example.com"),
    ("SVCB", "1 .", "1 ."),
    (
        "NAPTR",
        '100 10 U E2U+sip "!^.*$!sip:info@example.com!" .',
        '100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .',
    ),
    ("NAPTR", '100 10 "" "" "" Sip.Example.com.', '100 10 "" "" "" sip.example.com'),
    ("SMIMEA", "3 1 1 ABCDEF", "3 1 1 abcdef"),
    ("TLSA", "3 1 1 AB CD EF", "3 1 1 abcdef"),
    ("SSHFP", f"4 2 {DIGEST.upper()}", f"4 2 {DIGEST}"),
    ("URI", "10 ftp://ftp1.example.com/public", '10 "ftp://ftp1.example.com/public"'),
]


@pytest.mark.parametrize("rtype, spelling, canonical", SPELLINGS)
def test_every_spelling_has_one_canonical_content_which_stays_as_it_is(
    rtype, spelling, canonical
):
    assert normalize_content(rtype, spelling) == canonical
    assert normalize_content(rtype, canonical) == canonical


@pytest.mark.parametrize(
    "rtype, content, problem",
    [
        ("TXT", '""', "TXT content is empty"),
        (
            "CAA",
            '0 issuemail "ca.example"',
            "CAA tag 'issuemail' is not one of issue, issuewild, iodef",
        ),
        ("CAA", "0 issue", "CAA content '0 issue' is not 'flags tag \"caa_value\"'"),
        ("CAA", '256 issue "ca.example"', "CAA flags 256 is outside 0-255"),
        (
            "DS",
            "2371 13 2 abcd",
            "DS digest must be 64 hexadecimal digits for digest_type 2",
        ),
        (
            "DS",
            "2371 13 2 xyz0",
            "DS digest 'xyz0' is not an even number of hexadecimal digits",
        ),
        (
            "SSHFP",
            "4 1 abcd",
            "SSHFP fingerprint must be 40 hexadecimal digits for fingerprint_type 1",
        ),
        ("DNSKEY", "257 2 13 YWJj", "DNSKEY protocol must be 3 (RFC 4034)"),
        ("CERT", "1 0 8 not*base64", "CERT certificate 'not*base64' is not Base64"),
        (
            "HTTPS",
            "0 . alpn=h2",
            "HTTPS svc_params must be empty with priority 0 (alias mode)",
        ),
        ("HTTPS", "1 . alpn h2=", "HTTPS svc_params 'h2=' is not a SvcParam"),
        (
            "NAPTR",
            '1 1 "U+" "" "" .',
            "NAPTR flags 'U+' may hold letters and digits only",
        ),
        ("HTTPS", "1 192.0.2.1", "is an IP address, but it must name a host"),
        ("PTR", "192.0.2.1", "is an IP address, but it must name a host"),
        ("URI", '10 ""', "URI target must not be empty"),
        ("OPENPGPKEY", "%%%", "OPENPGPKEY content '%%%' is not Base64"),
    ],
)
def test_invalid_structured_content_is_refused_saying_why(rtype, content, problem):
    with pytest.raises(InputProblem, match=None) as caught:
        normalize_content(rtype, content)
    assert problem in str(caught.value)


def test_fields_and_content_are_two_spellings_of_one_record():
    fields = structured_fields(
        "NAPTR", '100 10 "U" "E2U+sip" "!^.*$!sip:\\\\1@example.com!" .'
    )
    assert fields == {
        "order": "100",
        "preference": "10",
        "flags": "U",
        "service": "E2U+sip",
        "regex": "!^.*$!sip:\\1@example.com!",
        "replacement": ".",
    }
    assert (
        structured_content("NAPTR", fields)
        == '100 10 "U" "E2U+sip" "!^.*$!sip:\\\\1@example.com!" .'
    )


def test_fields_with_defaults_may_be_left_out_and_the_others_are_all_named():
    assert structured_content("HTTPS", {"priority": 1, "target": "."}) == "1 ."
    assert (
        structured_content(
            "DNSKEY", {"flags": 257, "algorithm": 13, "public_key": "YWJj"}
        )
        == "257 3 13 YWJj"
    )
    with pytest.raises(InputProblem) as caught:
        structured_content("DS", {"key_tag": 1, "algorithm": True})
    assert str(caught.value) == (
        "DS algorithm 'True' is not a whole number; digest_type is missing; digest is missing"
    )
