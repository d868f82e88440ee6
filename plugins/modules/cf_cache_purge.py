#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_cache_purge
short_description: Purge the CloudFlare cache of a zone, whole or URL by URL
version_added: 0.1.0
description:
  - Purges cached files of a CloudFlare zone, the whole cache or URL by URL.
  - With O(purge_everything=true), the zone's whole cache is purged. CloudFlare allows this once
    every 20 seconds per zone; the module returns when the purge happened (RV(purge_timestamp))
    and the wait before the next one (RV(cooldown)).
  - With O(files), each URL is purged, in the order given.
  - All options are checked before any call, and every problem is reported at once. In
    particular a URL whose host is not the zone or a name under it is rejected, so a typo never
    purges half a list.
  - Purging is an action, not a state. Every run purges again and reports a change.
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
      - Check mode makes no API call. It checks the options and reports what would be purged,
        in the same result shape, without RV(purge_timestamp) and RV(cooldown).
  diff_mode:
    support: none
  idempotent:
    support: none
    details:
      - Purging is an action. Every run (outside check mode) purges again and reports a change.
options:
  purge_everything:
    description:
      - Purge every cached file of the zone.
      - Only V(true) purges. Exactly one of O(purge_everything) and O(files) must be set.
      - The whole cache can take hours to refill, so prefer O(files) where the changed URLs are known.
    type: bool
  files:
    description:
      - Full URLs of the files to purge, such as V(https://www.example.com/css/site.css).
      - The host of each URL must be the zone or a name under it.
      - V(http://) and V(https://) URLs of the same file are separate cache entries; list both
        to purge both.
      - Duplicates are purged once. Scheme and host are compared without regard to case, a
        C(#fragment) is ignored, and a URL without a path means V(/).
      - An empty list purges nothing and reports no change, which suits a computed list.
    type: list
    elements: str
    aliases:
      - urls
notes:
  - The module suits a handler well. Put the task under the play's C(handlers) and notify it
    from the tasks that publish files; it then runs once, after all of them. Add
    C(run_once=true) when the play has several hosts, so the zone is purged once, not once per host.
  - To purge from the command line, with the credentials in E(CLOUDFLARE_EMAIL) and E(CLOUDFLARE_API_KEY)
    run C(ansible localhost -m edgeops.cloudflare.cf_cache_purge -a "zone=example.com purge_everything=true").
seealso:
  - module: edgeops.cloudflare.cf_zone_snapshot
    description: Refresh the snapshot shown on the challenge page of a zone.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_cache_purge
    description: What the module sends to API v1, and what a purge costs in calls.
"""

EXAMPLES = r"""
# The examples leave out the credentials: set them once for a play or block with
# module_defaults (group/edgeops.cloudflare.cloudflare), or in the environment variables
# CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.

- name: Purge a stylesheet, over http and https (separate cache entries)
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    files:
      - http://www.example.com/css/site.css
      - https://www.example.com/css/site.css

- name: Show what would be purged, without purging
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    files:
      - https://www.example.com/
      - https://www.example.com/index.html
  check_mode: true
  register: preview

- name: List the URLs
  ansible.builtin.debug:
    msg: "{{ preview.files | join(', ') }}"

- name: Purge the whole cache, waiting out the 20 second cooldown if a purge just ran
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    purge_everything: true
  register: full_purge
  until: full_purge is succeeded
  retries: 2
  delay: 20

- name: Say when the next full purge is allowed
  ansible.builtin.debug:
    msg: "Purged at {{ full_purge.purge_timestamp }}; next full purge allowed {{ full_purge.cooldown }} s later"

# The same task as a handler: list it under the play's "handlers:" and notify it by name from
# the tasks that publish new files; it then runs once, after all of them.
- name: Purge the published pages
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    files:
      - https://www.example.com/index.html
      - https://www.example.com/about.html
  run_once: true
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
  description: The zone, lower case, without a trailing dot.
  type: str
  returned: always
  sample: example.com
files:
  description:
    - The URLs purged, in the order given, without duplicates and in the normalised form
      described under O(files).
    - In check mode, the URLs that would be purged.
    - When a purge fails part-way, the failed result lists the URLs purged before the failure.
  type: list
  elements: str
  returned: when O(files) is set
  sample:
    - http://www.example.com/css/site.css
    - https://www.example.com/css/site.css
purge_timestamp:
  description:
    - Unix time (seconds) of the full purge, as CloudFlare reported it.
    - V(null) if the answer did not report it.
  type: int
  returned: when O(purge_everything=true), outside check mode
  sample: 1449381662
cooldown:
  description:
    - Seconds before CloudFlare allows the next full purge of the zone (20 with API v1).
    - V(null) if the answer did not report it.
  type: int
  returned: when O(purge_everything=true), outside check mode
  sample: 20
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.cache_purge import (
    module_spec,
    purge_cache,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), purge_cache)


if __name__ == "__main__":
    main()
