# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this doc fragment is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

from __future__ import annotations


class ModuleDocFragment:
    """Options shared by every module: the credentials, the API version and how to reach the API."""

    DOCUMENTATION = r"""
options:
  api_token:
    description:
      - An API token of the CloudFlare API v4, sent in the C(Authorization) header as C(Bearer <token>).
      - A token means API v4 (see O(api_version)).
      - If not set, the value of the environment variable E(CLOUDFLARE_API_TOKEN) is used.
      - The token is never shown in results, errors or diffs.
    type: str
  api_email:
    description:
      - E-mail address of the CloudFlare account that owns O(api_key).
      - If not set, the value of the environment variable E(CLOUDFLARE_EMAIL) is used.
      - Needed, with O(api_key), when no O(api_token) is given. The task fails before any call
        when neither the option nor the environment gives a value (or the value is empty), saying
        where it looked.
    type: str
    aliases:
      - account_email
  api_key:
    description:
      - The account's global API key. It means API v1 unless O(api_version=v4) is set; on API v4 it
        is sent in the C(X-Auth-Key) header, with O(api_email) in C(X-Auth-Email).
      - If not set, the value of the environment variable E(CLOUDFLARE_API_KEY) is used.
      - Needed, with O(api_email), when no O(api_token) is given. The task fails before any call
        when neither the option nor the environment gives a value (or the value is empty), saying
        where it looked.
      - The key is never shown in results, errors or diffs.
    type: str
    aliases:
      - account_api_key
  api_version:
    description:
      - Which CloudFlare API the task talks to, V(v1) (the Client Interface API, C(api_json.html))
        or V(v4).
      - If not set, the value of the environment variable E(CLOUDFLARE_API_VERSION) is used. When
        neither sets it, the version is V(v4) when O(api_token) is given and V(v1) otherwise.
      - O(api_token) together with V(v1) is an error, since API v1 knows no tokens.
      - CloudFlare switched API v1 off in 2016; it is kept for the simulator and for servers that
        still speak it. A v1 endpoint that answers C(HTTP 410 Gone) fails the task with a message
        that says how to move to API v4.
      - On API v4, this release manages zones (M(edgeops.cloudflare.cf_zone_info), without
        statistics and visitors, which API v4 serves through GraphQL only) and single DNS records
        (M(edgeops.cloudflare.cf_dns_record), M(edgeops.cloudflare.cf_dns_record_info)). The other
        modules fail on API v4 before any call, saying so.
    type: str
    choices:
      - v1
      - v4
  api_url:
    description:
      - URL of the API endpoint. Point it at another server, such as the collection's simulator,
        for tests.
      - If not set, the value of the environment variable E(CLOUDFLARE_API_URL) is used. When
        neither sets it, the endpoint depends on the API version (see O(api_version)), and is
        V(https://www.cloudflare.com/api_json.html) for V(v1) and
        V(https://api.cloudflare.com/client/v4) for V(v4).
      - An address of the other version (one ending in C(api_json.html) for API v4, or in
        C(/client/v4) for API v1) fails the task before any call.
    type: str
  validate_certs:
    description:
      - Whether to check the TLS certificate of O(api_url).
      - Only set to V(false) for test servers with self-signed certificates.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates to check the server's certificate against, instead of the
        system's trust store.
      - Ignored when O(validate_certs=false).
    type: path
  timeout:
    description:
      - Seconds to wait for the connection and for each answer of a single HTTP request.
      - Failed requests are retried a few times with growing pauses (only when that is safe), so
        a task can take longer than this.
    type: float
    default: 30
requirements:
  - requests
notes:
  - Calls are paced to stay within the API's rate limit, together with the other tasks on the
    same machine that use the same account. When the API still refuses a call for its rate limit,
    the task waits and sends the call again, for up to 5 minutes. Connection faults and server
    errors are retried where a repeat is safe; a host name that does not resolve, a refused
    connection and a TLS failure fail at once, since no retry cures them.
  - Every result reports RV(api_calls) (the HTTP requests sent) and RV(rate_limit_waits).
  - What a module sends to the API, what a run costs in calls and how faults and the rate limit
    are handled depend on the API version. The API v1 and API v4 guides, linked below, describe them.
seealso:
  - ref: ansible_collections.edgeops.cloudflare.docsite.usage_guide.credentials
    description: Where the credentials can come from, and how to set them once for a play.
"""
