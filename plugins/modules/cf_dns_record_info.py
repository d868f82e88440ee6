#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_dns_record_info
short_description: Read the DNS records of a CloudFlare zone
version_added: 0.1.0
description:
  - Returns the DNS records of a CloudFlare zone, all of them or those matching a name, a type
    and a content.
  - Reads every matching record, page by page however large the zone is, so no record is
    missed. On API v1 the module reads the whole zone and filters it; on API v4 the API filters by
    O(name) and O(type), and the module by O(content).
  - The records come in the normalised shape that M(edgeops.cloudflare.cf_dns_record) returns,
    so they can be fed back into it, on either API version.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._zone
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.info_module
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
options:
  name:
    description:
      - Only return records of this name.
      - A label relative to the zone, V(@) for the apex, or a full name, with or without the
        trailing dot, in any case, as in M(edgeops.cloudflare.cf_dns_record). An SRV record's
        name includes its service and protocol (V(_sip._tcp)).
    type: str
    aliases:
      - record
  type:
    description:
      - Only return records of this type.
      - One of V(A), V(AAAA), V(CNAME), V(MX), V(TXT), V(SPF), V(NS), V(SRV) and V(LOC), in any case.
      - API v4 also has V(CAA), V(CERT), V(DNSKEY), V(DS), V(HTTPS), V(NAPTR), V(OPENPGPKEY),
        V(PTR), V(SMIMEA), V(SSHFP), V(SVCB), V(TLSA) and V(URI), and has no V(SPF).
    type: str
  content:
    description:
      - Only return records with this content, compared in the normalised form of each record's
        type (so V(2001:DB8:0::1) finds V(2001:db8::1) and V(Mail.Example.com.) finds
        V(mail.example.com)). For SRV records the content is C(weight port target).
    type: str
    aliases:
      - value
seealso:
  - module: edgeops.cloudflare.cf_dns_record
    description: Manage one record.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_dns_record_info
    description: How the module reads a zone with API v1, and what that costs in calls.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v4_guide.cf_dns_record_info
    description: How the module reads a zone with API v4, and what that costs in calls.
"""

EXAMPLES = r"""
- name: Get every record of the zone
  edgeops.cloudflare.cf_dns_record_info:
    zone: example.com
  register: zone_records

- name: Show how many records the zone has
  ansible.builtin.debug:
    msg: "example.com has {{ zone_records.records | length }} records"

- name: Get the A records of sub.example.com
  edgeops.cloudflare.cf_dns_record_info:
    zone: example.com
    name: sub
    type: A
  register: sub_records

- name: Show their addresses
  ansible.builtin.debug:
    msg: "{{ sub_records.records | map(attribute='content') | list }}"

- name: Find which names point at 203.0.113.10
  edgeops.cloudflare.cf_dns_record_info:
    zone: example.com
    content: 203.0.113.10
  register: pointing

- name: Feed the records back into cf_dns_record, giving the A records of sub a TTL of 10 minutes
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: "{{ item.name }}"
    type: "{{ item.type }}"
    content: "{{ item.content }}"
    ttl: 600
  loop: "{{ sub_records.records }}"
  loop_control:
    label: "{{ item.name }} {{ item.type }} {{ item.content }}"
"""

RETURN = r"""
api_calls:
  description:
    - How many HTTP requests the task sent to the API, retries included.
  returned: always, also when the task fails after its options were checked
  type: int
  sample: 1
rate_limit_waits:
  description:
    - How often calls of the task waited for the API's rate limit, and for how many seconds in all.
    - The client paces its calls to stay under the limit of 1200 calls in 5 minutes, and waits
      when the API refuses a call for its rate limit (a refusal also gives a warning); both count here.
  returned: always, also when the task fails after its options were checked
  type: dict
  contains:
    count:
      description: How many times a call waited.
      type: int
      returned: always
      sample: 0
    seconds:
      description: The seconds waited in all, to a tenth of a second.
      type: float
      returned: always
      sample: 0.0
zone:
  description: The zone name, lower case, without a trailing dot.
  returned: success
  type: str
  sample: example.com
records:
  description:
    - The matching records, in the order the API lists them.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The record id.
      type: str
      returned: always
      sample: "9001"
    name:
      description: Full name of the record, lower case, without a trailing dot.
      type: str
      returned: always
      sample: sub.example.com
    type:
      description: Record type.
      type: str
      returned: always
      sample: A
    content:
      description:
        - The record's data in normalised form; IPv6 addresses compressed, host names lower
          case without a trailing dot, TXT as stored.
        - For SRV records C(weight port target).
        - For the structured types of API v4 (CAA, DS, TLSA, ...) their fields in presentation
          form; the record then also carries each field under its option name.
      type: str
      returned: always
      sample: 203.0.113.20
    ttl:
      description: Time to live in seconds; V(1) means automatic.
      type: int
      returned: always
      sample: 1
    proxied:
      description: Whether CloudFlare proxies the record; always V(false) for types that cannot be proxied.
      type: bool
      returned: always
      sample: false
    priority:
      description: Priority of an MX, SRV or URI record, V(null) for other types.
      type: int
      returned: always
      sample: 10
    comment:
      description: The record's comment, V("") when it has none; V(null) on API v1, whose records have none.
      type: str
      returned: always
      sample: web front end
    tags:
      description: The record's tags (C(name:value), sorted); V(null) on API v1, whose records have none.
      type: list
      elements: str
      returned: always
      sample: [owner:web]
    settings:
      description:
        - Each setting of the record's type (C(ipv4_only), C(ipv6_only), and C(flatten_cname) for
          CNAME records), V(true) or V(false).
        - V(null) on API v1, whose records have none.
      type: dict
      returned: always
      sample: {ipv4_only: false, ipv6_only: false}
    service:
      description: Service of an SRV record.
      type: str
      returned: for SRV records
      sample: _sip
    proto:
      description: Protocol of an SRV record.
      type: str
      returned: for SRV records
      sample: _tcp
    weight:
      description: Weight of an SRV record.
      type: int
      returned: for SRV records
      sample: 5
    port:
      description: Port of an SRV record.
      type: int
      returned: for SRV records
      sample: 5060
    target:
      description: Target host of an SRV record.
      type: str
      returned: for SRV records
      sample: sip.example.com
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.dns_record_info import (
    module_spec,
    record_info,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), record_info)


if __name__ == "__main__":
    main()
