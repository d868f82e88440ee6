#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_zone_snapshot
short_description: Refresh the snapshot of a CloudFlare zone's website
version_added: 0.1.0
description:
  - Asks CloudFlare to take a new snapshot of the zone's website, the image shown on
    CloudFlare's challenge page.
  - CloudFlare refreshes a zone's snapshot at most once a day. When it refuses a refresh for
    that reason the task fails with a short message and RV(daily_limit_reached=true), so a
    playbook can tolerate that case with C(failed_when) (see the examples).
  - The new image can take up to an hour to appear.
  - Refreshing is an action, not a state. Every run asks again and reports a change.
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
      - Check mode makes no API call, not even the read of the zone's id. It checks the options
        and reports a change. It cannot tell whether the zone exists or the daily limit allows
        a refresh, and it does not return RV(zone_id).
  diff_mode:
    support: none
  idempotent:
    support: none
    details:
      - Refreshing is an action. Every run (outside check mode) asks for a new snapshot and
        reports a change, or fails when CloudFlare refuses it because of the daily limit.
seealso:
  - module: edgeops.cloudflare.cf_cache_purge
    description: Purge the cache of a zone.
  - module: edgeops.cloudflare.cf_zone_info
    description: Read the zones of the account, with their ids.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_zone_snapshot
    description: What the module sends to API v1, and what a refresh costs in calls.
"""

EXAMPLES = r"""
# The examples leave out the credentials: set them once for a play or block with
# module_defaults (group/edgeops.cloudflare.cloudflare), or in the environment variables
# CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.

- name: Refresh the snapshot of example.com
  edgeops.cloudflare.cf_zone_snapshot:
    zone: example.com
  register: snapshot

- name: Show the zone id that was used
  ansible.builtin.debug:
    msg: "Snapshot of zone {{ snapshot.zone_id }} requested"

- name: Refresh it again after a deploy, accepting that it was already refreshed today
  edgeops.cloudflare.cf_zone_snapshot:
    zone: example.com
  register: second_snapshot
  failed_when:
    - second_snapshot is failed
    - not (second_snapshot.daily_limit_reached | default(false))
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
zone:
  description: The zone, lower case, without a trailing dot.
  type: str
  returned: always
  sample: example.com
zone_id:
  description: The zone's numeric id, as the API reported it.
  type: int
  returned: success, outside check mode
  sample: 42
daily_limit_reached:
  description:
    - V(true) when CloudFlare refused the refresh because the zone's snapshot was already
      refreshed in the last day. The task fails in that case.
  type: bool
  returned: when the daily limit refused the refresh
  sample: true
api_error:
  description: The API's own answer when the daily limit refused the refresh.
  type: str
  returned: when the daily limit refused the refresh
  sample: "zone_grab failed: The snapshot of this zone can be refreshed once a day; try again later."
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_snapshot import (
    module_spec,
    refresh_snapshot,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), refresh_snapshot)


if __name__ == "__main__":
    main()
