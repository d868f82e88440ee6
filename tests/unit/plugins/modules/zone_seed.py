# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the module tests share: the zone the record tests start from (in normalised terms), the credentials
they pass, and each module with arguments that make it call the API."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import Record
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    cf_cache_purge,
    cf_dns_record,
    cf_dns_record_info,
    cf_dns_records,
    cf_ip_access,
    cf_ip_info,
    cf_zone_info,
    cf_zone_setting,
    cf_zone_snapshot,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import EMAIL, KEY

ZONE = "example.com"
# Any URL: FakeAPI answers every call, nothing is sent.
CREDENTIALS = {
    "api_email": EMAIL,
    "api_key": KEY,
    "api_url": "http://127.0.0.1:9/api_json.html",
}

SEED = (
    Record(ZONE, "A", "203.0.113.10", ttl=1, proxied=True, id="9000"),
    Record("sub.example.com", "A", "203.0.113.20", ttl=1, proxied=False, id="9001"),
    Record("www.example.com", "CNAME", "example.com", ttl=1, proxied=True, id="9002"),
    Record(
        ZONE, "MX", "mail.example.com", ttl=3600, proxied=False, priority=10, id="9003"
    ),
    Record(ZONE, "TXT", "v=spf1 mx -all", ttl=1, proxied=False, id="9005"),
    Record(
        ZONE, "TXT", "google-site-verification=abc", ttl=1, proxied=False, id="9008"
    ),
    Record(
        "_sip._tcp.example.com",
        "SRV",
        "5 5060 sip.example.com",
        ttl=1,
        proxied=False,
        priority=10,
        id="9007",
    ),
)


def record(rec_id, name, rtype, content, ttl=1, proxied=False, priority=None) -> dict:
    """A record as the modules return it (on v1: no comment, tags or settings)."""
    return {
        "id": rec_id,
        "name": name,
        "type": rtype,
        "content": content,
        "ttl": ttl,
        "proxied": proxied,
        "priority": priority,
        "comment": None,
        "tags": None,
        "settings": None,
    }


# Each module with arguments that make it call the API.
MODULES = [
    (cf_cache_purge, {"zone": "example.com", "purge_everything": True}),
    (
        cf_dns_record,
        {"zone": "example.com", "name": "www", "type": "A", "content": "203.0.113.5"},
    ),
    (cf_dns_record_info, {"zone": "example.com"}),
    (
        cf_dns_records,
        {"zone": "example.com", "records": [{"type": "A", "content": "203.0.113.5"}]},
    ),
    (cf_ip_access, {"ip": ["198.51.100.7"], "mode": "blacklist"}),
    (cf_ip_info, {"ip": ["198.51.100.7"]}),
    (cf_zone_info, {}),
    (cf_zone_setting, {"zone": "example.com", "ipv6": True}),
    (cf_zone_snapshot, {"zone": "example.com"}),
]
IDS = [module.__name__.rsplit(".", 1)[-1] for module, dummy in MODULES]
