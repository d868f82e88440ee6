# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    """Options shared by every module: the v1 credentials and how to reach the API."""

    DOCUMENTATION = r"""
options:
  api_email:
    description:
      - E-mail address of the CloudFlare account that owns O(api_key).
      - If not set, the value of the environment variable E(CLOUDFLARE_EMAIL) is used. The task
        fails before any call when neither gives a value, saying where it looked.
    type: str
    aliases:
      - account_email
      - email
  api_key:
    description:
      - The account's API key (the "Global API key" of the Client Interface API v1).
      - If not set, the value of the environment variable E(CLOUDFLARE_API_KEY) is used. The task
        fails before any call when neither gives a value (or the value is empty), saying where it looked.
      - The key is never shown in results, errors or diffs.
    type: str
    aliases:
      - account_api_key
      - tkn
  api_url:
    description:
      - URL of the v1 C(api_json.html) endpoint.
      - Point it at another server, such as the collection's simulator, for tests.
      - If not set, the value of the environment variable E(CLOUDFLARE_API_URL) is used, and
        V(https://www.cloudflare.com/api_json.html) when that is not set either.
    type: str
    default: https://www.cloudflare.com/api_json.html
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
  - Every request is a form-encoded HTTPS POST to O(api_url). Calls are paced to stay within
    the API's limit of 1200 calls per 5 minutes; transport faults and HTTP 5xx answers are
    retried with exponential backoff, except for writes that cannot be safely repeated once sent.
    A host name that does not resolve, a refused connection and a TLS failure fail at once, since
    no retry cures them.
  - Every result reports RV(api_calls) (the HTTP requests sent) and RV(rate_limit_waits).
  - An C(E_MAXAPI) answer (the account is over the API's rate limit, for example because other
    tasks share it) pauses every call of the task and sends the refused call again after 5, 10,
    then 15 seconds each time, for up to 5 minutes, before the task fails with the rate limit error.
"""
