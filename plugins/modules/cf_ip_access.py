#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_ip_access
short_description: Manage CloudFlare IP access rules (API v4), or the whitelist and blacklist (API v1)
version_added: 0.1.0
description:
  - B(On API v4) the module manages IP access rules. A rule matches a value and applies a mode
    (V(whitelist), V(block), V(challenge), V(js_challenge), V(managed_challenge)) to the
    requests that come from it; it carries notes. The rules belong to an account (the default,
    O(scope=account)) or to one zone (O(scope=zone)).
  - What a rule matches is told by the form of its value, as CloudFlare's targets have it. An
    IPv4 address (target C(ip)), an IPv6 address (C(ip6)), an IPv4 /16 or /24 or an IPv6 /32,
    /48 or /64 network (C(ip_range)), an autonomous system such as V(AS13335) (C(asn)), or an
    ISO 3166-1 alpha-2 country code such as V(NL), or V(T1) for Tor (C(country)). A scope has one
    rule per value.
  - On API v4 the module reads every rule of the scope once (all pages), compares, and writes
    only the differences. A rule whose mode or notes differ is changed in place and keeps its id.
    A task that changes nothing reports no change, and check mode and the diff show exactly what
    would be written.
  - Only the rules the task names are touched, unless O(prune=true). Then every other rule of
    the scope is deleted, within O(max_deletes).
  - B(On API v1) the module puts single addresses on the account's whitelist or blacklist, or
    takes them off both (O(ip) and O(mode) only). B(Every run reports a change) there, since API v1
    cannot read the lists back, so the module cannot know whether an address is already
    listed. It sends every address each time, and the result lists the mode CloudFlare confirmed
    for each one. Sending an address again is harmless; it ends up in the requested list.
  - The O(ip) and O(mode) form works on both APIs. On API v4, V(blacklist) means V(block) and
    V(none) deletes the address's rule.
  - Every value and option is checked before any call, and every problem is reported at once.
    An option or mode only API v4 has is refused on API v1, before any call.
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
      - On API v4, check mode reads the rules and writes nothing; the result and the diff say
        what would be written.
      - On API v1, check mode makes no API call. It checks the addresses and reports what would
        be sent, in the same result shape.
  diff_mode:
    support: full
    details:
      - On API v4 the diff shows every rule the task names (and with O(prune=true) every rule of
        the scope) before and after, keyed by value, with its target, mode and notes.
      - On API v1 the diff shows what is sent. Its C(before) side shows each address as
        V(unknown), since API v1 cannot read the lists.
  idempotent:
    support: partial
    details:
      - On API v4 the module is idempotent. A second run of the same task reports no change and
        writes nothing.
      - API v1 cannot read the lists, so every run sends every address again and reports a
        change, even when the addresses were already listed that way. The end state is the same.
options:
  ip:
    description:
      - The IPv4 or IPv6 addresses to list or unlist, with O(mode).
      - Single addresses only, not networks (use O(rules) on API v4 for networks, AS numbers and
        countries). IPv6 addresses are sent in their short form, so V(2001:DB8:0::1) and
        V(2001:db8::1) are the same address.
      - An empty list sends nothing and reports no change.
      - Exactly one of O(ip) and O(rules) is required.
    type: list
    elements: str
  mode:
    description:
      - What to do with the addresses of O(ip); required with O(ip).
      - V(whitelist) adds the addresses to the whitelist, V(blacklist) adds them to the
        blacklist (on API v4, a rule of mode V(block)).
      - V(none) takes the addresses off both lists (on API v4, deletes their rules).
      - V(block), V(challenge), V(js_challenge) and V(managed_challenge) are API v4 modes.
    type: str
    choices:
      - whitelist
      - blacklist
      - none
      - block
      - challenge
      - js_challenge
      - managed_challenge
  notes:
    description:
      - API v4 only. The notes of the rules O(ip) makes or changes. Left out, a rule keeps its
        notes (a new one gets none).
    type: str
  rules:
    description:
      - API v4 only. The rules of the scope to manage, one entry per value.
      - Exactly one of O(ip) and O(rules) is required.
    type: list
    elements: dict
    suboptions:
      value:
        description:
          - What the rule matches; its form tells the target (see the description).
          - V(198.51.100.7), V(2001:db8::7), V(198.51.0.0/16), V(203.0.113.0/24),
            V(2001:db8::/48), V(AS13335), V(NL), V(T1). A network must be given by its first
            address. Case does not matter.
        type: str
        required: true
      mode:
        description:
          - The rule's mode; required when O(rules[].state=present). V(blacklist) means V(block).
        type: str
        choices:
          - whitelist
          - block
          - challenge
          - js_challenge
          - managed_challenge
          - blacklist
      notes:
        description:
          - The rule's notes. Left out, a rule keeps its notes (a new one gets none); V("")
            clears them.
        type: str
      state:
        description:
          - V(present) makes the rule or changes its mode and notes; V(absent) deletes it.
        type: str
        choices:
          - present
          - absent
        default: present
  scope:
    description:
      - API v4 only. Where the rules live. V(account) (the default) applies them to every zone of
        the account, V(zone) to O(zone) only.
    type: str
    choices:
      - account
      - zone
  zone:
    description:
      - API v4 only. With O(scope=zone), the zone whose rules the task manages.
      - With O(scope=account) and no O(account_id), the account is the one this zone belongs to.
    type: str
  account_id:
    description:
      - API v4 only. The id of the account whose rules the task manages (O(scope=account)).
      - Left out, the account is that of O(zone), or when no zone is given either, the one
        account the credentials' zones belong to (the task fails when they belong to several).
    type: str
  prune:
    description:
      - API v4 only. Whether to delete every rule of the scope that the task does not name, so
        that the task describes the whole scope.
    type: bool
    default: false
  max_deletes:
    description:
      - API v4 only. The most rules the task may delete, pruned rules and rules of state
        V(absent) together. A plan that deletes more is refused, in check mode too, before any
        write. Left out, 10.
    type: int
notes:
  - "API calls on API v4: one call per page of the scope's rules (1,000 rules a page), one more to
    look up O(zone) when it is given, or, with neither O(zone) nor O(account_id), one C(GET /zones)
    to find the account; then one call per rule created, changed or deleted. A task that changes
    nothing with O(account_id) given costs 1 call per page."
seealso:
  - module: edgeops.cloudflare.cf_ip_info
    description: Read the threat score of IP addresses.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_ip_access
    description: What the module sends to API v1, and why API v1 cannot read the lists.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v4_guide
    description: The module on API v4, its calls and costs.
"""

EXAMPLES = r"""
# The examples leave out the credentials: set them once for a play or block with
# module_defaults (group/edgeops.cloudflare.cloudflare), or in the environment variables
# CLOUDFLARE_API_TOKEN (API v4) or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY. The first five
# work on API v1 and v4, the last two on API v4 only.

- name: Whitelist the office addresses (API v1 or v4)
  edgeops.cloudflare.cf_ip_access:
    ip:
      - 198.51.100.7
      - 2001:db8::7
    mode: whitelist

- name: Show what blocking two scanners would do, with a diff, without doing it
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

- name: Take an address off both lists (on API v4, delete its rule)
  edgeops.cloudflare.cf_ip_access:
    ip: 203.0.113.67
    mode: none

- name: Rules of every kind of target, for the account that example.com belongs to (API v4)
  edgeops.cloudflare.cf_ip_access:
    # Or account_id: the id of the account, which saves the zone lookup.
    zone: example.com
    rules:
      - value: 198.51.100.7
        mode: whitelist
        notes: office
      - value: 203.0.113.0/24
        mode: managed_challenge
      - value: AS64496
        mode: js_challenge
      - value: T1
        mode: challenge
        notes: Tor exits
      - value: 192.0.2.1
        state: absent

- name: The zone's rules are these and no others (API v4)
  edgeops.cloudflare.cf_ip_access:
    scope: zone
    zone: example.com
    rules:
      - value: NL
        mode: whitelist
      - value: 2001:db8::/48
        mode: block
    prune: true
    max_deletes: 50
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
    - With O(ip), one entry per address, in the order given, without duplicates.
    - On API v1, in check mode what would be sent. When a call fails part-way, the failed result
      lists the addresses set before the failure.
  type: list
  elements: dict
  returned: with O(ip)
  contains:
    ip:
      description: The address, in canonical form (IPv6 in short, lower-case form).
      type: str
      returned: always
      sample: 198.51.100.7
    mode:
      description:
        - On API v1, the mode CloudFlare confirmed for the address (in check mode, the one requested).
        - On API v4, the mode requested; RV(rules) says what was done.
      type: str
      returned: always
      sample: whitelist
  sample:
    - ip: 198.51.100.7
      mode: whitelist
    - ip: 2001:db8::7
      mode: whitelist
scope:
  description: API v4. The scope whose rules the task read, with the account's or the zone's id.
  type: dict
  returned: on API v4
  contains:
    type:
      description: V(account) or V(zone).
      type: str
      returned: always
      sample: account
    id:
      description: The id of the account or of the zone.
      type: str
      returned: always
      sample: 023e105f4ecef8ad9ca31a8372d0c353
rules:
  description:
    - API v4. One entry per entry of the task, in the order given, then (with O(prune=true)) one
      per rule pruned. In check mode, what would be done.
    - When a write fails part-way, the failed result lists under this key the rules written before
      the failure.
  type: list
  elements: dict
  returned: on API v4
  contains:
    value:
      description: The value, in canonical form (an ASN and a country code in upper case).
      type: str
      returned: always
      sample: 203.0.113.0/24
    target:
      description: What the value is.
      type: str
      returned: always
      choices:
        - ip
        - ip6
        - ip_range
        - asn
        - country
      sample: ip_range
    mode:
      description: The rule's mode after the task (for a rule deleted or absent, its mode before, or null).
      type: str
      returned: always
      sample: managed_challenge
    notes:
      description: The rule's notes after the task (for a rule deleted or absent, before, or null).
      type: str
      returned: always
      sample: office
    state:
      description: Whether the rule is there after the task.
      type: str
      returned: always
      choices:
        - present
        - absent
      sample: present
    action:
      description: What the task did to the rule (in check mode, would do).
      type: str
      returned: always
      choices:
        - created
        - updated
        - deleted
        - unchanged
      sample: created
    pruned:
      description: Whether the rule was deleted because O(prune=true) and the task does not name it.
      type: bool
      returned: always
      sample: false
    id:
      description: The rule's id (null for a rule not created yet, in check mode, or absent).
      type: str
      returned: always
      sample: 92f17202ed8bd63d69a66b86a49a8f6b
created:
  description: API v4. How many rules were created (in check mode, would be).
  type: int
  returned: on API v4
  sample: 1
updated:
  description: API v4. How many rules had their mode or notes changed in place.
  type: int
  returned: on API v4
  sample: 0
deleted:
  description: API v4. How many rules were deleted, pruned ones included.
  type: int
  returned: on API v4
  sample: 0
unchanged:
  description: API v4. How many entries needed no write.
  type: int
  returned: on API v4
  sample: 3
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
