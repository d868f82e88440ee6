#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_ip_access
short_description: Whitelist or blacklist IP addresses on a CloudFlare account, or unlist them
version_added: 0.1.0
description:
  - Puts IP addresses on the CloudFlare account's whitelist or blacklist, or takes them off
    both.
  - The lists belong to the account, not to a zone, so there is no zone option.
  - B(Every run reports a change) with API v1, which cannot read the whitelist or the blacklist
    back, so the module cannot know whether an address is already listed. It sends every address
    each time, and the result lists the mode CloudFlare confirmed for each one. Sending an
    address again is harmless; it ends up in the requested list.
  - Every address is checked and normalised before any call, and every problem is reported at
    once. An address that appears twice (in any spelling) is sent once.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
attributes:
  check_mode:
    support: full
    details:
      - Check mode makes no API call. It checks the addresses and reports what would be sent,
        in the same result shape.
  diff_mode:
    support: partial
    details:
      - The diff shows what is sent. Its C(before) side shows each address as V(unknown),
        since API v1 cannot read the lists.
  idempotent:
    support: none
    details:
      - API v1 cannot read the lists, so every run sends every address again and reports a
        change, even when the addresses were already listed that way. The end state is the same.
options:
  ip:
    description:
      - The IPv4 or IPv6 addresses to list or unlist.
      - Single addresses only, not networks. IPv6 addresses are sent in their short form, so
        V(2001:DB8:0::1) and V(2001:db8::1) are the same address.
      - An empty list sends nothing and reports no change.
    type: list
    elements: str
    required: true
  mode:
    description:
      - V(whitelist) adds the addresses to the whitelist, V(blacklist) adds them to the
        blacklist.
      - V(none) takes the addresses off both lists.
    type: str
    required: true
    choices:
      - whitelist
      - blacklist
      - none
seealso:
  - module: edgeops.cloudflare.cf_ip_info
    description: Read the threat score of IP addresses.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_ip_access
    description: What the module sends to API v1, and why API v1 cannot read the lists.
"""

EXAMPLES = r"""
# The examples leave out the credentials: set them once for a play or block with
# module_defaults (group/edgeops.cloudflare.cloudflare), or in the environment variables
# CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.

- name: Whitelist the office addresses
  edgeops.cloudflare.cf_ip_access:
    ip:
      - 198.51.100.7
      - 2001:db8::7
    mode: whitelist

- name: Show what blocking two scanners would send, with a diff, without sending it
  edgeops.cloudflare.cf_ip_access:
    ip:
      - 203.0.113.66
      - 203.0.113.67
    mode: blacklist
  check_mode: true
  diff: true
  register: preview

- name: Block the scanners
  edgeops.cloudflare.cf_ip_access:
    ip:
      - 203.0.113.66
      - 203.0.113.67
    mode: blacklist
  register: blocked

- name: Show what CloudFlare confirmed
  ansible.builtin.debug:
    msg: "{{ blocked.ips | map(attribute='ip') | join(', ') }} are now blacklisted"

- name: Take an address off both lists
  edgeops.cloudflare.cf_ip_access:
    ip: 203.0.113.67
    mode: none
"""

RETURN = r"""
api_calls:
  description:
    - How many HTTP requests the task sent to the API, retries included.
  returned: always, also when the task fails after its options were checked
  type: int
  sample: 2
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
ips:
  description:
    - One entry per address sent, in the order given, without duplicates.
    - In check mode, what would be sent.
    - When a call fails part-way, the failed result lists the addresses set before the failure.
  type: list
  elements: dict
  returned: always
  contains:
    ip:
      description: The address, in canonical form (IPv6 in short, lower-case form).
      type: str
      returned: always
      sample: 198.51.100.7
    mode:
      description: The mode CloudFlare confirmed for the address (in check mode, the one requested).
      type: str
      returned: always
      choices:
        - whitelist
        - blacklist
        - none
      sample: whitelist
  sample:
    - ip: 198.51.100.7
      mode: whitelist
    - ip: 2001:db8::7
      mode: whitelist
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.ip_access import (
    module_spec,
    set_ip_access,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), set_ip_access)


if __name__ == "__main__":
    main()
