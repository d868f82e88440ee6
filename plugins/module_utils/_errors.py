# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Typed errors raised by the CloudFlare v1 client and the logic built on it.

Library code raises these; only the module edge (``_common.run``) turns them into
``fail_json``. Every message is built from text the client has already scrubbed of the API
key and e-mail address, and ``args`` holds only that message, so ``str()`` and ``repr()``
are safe to show.
"""

from __future__ import annotations


class CloudflareError(Exception):
    """Base class: something went wrong talking to CloudFlare or validating input for it.

    ``msg`` is the full human-readable message (also ``str(error)``), ``action`` the v1
    action involved (or None), ``err_code`` the API's ``err_code`` (or None), ``attempts``
    how many HTTP requests were made for the failed call (or None when none was).
    """

    def __init__(self, msg: str, action: str | None = None, err_code: str | None = None,
                 attempts: int | None = None) -> None:
        super().__init__(msg)
        self.msg = msg
        self.action = action
        self.err_code = err_code
        self.attempts = attempts

    def __str__(self) -> str:
        return self.msg

    def details(self) -> dict:
        """Extra fields for a failed module result (never ``msg``, never a secret)."""
        extra = {"api_action": self.action, "err_code": self.err_code, "attempts": self.attempts}
        return {key: value for key, value in extra.items() if value is not None}


class AuthError(CloudflareError):
    """The API refused the e-mail/key pair (``E_UNAUTH``)."""


class RateLimitError(CloudflareError):
    """The API kept answering ``E_MAXAPI`` until the retry budget ran out."""


class InputError(CloudflareError):
    """The API rejected a parameter (``E_INVLDINPUT``)."""


class RecordExistsError(InputError):
    """A create was refused because the zone already holds that record (another writer, or an earlier run)."""


class APIError(CloudflareError):
    """Any other ``result: error`` answer."""


class ZoneNotFoundError(APIError):
    """The zone is not on the account ("Invalid zone", or a lookup that found nothing)."""

    def __init__(self, msg: str, zone: str | None = None, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.zone = zone

    @classmethod
    def in_account(cls, zone: str, **kwargs) -> ZoneNotFoundError:
        """The error every module gives for a zone the account does not have, naming the zone."""
        return cls(f"Zone {zone} was not found in the account", zone=zone, **kwargs)

    def details(self) -> dict:
        extra = super().details()
        if self.zone is not None:
            extra["zone"] = self.zone
        return extra


class RecordNotFoundError(APIError):
    """The record id is unknown ("Invalid record id.").

    After a retried ``rec_delete`` (``attempts > 1``) this usually means an earlier attempt
    already deleted the record.
    """


class TransportError(CloudflareError):
    """HTTP, connection, TLS or decoding fault (after any retries).

    ``status`` is the HTTP status code when an answer arrived, else None.
    """

    def __init__(self, msg: str, status: int | None = None, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.status = status

    def details(self) -> dict:
        extra = super().details()
        if self.status is not None:
            extra["http_status"] = self.status
        return extra


class OutcomeUnknownError(TransportError):
    """A non-idempotent write was sent and no usable answer came back.

    The write may or may not have been applied: the caller must re-read the state before
    deciding whether to send it again. ``reason`` says what came back instead of an answer.
    """

    def __init__(self, msg: str, reason: str | None = None, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.reason = reason or msg


class AbandonedError(CloudflareError):
    """The Ansible process that started the module is gone: nobody reads the result, so no new call is made."""


class ValidationError(CloudflareError):
    """Our own validation of the task's input failed; raised before any API call.

    ``problems`` lists every problem found, so a user can fix them all at once.
    """

    def __init__(self, msg: str | None = None, problems: list[str] | None = None, **kwargs) -> None:
        self.problems = list(problems or [])
        super().__init__(msg or "; ".join(self.problems) or "invalid input", **kwargs)

    def details(self) -> dict:
        extra = super().details()
        if self.problems:
            extra["problems"] = list(self.problems)
        return extra
