# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zone the record module tests start from, in normalised terms, and the credentials they pass."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import Record
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import EMAIL, KEY

ZONE = "example.com"
# Any URL: FakeAPI answers every call, nothing is sent.
CREDENTIALS = {"api_email": EMAIL, "api_key": KEY, "api_url": "http://127.0.0.1:9/api_json.html"}

SEED = (
    Record(ZONE, "A", "203.0.113.10", ttl=1, proxied=True, id="9000"),
    Record("sub.example.com", "A", "203.0.113.20", ttl=1, proxied=False, id="9001"),
    Record("www.example.com", "CNAME", "example.com", ttl=1, proxied=True, id="9002"),
    Record(ZONE, "MX", "mail.example.com", ttl=3600, proxied=False, priority=10, id="9003"),
    Record(ZONE, "TXT", "v=spf1 mx -all", ttl=1, proxied=False, id="9005"),
    Record(ZONE, "TXT", "google-site-verification=abc", ttl=1, proxied=False, id="9008"),
    Record("_sip._tcp.example.com", "SRV", "5 5060 sip.example.com", ttl=1, proxied=False, priority=10, id="9007"),
)


def record(rec_id, name, rtype, content, ttl=1, proxied=False, priority=None) -> dict:
    """A record as the modules return it."""
    return {"id": rec_id, "name": name, "type": rtype, "content": content, "ttl": ttl, "proxied": proxied,
            "priority": priority}
