#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_zone_info
short_description: Read the zones of a CloudFlare account
version_added: 0.1.0
description:
  - Lists the zones of the account behind O(api_email) and O(api_key), or one zone, with the
    CloudFlare Client Interface API v1.
  - Read-only; it makes the same calls in check mode.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare.auth
  - edgeops.cloudflare.attributes
  - edgeops.cloudflare.attributes.info_module
  - edgeops.cloudflare.attributes.actiongroup_cloudflare
options:
  zone:
    description:
      - Name of the zone (domain) to report on, for example V(example.com).
      - Case and a trailing dot do not matter.
      - When left out, every zone of the account is reported.
      - The task fails when the account has no zone of this name.
    type: str
    aliases:
      - domain
  gather:
    description:
      - What to collect.
      - V(zones) returns RV(zones), the details of each zone.
      - V(zone_ids) returns RV(zone_ids), a map from zone name to numeric zone id. With O(zone)
        set and without V(zones), this takes the cheaper C(zone_check) call.
      - Each choice costs at most one API call.
    type: list
    elements: str
    choices:
      - zones
      - zone_ids
    default:
      - zones
seealso:
  - module: edgeops.cloudflare.cf_dns_record_info
    description: Read the DNS records of a zone.
"""

EXAMPLES = r"""
- name: List every zone of the account
  edgeops.cloudflare.cf_zone_info:
    api_email: "{{ cloudflare_email }}"
    api_key: "{{ cloudflare_api_key }}"
  register: account_zones

- name: Show the zone names
  ansible.builtin.debug:
    msg: "{{ account_zones.zones | map(attribute='name') | list }}"

# The tasks below take the credentials from module_defaults, set once for the whole play:
#   module_defaults:
#     group/edgeops.cloudflare.cloudflare:
#       api_email: "{{ cloudflare_email }}"
#       api_key: "{{ cloudflare_api_key }}"

- name: Get the details of example.com
  edgeops.cloudflare.cf_zone_info:
    zone: example.com
  register: example_zone

- name: Show its plan and name servers
  ansible.builtin.debug:
    msg: "{{ example_zone.zones[0].plan }} plan, served by {{ example_zone.zones[0].name_servers | join(', ') }}"

- name: Look up the numeric id of example.com
  edgeops.cloudflare.cf_zone_info:
    zone: example.com
    gather:
      - zone_ids
  register: example_ids

- name: Show the id
  ansible.builtin.debug:
    msg: "example.com has zone id {{ example_ids.zone_ids['example.com'] }}"
"""

RETURN = r"""
zones:
  description:
    - The zones, sorted by name; only O(zone) when it is set.
  returned: when O(gather) contains V(zones)
  type: list
  elements: dict
  contains:
    name:
      description: Zone name (domain), lower case, punycode for internationalised names.
      type: str
      returned: always
      sample: example.com
    id:
      description: Numeric zone id.
      type: int
      returned: always
      sample: 42
    status:
      description: Whether CloudFlare serves the zone.
      type: str
      returned: always
      choices:
        - active
        - deactivated
      sample: active
    development_mode:
      description: Whether development mode (cache bypass) is on.
      type: bool
      returned: always
      sample: false
    type:
      description:
        - V(full) for a zone on CloudFlare's name servers, V(partial) for one set up through a
          hosting partner (CNAME setup).
      type: str
      returned: always
      sample: full
    plan:
      description: The zone's plan, such as V(free), V(pro), V(business) or V(enterprise).
      type: str
      returned: always
      sample: free
    name_servers:
      description: The CloudFlare name servers assigned to the zone (empty for partial zones).
      type: list
      elements: str
      returned: always
      sample:
        - norm.ns.cloudflare.com
        - pat.ns.cloudflare.com
    original_name_servers:
      description: The name servers the zone had before it moved to CloudFlare, when known.
      type: list
      elements: str
      returned: always
      sample:
        - ns1.nameserver.com
        - ns2.nameserver.com
    hosting_partner:
      description: Name of the hosting partner for partial zones, else V(null).
      type: str
      returned: always
      sample: null
  sample:
    - name: example.com
      id: 42
      status: active
      development_mode: false
      type: full
      plan: free
      name_servers:
        - norm.ns.cloudflare.com
        - pat.ns.cloudflare.com
      original_name_servers: []
      hosting_partner: null
zone_ids:
  description:
    - Map from zone name to numeric zone id, for O(zone) or for every zone of the account.
  returned: when O(gather) contains V(zone_ids)
  type: dict
  sample:
    example.com: 42
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec, run
from ansible_collections.edgeops.cloudflare.plugins.module_utils._zone_info import (
    gather_zone_info,
    zone_info_argument_spec,
)


def main() -> None:
    argument_spec = auth_argument_spec()
    argument_spec.update(zone_info_argument_spec())
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    run(module, lambda client: gather_zone_info(client, zone=module.params["zone"], gather=module.params["gather"]))


if __name__ == "__main__":
    main()
