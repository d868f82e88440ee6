# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The CloudFlare Client Interface API v1 client: the form, the envelope, the errors.

Every v1 call goes through ``V1Client.call``. It adds the credentials (``a``, ``tkn``,
``email``), posts the form through the shared Transport, decodes the JSON answer, checks
``result`` and raises the typed errors of ``_errors``. It knows nothing about what an action
means; that is the job of the v1 adapter (``_v1.api``).
"""

from __future__ import annotations

import json
from typing import Any

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    AuthError,
    InputError,
    OutcomeUnknownError,
    RecordExistsError,
    RecordNotFoundError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    EMAIL_MASK,
    SECRET_MASK,
    Fault,
    Request,
    Transport,
    body_snippet,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    DEFAULT_API_URL as V4_API_URL,
)

DEFAULT_API_URL = "https://www.cloudflare.com/api_json.html"

# Actions that must not be sent twice unless the first request provably never reached the
# server: a second rec_new creates a duplicate, fpurge_ts and zone_grab are rate-limited
# (cooldown, once a day) so a blind repeat fails or burns the allowance.
NON_IDEMPOTENT_ACTIONS = frozenset({"rec_new", "fpurge_ts", "zone_grab"})

# What an HTTP 410 from the v1 endpoint means, and what to do instead.
V1_GONE = (
    "CloudFlare switched API v1 off in 2016; use API v4: give api_token (an API token), or keep "
    "api_email and api_key and set api_version: v4; leave api_url out, or set it to "
    f"{V4_API_URL}"
)


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class V1Client:
    """Client of the v1 ``api_json.html`` endpoint.

    ``transport_options`` go to the Transport (timeout, TLS, rate limit, the injectable clock);
    ``share_pacer`` makes every process on this machine that calls ``api_url`` for this account
    share one pacer.
    """

    def __init__(
        self,
        api_email: str,
        api_key: str,
        api_url: str = DEFAULT_API_URL,
        share_pacer: bool = False,
        **transport_options,
    ) -> None:
        self.api_url = api_url
        self._email = api_email
        self._key = api_key
        self.transport = Transport(
            api_url,
            {api_email: EMAIL_MASK, api_key: SECRET_MASK},
            pacer_account=api_email if share_pacer else None,
            **transport_options,
        )
        self.scrub = self.transport.scrub

    def call(self, action: str, params: dict | None = None) -> dict:
        """Send one v1 action and return the answer envelope without its ``request`` echo.

        Parameters whose value is None are left out. Raises a subclass of CloudflareError.
        """
        form = {
            key: _form_value(value)
            for key, value in (params or {}).items()
            if value is not None
        }
        form.update(a=action, email=self._email, tkn=self._key)
        request = Request(
            action,
            "POST",
            self.api_url,
            data=form,
            repeatable=action not in NON_IDEMPOTENT_ACTIONS,
        )
        return self.transport.send(request, self._interpret)

    def _interpret(self, response, request: Request, attempt: int) -> dict:
        status = response.status_code
        action = request.name
        if status >= 500:
            raise Fault(
                f"HTTP {status} {self.scrub(response.reason or '')}".rstrip()
                + f": {self.scrub(body_snippet(response.text))}",
                status=status,
            )
        if 300 <= status < 400:
            raise self.transport.redirected(request, response, attempt)
        if status == 410:
            raise TransportError(
                f"{action}: {self.api_url} answered HTTP 410 Gone. {V1_GONE}",
                status=status,
                action=action,
                attempts=attempt,
            )
        if status != 200:
            raise TransportError(
                f"{action}: HTTP {status} {self.scrub(response.reason or '')} from {self.api_url}: "
                f"{self.scrub(body_snippet(response.text))}",
                status=status,
                action=action,
                attempts=attempt,
            )
        return self._check_envelope(
            action, request.data, self._decode(request, response, attempt), attempt
        )

    def _decode(self, request: Request, response, attempt: int) -> dict:
        error = None
        try:
            body = json.loads(response.content)
        except ValueError:
            error = f"answer is not JSON: {self.scrub(body_snippet(response.text))}"
        else:
            if not isinstance(body, dict) or body.get("result") not in (
                "success",
                "error",
            ):
                error = f"answer is not a v1 envelope: {self.scrub(body_snippet(response.text))}"
        if error is None:
            return body
        action = request.name
        if not request.repeatable:
            raise OutcomeUnknownError(
                f"{action} was sent but the {error}; it may or may not have been applied: re-read the state "
                "before trying again",
                reason=error,
                status=response.status_code,
                action=action,
                attempts=attempt,
            )
        raise TransportError(
            f"{action}: the {error}",
            status=response.status_code,
            action=action,
            attempts=attempt,
        )

    def _check_envelope(
        self, action: str, form: dict | None, body: dict, attempt: int
    ) -> dict:
        body.pop("request", None)
        if body["result"] == "success":
            return body
        api_msg = self.scrub(body.get("msg") or "no message")
        err_code = self.scrub(body["err_code"]) if body.get("err_code") else None
        if err_code == "E_MAXAPI":
            raise Fault(f"{api_msg} (E_MAXAPI)", rate_limited=True, code="E_MAXAPI")
        msg = f"{action} failed: {api_msg}" + (f" ({err_code})" if err_code else "")
        kwargs: dict[str, Any] = {
            "action": action,
            "err_code": err_code,
            "attempts": attempt,
        }
        if err_code == "E_UNAUTH":
            raise AuthError(msg, **kwargs)
        if err_code == "E_INVLDINPUT":
            # Appendix B 17: an identical record is refused with "record already exists".
            if action == "rec_new" and "already exists" in api_msg.lower():
                raise RecordExistsError(msg, **kwargs)
            raise InputError(msg, **kwargs)
        lowered = api_msg.strip().lower()
        if lowered.startswith("invalid zone"):
            raise ZoneNotFoundError(msg, zone=(form or {}).get("z"), **kwargs)
        if lowered.startswith("invalid record id"):
            raise RecordNotFoundError(msg, **kwargs)
        raise APIError(msg, **kwargs)
