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
  - On API v4 it also sets any zone setting by its v4 id (O(settings)), for example C(ssl),
    C(always_use_https), C(min_tls_version), C(tls_1_3), C(http3) or C(browser_cache_ttl).
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
      - V(off) exists on API v4 only; on API v1 the task fails before any call.
    type: str
    choices:
      - under_attack
      - high
      - medium
      - low
      - essentially_off
      - "off"
  cache_level:
    description:
      - How much CloudFlare caches.
      - V(aggressive) caches static content also when its URL has a query string (each query
        string separately), V(basic) only when the URL has none.
      - V(simplified) (the "ignore query string" level) can be set on API v4 only; on API v1 the
        task fails before any call.
    type: str
    choices:
      - aggressive
      - basic
      - simplified
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
      - V(manual) only handles scripts marked for it. CloudFlare retired the manual mode, so on API
        v4 V(manual) fails before any call (V(automatic) is v4's V(on)).
    type: str
    choices:
      - "off"
      - automatic
      - manual
  minify:
    description:
      - The kinds of files CloudFlare minifies.
      - An empty list turns auto-minification off. Order and repeats do not matter.
      - CloudFlare retired Auto Minify on 2024-08-05. On API v4 this option fails before any call.
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
      - CloudFlare retired Mirage in January 2026. On API v4 this option fails before any call.
    type: bool
  settings:
    description:
      - Zone settings by their API v4 id, each with its value as API v4 spells it, for example
        C(ssl) V(strict), C(always_use_https) V(on), C(min_tls_version) V(1.2) and
        C(browser_cache_ttl) V(14400).
      - Any setting of C(GET /zones/{zone_id}/settings/{setting_id}) can be named. Each costs one
        read, and one write when its value differs.
      - A value is compared with the value the API reports, in the API's spelling. A boolean is
        taken as V(on)/V(off) where the API spells the setting so, a number as a string where
        the API reports a string (C(min_tls_version)), and a string of digits as a number where
        the API reports a number (C(browser_cache_ttl)).
      - An id the API does not know fails the task after its read, with the API's error. A value
        the API refuses fails the task with the API's error, naming the setting. A setting to
        change that the API reports as not editable (C(editable) false, the zone's plan does not
        include it) fails the task before any write.
      - A setting may not be given both here and as one of the options above (for example
        O(settings) with C(ipv6) and O(ipv6)). C(minify) and C(mirage) are retired and fail
        before any call.
      - API v4 only. On API v1 a task that gives a non-empty O(settings) fails before any call.
    type: dict
notes:
  - At least one of O(security_level), O(cache_level), O(development_mode), O(ipv6),
    O(rocket_loader), O(minify), O(mirage) and O(settings) is required.
  - On API v1 the module reads every setting in one call. On API v4 it reads only the settings
    the task manages, one call each (the all-settings endpoints are deprecated), so a task that
    changes nothing costs one call for the zone lookup and one per setting.
  - The settings are changed one after the other, in the order of the options above. When a
    change fails after others succeeded, the failed result reports C(changed=true) and lists the
    settings already changed in C(changed_settings). The settings of O(settings) come last, in
    the order given.
seealso:
  - module: edgeops.cloudflare.cf_zone_info
    description: Read the settings of one or all zones, in the form this module takes them.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_zone_setting
    description: How API v1 names and spells each setting, and what a run costs in calls.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v4_guide.cf_zone_setting
    description: The calls cf_zone_setting makes on API v4 and what a run costs.
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

- name: On API v4, harden TLS and set the browser cache TTL by setting id
  edgeops.cloudflare.cf_zone_setting:
    api_token: "{{ cloudflare_api_token }}"
    zone: example.com
    security_level: medium
    settings:
      ssl: strict
      always_use_https: true
      min_tls_version: "1.2"
      tls_1_3: "on"
      http3: "on"
      browser_cache_ttl: 14400
  register: tls_settings

- name: Show the settings given by id, as API v4 spells them
  ansible.builtin.debug:
    var: tls_settings.settings_by_id
"""

RETURN = r"""
api_calls:
  description:
    - How many HTTP requests the task sent to the API, retries included.
  returned: always, also when the task fails after its options were checked
  type: int
  sample: 2
settings_by_id:
  description:
    - The settings given in O(settings), after the task (in check mode, as they would be), by
      their API v4 id and valued as API v4 spells them.
    - Empty when O(settings) is not given (always on API v1).
  returned: success
  type: dict
  sample:
    ssl: strict
    always_use_https: "on"
    browser_cache_ttl: 14400
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
    - On API v4 only the options the task names (each is read with its own call); empty when
      the task names only O(settings).
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
  description:
    - The options whose setting was changed (in check mode, would be changed), in the order they
      were sent, then the ids of O(settings) that were changed.
  returned: success
  type: list
  elements: str
  sample:
    - security_level
    - minify
development_mode_expires_on:
  description:
    - When development mode turns itself off, as a Unix time in seconds; V(null) when it is off,
      or on API v4 when the task does not name O(development_mode) (it is not read then).
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
