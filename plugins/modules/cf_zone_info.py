#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_zone_info
short_description: Read the zones of a CloudFlare account, their settings, traffic and visitors
version_added: 0.1.0
description:
  - Lists the zones of the account the credentials belong to, or one zone, and can gather each
    zone's settings, traffic statistics and recent visitors.
  - Traffic statistics and visitors are read on API v1 only. API v4 serves them through
    CloudFlare's GraphQL API only, so on API v4 a task that gathers them fails before any call.
  - Read-only; it makes the same calls in check mode.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.info_module
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
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
      - V(zone_ids) returns RV(zone_ids), a map from zone name to zone id.
      - V(settings) returns RV(settings), the settings of each zone named and valued like the
        options of M(edgeops.cloudflare.cf_zone_setting), so they can be fed back to it.
      - V(stats) returns RV(stats), the traffic statistics of each zone over O(stats_interval).
        API v1 only.
      - V(visitors) returns RV(visitors), the recent visitors of each zone (see the C(visitors_*)
        options). API v1 only.
    type: list
    elements: str
    choices:
      - zones
      - zone_ids
      - settings
      - stats
      - visitors
    default:
      - zones
  stats_interval:
    description:
      - The period of the statistics of O(gather=stats).
      - V(30d), V(7d) and V(1d) are the past 30 days, 7 days and day; their data lags one day
        behind. Every plan has them.
      - V(24h), V(12h) and V(6h) are the last 24, 12 and 6 hours. Only Pro zones have them;
        asking for them on another zone fails.
    type: str
    choices:
      - 30d
      - 7d
      - 1d
      - 24h
      - 12h
      - 6h
    default: 30d
  visitors_hours:
    description:
      - How many hours back O(gather=visitors) looks, from 1 to 48.
    type: int
    default: 24
  visitors_class:
    description:
      - Only report visitors of this class with O(gather=visitors); all classes when left out.
      - V(crawler) is a search engine's crawler, V(threat) a visitor CloudFlare considers a threat.
    type: str
    choices:
      - regular
      - crawler
      - threat
  visitors_geo:
    description:
      - With O(gather=visitors), also report where each visitor is (latitude and longitude).
    type: bool
    default: false
seealso:
  - module: edgeops.cloudflare.cf_zone_setting
    description: Change the settings this module reads.
  - module: edgeops.cloudflare.cf_dns_record_info
    description: Read the DNS records of a zone.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_zone_info
    description: What each kind of information costs in API v1 calls.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v4_guide.cf_zone_info
    description: What each kind of information costs in API v4 calls, and what API v4 does not serve.
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

- name: Look up the id of example.com
  edgeops.cloudflare.cf_zone_info:
    zone: example.com
    gather:
      - zone_ids
  register: example_ids

- name: Show the id
  ansible.builtin.debug:
    msg: "example.com has zone id {{ example_ids.zone_ids['example.com'] }}"

- name: Read the settings of example.com
  edgeops.cloudflare.cf_zone_info:
    zone: example.com
    gather:
      - settings
  register: example_settings

- name: Give example.org the same security, caching and minification as example.com
  edgeops.cloudflare.cf_zone_setting:
    zone: example.org
    security_level: "{{ example_settings.settings['example.com'].security_level }}"
    cache_level: "{{ example_settings.settings['example.com'].cache_level }}"
    minify: "{{ example_settings.settings['example.com'].minify }}"

- name: Read the traffic of every zone over the past 7 days
  edgeops.cloudflare.cf_zone_info:
    gather:
      - stats
    stats_interval: 7d
  register: weekly

- name: Show the page views of each zone
  ansible.builtin.debug:
    msg: "{{ item.key }}: {{ item.value.pageviews.regular }} page views by people, {{ item.value.pageviews.threat }} by threats"
  loop: "{{ weekly.stats | dict2items }}"
  loop_control:
    label: "{{ item.key }}"

- name: List the threats that visited example.com in the last 6 hours, with their location
  edgeops.cloudflare.cf_zone_info:
    zone: example.com
    gather:
      - visitors
    visitors_hours: 6
    visitors_class: threat
    visitors_geo: true
  register: threats

- name: Show their addresses
  ansible.builtin.debug:
    msg: "{{ threats.visitors['example.com'] | map(attribute='ip') | list }}"
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
      description: Zone id, a number on API v1 and a string of 32 hexadecimal digits on API v4.
      type: raw
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
    - Map from zone name to zone id, for O(zone) or for every zone of the account.
    - A zone id is a number on API v1 and a string of 32 hexadecimal digits on API v4.
  returned: when O(gather) contains V(zone_ids)
  type: dict
  sample:
    example.com: 42
settings:
  description:
    - Map from zone name to the settings of that zone, for O(zone) or for every zone of the
      account. Each value holds the fields below.
    - The settings are named and valued like the options of M(edgeops.cloudflare.cf_zone_setting),
      so they can be fed back to it. A value the API reports that no option value stands for is
      returned as the API reports it, for example V(iqs) for the caching level or V(2) for IPv6 on
      API v1, and V(off) for the security level or V(simplified) for the caching level on API v4.
  returned: when O(gather) contains V(settings)
  type: dict
  contains:
    security_level:
      description: The security level.
      type: str
      returned: success
      sample: medium
    cache_level:
      description: The caching level.
      type: str
      returned: success
      sample: aggressive
    development_mode:
      description: Whether development mode is on.
      type: bool
      returned: success
      sample: false
    ipv6:
      description: Whether IPv6 support is on.
      type: bool
      returned: success
      sample: true
    rocket_loader:
      description: The Rocket Loader mode, V(off), V(automatic) or, on API v1 only, V(manual).
      type: str
      returned: success
      sample: "off"
    minify:
      description: The kinds of files minified, in the order V(js), V(css), V(html); empty when off.
      type: list
      elements: str
      returned: on API v1 (CloudFlare retired minification on API v4)
      sample:
        - js
        - css
    mirage:
      description: Whether Mirage is on (V(null) when the API does not report it).
      type: bool
      returned: on API v1 (CloudFlare retired Mirage on API v4)
      sample: false
  sample:
    example.com:
      security_level: medium
      cache_level: aggressive
      development_mode: false
      ipv6: true
      rocket_loader: "off"
      minify: []
      mirage: false
stats:
  description:
    - Map from zone name to the traffic statistics of that zone over O(stats_interval), for
      O(zone) or for every zone of the account. Each value holds the fields below.
  returned: when O(gather) contains V(stats)
  type: dict
  contains:
    interval:
      description: The period, as given in O(stats_interval).
      type: str
      returned: success
      sample: 30d
    start:
      description: Start of the period, ISO 8601 in UTC.
      type: str
      returned: success
      sample: "2026-10-28T12:00:00Z"
    end:
      description: End of the period, ISO 8601 in UTC.
      type: str
      returned: success
      sample: "2026-11-27T12:00:00Z"
    pageviews:
      description: Page views by V(regular) visitors, by V(threat)s and by V(crawler)s.
      type: dict
      returned: success
      sample:
        regular: 2640
        threat: 27
        crawler: 4
    uniques:
      description: Unique visitors, by the same classes as the page views.
      type: dict
      returned: success
      sample:
        regular: 223
        threat: 16
        crawler: 4
    requests:
      description:
        - Requests served by CloudFlare (V(cloudflare)) and passed on to the origin server (V(origin)).
      type: dict
      returned: success
      sample:
        cloudflare: 4173
        origin: 3697
    bandwidth:
      description:
        - Bandwidth served by CloudFlare (V(cloudflare)) and by the origin server (V(origin)), in the
          unit the API reports (kilobytes, as far as is known).
      type: dict
      returned: success
      sample:
        cloudflare: 78278.706054688
        origin: 58909.374023438
    pro_zone:
      description: Whether the zone is on a Pro plan.
      type: bool
      returned: success
      sample: false
    page_load_time:
      description: Page load time data, when the API reports any (usually V(null)).
      type: raw
      returned: success
      sample: null
visitors:
  description:
    - Map from zone name to the recent visitors of that zone, for O(zone) or for every zone of the
      account. Each value is a list of visitors, in the order the API lists them, with the fields
      below.
  returned: when O(gather) contains V(visitors)
  type: dict
  contains:
    ip:
      description: The visitor's IP address.
      type: str
      returned: success
      sample: 198.51.100.7
    classification:
      description: V(regular), V(crawler) or V(threat).
      type: str
      returned: success
      sample: regular
    hits:
      description: Requests from this address in the period.
      type: int
      returned: success
      sample: 44
    latitude:
      description: Where the visitor is; V(null) when the API has no location for it.
      type: float
      returned: when O(visitors_geo=true)
      sample: 37.76969909668
    longitude:
      description: Where the visitor is; V(null) when the API has no location for it.
      type: float
      returned: when O(visitors_geo=true)
      sample: -122.39330291748
  sample:
    example.com:
      - ip: 198.51.100.7
        classification: regular
        hits: 44
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_info import (
    gather_zone_info,
    module_spec,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), gather_zone_info)


if __name__ == "__main__":
    main()
