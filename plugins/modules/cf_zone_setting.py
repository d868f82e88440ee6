#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_zone_setting
short_description: Manage the settings of a CloudFlare zone
version_added: 0.1.0
description:
  - Sets the security level, caching level, development mode, IPv6 support, Rocket Loader,
    auto-minification and Mirage of a zone.
  - Only the settings a task names are managed; the others are left as they are.
  - The module reads the zone's settings and changes only the named settings whose value
    differs. When every named setting already has its value, it makes no change.
  - A value the API reports that no option value stands for (for example the caching level
    C(iqs), "simplified", or IPv6 mode C(2), "safe") is shown as the API reports it and counts
    as different from any value of the option, so naming the setting replaces it.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._zone
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
attributes:
  check_mode:
    support: full
    details:
      - In check mode the module reads the settings and reports what it would change, without
        changing anything.
  diff_mode:
    support: full
    details:
      - The diff shows the named settings before and after the task.
  idempotent:
    support: full
    details:
      - Turning development mode on while it is on is no change; the module does not extend
        the time it stays on. Once CloudFlare has turned it off again (three hours after it was
        turned on), the next run turns it on again and reports a change.
options:
  security_level:
    description:
      - How strictly CloudFlare challenges visitors with a poor reputation.
      - V(under_attack) is the "I'm Under Attack!" mode, which shows every visitor a check page first.
    type: str
    choices:
      - under_attack
      - high
      - medium
      - low
      - essentially_off
  cache_level:
    description:
      - How much CloudFlare caches.
      - V(aggressive) caches static content also when its URL has a query string (each query
        string separately), V(basic) only when the URL has none.
    type: str
    choices:
      - aggressive
      - basic
  development_mode:
    description:
      - Whether development mode is on. It bypasses the cache so that changes on the origin
        show at once.
      - CloudFlare turns development mode off by itself three hours after it was turned on.
        RV(development_mode_expires_on) and RV(development_mode_seconds_left) say when.
    type: bool
  ipv6:
    description:
      - Whether CloudFlare answers over IPv6 for the zone (full IPv6 support).
    type: bool
  rocket_loader:
    description:
      - Rocket Loader, which loads the JavaScript of the pages asynchronously.
      - V(manual) only handles scripts marked for it.
    type: str
    choices:
      - "off"
      - automatic
      - manual
  minify:
    description:
      - The kinds of files CloudFlare minifies.
      - An empty list turns auto-minification off. Order and repeats do not matter.
    type: list
    elements: str
    choices:
      - js
      - css
      - html
  mirage:
    description:
      - Whether Mirage (faster image loading for mobile visitors) is on.
      - The v1 API documents no way to read this setting back. The collection's simulator reports
        it; against a server that does not, the module sets it on every run and reports a change.
    type: bool
notes:
  - At least one of O(security_level), O(cache_level), O(development_mode), O(ipv6),
    O(rocket_loader), O(minify) and O(mirage) is required.
  - The settings are changed one after the other, in the order of the options above. When a
    change fails after others succeeded, the failed result reports C(changed=true) and lists the
    settings already changed in C(changed_settings).
seealso:
  - module: edgeops.cloudflare.cf_zone_info
    description: Read the settings of one or all zones, in the form this module takes them.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_zone_setting
    description: How API v1 names and spells each setting, and what a run costs in calls.
"""

EXAMPLES = r"""
- name: Raise the security level of example.com
  edgeops.cloudflare.cf_zone_setting:
    api_email: "{{ cloudflare_email }}"
    api_key: "{{ cloudflare_api_key }}"
    zone: example.com
    security_level: high

# The tasks below take the credentials from module_defaults, set for example on the play:
#   module_defaults:
#     group/edgeops.cloudflare.cloudflare:
#       api_email: "{{ cloudflare_email }}"
#       api_key: "{{ cloudflare_api_key }}"

- name: Cache aggressively, minify scripts and styles, load scripts with Rocket Loader
  edgeops.cloudflare.cf_zone_setting:
    zone: example.com
    cache_level: aggressive
    minify:
      - js
      - css
    rocket_loader: automatic
    ipv6: true
  register: tuned_settings

- name: Show every setting of the zone
  ansible.builtin.debug:
    var: tuned_settings.settings

- name: Bypass the cache while the site is being worked on
  edgeops.cloudflare.cf_zone_setting:
    zone: example.com
    development_mode: true
  register: dev_mode

- name: Show how long development mode stays on
  ansible.builtin.debug:
    msg: "Development mode turns itself off in {{ dev_mode.development_mode_seconds_left }} seconds"

- name: Turn development mode and auto-minification off again
  edgeops.cloudflare.cf_zone_setting:
    zone: example.com
    development_mode: false
    minify: []
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
settings:
  description:
    - Every setting the module knows, after the task (in check mode, as it would be), named and
      valued like the module's options.
    - A value the API reports that no option value stands for is returned as the API reports it,
      for example V(iqs) for O(cache_level) or V(2) for O(ipv6).
  returned: success
  type: dict
  contains:
    security_level:
      description: The security level.
      type: str
      returned: success
      sample: high
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
      description: The Rocket Loader mode.
      type: str
      returned: success
      sample: automatic
    minify:
      description: The kinds of files minified, in the order V(js), V(css), V(html); empty when off.
      type: list
      elements: str
      returned: success
      sample:
        - js
        - css
    mirage:
      description: Whether Mirage is on (as reported; V(null) when the API does not report it).
      type: bool
      returned: success
      sample: false
  sample:
    security_level: high
    cache_level: aggressive
    development_mode: false
    ipv6: true
    rocket_loader: automatic
    minify:
      - js
      - css
    mirage: false
changed_settings:
  description: The options whose setting was changed (in check mode, would be changed), in the order they were sent.
  returned: success
  type: list
  elements: str
  sample:
    - security_level
    - minify
development_mode_expires_on:
  description:
    - When development mode turns itself off, as a Unix time in seconds; V(null) when it is off.
    - In check mode, when the task would turn it on, the expected time three hours from now.
  returned: success
  type: int
  sample: 1798369200
development_mode_seconds_left:
  description:
    - Seconds until development mode turns itself off, by the clock of the host the module
      runs on; V(null) when it is off.
  returned: success
  type: int
  sample: 10800
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_setting import (
    module_spec,
    zone_setting,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), zone_setting)


if __name__ == "__main__":
    main()
