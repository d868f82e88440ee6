#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_cache_purge
short_description: Purge the CloudFlare cache of a zone, whole or by URL, cache tag, host or prefix
version_added: 0.1.0
description:
  - Purges cached files of a CloudFlare zone, the whole cache or by URL, and on API v4 also by
    cache tag, host name or path prefix.
  - With O(purge_everything=true), the zone's whole cache is purged. On API v1 CloudFlare allows
    this once every 20 seconds per zone; the module returns when the purge happened
    (RV(purge_timestamp)) and the wait before the next one (RV(cooldown)).
  - With O(files), each URL is purged, in the order given. API v1 takes one URL per call; API v4
    takes 30 per call (500 on the Enterprise plan), so the list is sent in calls of that size.
  - With O(tags), O(hosts) or O(prefixes) (API v4 only), the cached files with those cache
    tags, of those host names, or under those prefixes are purged, 30 per call. On API v1 these
    options fail before any call.
  - Exactly one of O(purge_everything), O(files), O(tags), O(hosts) and O(prefixes) must be set.
  - All options are checked before any call, and every problem is reported at once. In
    particular a URL, host or prefix whose host is not the zone or a name under it is rejected,
    so a typo never purges half a list.
  - When a call fails, the calls after it are not sent, and the failed result lists what the
    calls before it purged. A purge whose answer is lost is not sent again (it may or may not have
    happened); the failed result lists its items in RV(unconfirmed). Purging them again is harmless.
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
      - Only V(true) purges.
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
  tags:
    description:
      - Cache tags to purge (the values an origin sends in its C(Cache-Tag) header), such as
        V(release-42). Every cached file with one of the tags is purged.
      - API v4 only; on API v1 the task fails before any call.
      - A tag is kept as given, without surrounding spaces. It must not be empty or longer than
        1024 characters, nor hold a comma or a control character. Duplicates are purged once.
      - CloudFlare documents purging by tag, host and prefix for the Enterprise plan (its newer
        documentation for every plan); a zone whose plan does not allow it fails with the API's message.
      - An empty list purges nothing and reports no change.
    type: list
    elements: str
  hosts:
    description:
      - Host names whose cached files to purge, such as V(images.example.com).
      - API v4 only; on API v1 the task fails before any call.
      - Each must be the zone or a name under it, without a scheme, port or path. Host names are
        compared without regard to case. Duplicates are purged once.
      - An empty list purges nothing and reports no change.
    type: list
    elements: str
  prefixes:
    description:
      - URL prefixes to purge, as host and path without the scheme, such as
        V(www.example.com/images). Every cached file whose URL starts with one is purged.
      - API v4 only; on API v1 the task fails before any call.
      - The host must be the zone or a name under it; it is lower-cased, the path is kept as given.
        A prefix holds no scheme, port, query or fragment. Duplicates are purged once.
      - An empty list purges nothing and reports no change.
    type: list
    elements: str
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
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v4_guide.cf_cache_purge
    description: What the module sends to API v4, and what a purge costs in calls.
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

- name: Purge by cache tag (API v4, credentials with api_token)
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    tags:
      - release-42
      - product-page

- name: Purge everything cached under two paths (API v4)
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    prefixes:
      - www.example.com/images
      - static.example.com/css/v2

- name: Purge every cached file of a host name (API v4)
  edgeops.cloudflare.cf_cache_purge:
    zone: example.com
    hosts:
      - images.example.com

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
tags:
  description:
    - The cache tags purged, in the order given, without duplicates (API v4).
    - In check mode, the tags that would be purged; when a purge fails part-way, those purged before the failure.
  type: list
  elements: str
  returned: when O(tags) is set
  sample:
    - release-42
hosts:
  description:
    - The host names purged, lower case, in the order given, without duplicates (API v4).
    - In check mode, the hosts that would be purged; when a purge fails part-way, those purged before the failure.
  type: list
  elements: str
  returned: when O(hosts) is set
  sample:
    - images.example.com
prefixes:
  description:
    - The prefixes purged, their host in lower case, in the order given, without duplicates (API v4).
    - In check mode, the prefixes that would be purged; when a purge fails part-way, those purged before the failure.
  type: list
  elements: str
  returned: when O(prefixes) is set
  sample:
    - www.example.com/images
unconfirmed:
  description:
    - The items (URLs, tags, hosts or prefixes) of the one purge call whose answer was lost.
      They may or may not have been purged; the module does not send a purge twice blindly.
      Running the task again purges them again, which is harmless.
    - The items after them were not sent.
  type: list
  elements: str
  returned: on failure, when the answer of a purge call was lost
  sample:
    - https://www.example.com/css/site.css
purge_timestamp:
  description:
    - Unix time (seconds) of the full purge, as CloudFlare reported it.
    - V(null) if the answer did not report it, and always on API v4, whose answer holds only a purge id.
  type: int
  returned: when O(purge_everything=true), outside check mode
  sample: 1449381662
cooldown:
  description:
    - Seconds before CloudFlare allows the next full purge of the zone (20 with API v1).
    - V(null) if the answer did not report it, and always on API v4, which reports no cooldown.
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
