#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_ip_info
short_description: Read CloudFlare's threat score of IP addresses
version_added: 0.1.0
description:
  - Looks up the threat score CloudFlare holds for each IP address.
  - CloudFlare gives a score with a label, for example C(BAD:0); the module returns them as
    RV(ips[].label) and RV(ips[].score). An address CloudFlare has no data about gets V(null)
    for both.
  - Scores are on a logarithmic scale; a higher score means a more dangerous address.
  - Every address is checked and normalised before any call, and every problem is reported at
    once. An address that appears twice (in any spelling) is looked up once.
  - Read-only; it makes the same calls in check mode.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.info_module
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
options:
  ip:
    description:
      - The IPv4 or IPv6 addresses to look up. Single addresses only, not networks.
    type: list
    elements: str
    required: true
seealso:
  - module: edgeops.cloudflare.cf_ip_access
    description: Whitelist or blacklist IP addresses.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_ip_info
    description: What the module sends to API v1, and what a lookup costs in calls.
"""

EXAMPLES = r"""
# The examples leave out the credentials: set them once for a play or block with
# module_defaults (group/edgeops.cloudflare.cloudflare), or in the environment variables
# CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.

- name: Look up two addresses
  edgeops.cloudflare.cf_ip_info:
    ip:
      - 0.0.0.0
      - 198.51.100.7
  register: threat

- name: Show each address with its score
  ansible.builtin.debug:
    msg: "{{ item.ip }}: {{ 'no data' if item.score is none else (item.label | default('score', true)) ~ ' ' ~ item.score }}"
  loop: "{{ threat.ips }}"
  loop_control:
    label: "{{ item.ip }}"

- name: Blacklist the addresses with a score
  edgeops.cloudflare.cf_ip_access:
    ip: "{{ threat.ips | selectattr('score', 'number') | map(attribute='ip') | list }}"
    mode: blacklist
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
  description: One entry per address, in the order given, without duplicates.
  type: list
  elements: dict
  returned: always
  contains:
    ip:
      description: The address, in canonical form (IPv6 in short, lower-case form).
      type: str
      returned: always
      sample: 0.0.0.0
    label:
      description:
        - The label of the score, such as V(BAD), as CloudFlare gave it.
        - V(null) when CloudFlare has no data about the address, or gave a score without a label.
      type: str
      returned: always
      sample: BAD
    score:
      description:
        - The threat score. Higher means more dangerous.
        - V(null) when CloudFlare has no data about the address, or gave no number.
      type: int
      returned: always
      sample: 0
  sample:
    - ip: 0.0.0.0
      label: BAD
      score: 0
    - ip: 198.51.100.7
      label: null
      score: null
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.ip_info import (
    gather_ip_info,
    module_spec,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), gather_ip_info)


if __name__ == "__main__":
    main()
