# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Every error of the collection: what the backends raise, and what the module logic raises.

Library code raises these; only the module edge (``_module.base.run``) turns them into
``fail_json``. Every message is built from text the client has already scrubbed of the
secrets, and ``args`` holds only that message, so ``str()`` and ``repr()`` are safe to show.

Each class says how the bulk writer treats it: ``stops_writes`` (the API or the connection is
in trouble, not one record: start no new write) and ``retry_round`` (reading the zone again
and writing what is still missing may cure it).
"""

from __future__ import annotations


class CloudflareError(Exception):
    """Base class: something went wrong talking to CloudFlare or validating input for it.

    ``msg`` is the full human-readable message (also ``str(error)``), ``action`` the API call
    involved (or None), ``err_code`` the API's error code (or None), ``attempts`` how many
    HTTP requests were made for the failed call (or None when none was). ``pointer`` is the
    ``source.pointer`` of the API's first error, where a v4 answer gives one (``/posts/3/ttl``
    in a batch: the item the API refused).
    """

    stops_writes = False
    pointer: str | None = None
    retry_round = False
    # (attribute, result key): what details() reports of the error when it is set.
    result_fields: tuple[tuple[str, str], ...] = (
        ("action", "api_action"),
        ("err_code", "err_code"),
        ("attempts", "attempts"),
    )

    def __init__(
        self,
        msg: str,
        action: str | None = None,
        err_code: str | None = None,
        attempts: int | None = None,
    ) -> None:
        super().__init__(msg)
        self.msg = msg
        self.action = action
        self.err_code = err_code
        self.attempts = attempts

    def __str__(self) -> str:
        return self.msg

    def details(self) -> dict:
        """Extra fields for a failed module result (never ``msg``, never a secret)."""
        fields = ((key, getattr(self, name)) for name, key in self.result_fields)
        return {key: value for key, value in fields if value is not None}

    def reworded(self, msg: str, cls: type | None = None, **extra) -> CloudflareError:
        """The same error (or one of ``cls``) under a clearer message, keeping what the call reported."""
        kwargs = {
            "action": self.action,
            "err_code": self.err_code,
            "attempts": self.attempts,
        }
        if isinstance(self, TransportError) and issubclass(
            cls or type(self), TransportError
        ):
            kwargs["status"] = self.status
        kwargs.update(extra)
        return (cls or type(self))(msg, **kwargs)


class AuthError(CloudflareError):
    """The API refused the credentials."""

    stops_writes = True


class RateLimitError(CloudflareError):
    """The API kept refusing calls for its rate limit until the client's wait ran out."""

    stops_writes = True
    retry_round = True


class InputError(CloudflareError):
    """The API rejected a parameter."""


class RecordExistsError(InputError):
    """A create was refused because the zone already holds that record (another writer, or an earlier run)."""


class APIError(CloudflareError):
    """Any other refusal by the API."""


class ZoneNotFoundError(APIError):
    """The zone is not on the account (the API does not know it, or a lookup found nothing)."""

    result_fields = APIError.result_fields + (("zone", "zone"),)

    def __init__(self, msg: str, zone: str | None = None, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.zone = zone

    @classmethod
    def in_account(cls, zone: str, **kwargs) -> ZoneNotFoundError:
        """The error every module gives for a zone the account does not have, naming the zone."""
        return cls(f"Zone {zone} was not found in the account", zone=zone, **kwargs)


class RecordNotFoundError(APIError):
    """The record id is unknown.

    After a retried delete (``attempts > 1``) this usually means an earlier attempt already
    deleted the record.
    """


class DailyLimitError(APIError):
    """CloudFlare refused a snapshot refresh because the zone's snapshot was already refreshed today.

    The failed result carries ``daily_limit_reached: true`` (so a playbook can tolerate it)
    and the API's own words as ``api_error``.
    """

    def __init__(self, msg: str, api_error: str, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.api_error = api_error

    def details(self) -> dict:
        extra = super().details()
        extra["daily_limit_reached"] = True
        extra["api_error"] = self.api_error
        return extra


class TransportError(CloudflareError):
    """HTTP, connection, TLS or decoding fault (after any retries).

    ``status`` is the HTTP status code when an answer arrived, else None.
    """

    stops_writes = True
    retry_round = True
    result_fields = CloudflareError.result_fields + (("status", "http_status"),)

    def __init__(self, msg: str, status: int | None = None, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.status = status


class OutcomeUnknownError(TransportError):
    """A non-idempotent write was sent and no usable answer came back.

    The write may or may not have been applied: the caller must re-read the state before
    deciding whether to send it again. ``reason`` says what came back instead of an answer.
    A lost answer is about this one write (the API did take the request), so it stops no
    other write.
    """

    stops_writes = False

    def __init__(self, msg: str, reason: str | None = None, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.reason = reason or msg


class WriteNotAppliedError(TransportError):
    """A write got no usable answer as often as it may be sent, and a re-read shows it was not applied.

    Like a lost answer it is about this one write, so it stops no other write; a retry round
    may still carry it out.
    """

    stops_writes = False


class AbandonedError(CloudflareError):
    """The Ansible process that started the module is gone: nobody reads the result, so no new call is made."""

    stops_writes = True


class NotSupportedError(CloudflareError):
    """The backend has no such feature; raised before any call."""

    def __init__(self, feature: str, api: str, advice: str = "") -> None:
        super().__init__(
            f"{feature} is not supported by API {api}"
            + (f": {advice}" if advice else "")
        )
        self.feature = feature
        self.api = api


class ValidationError(CloudflareError):
    """Our own validation of the task's input failed; raised before any API call.

    ``problems`` lists every problem found, so a user can fix them all at once.
    """

    def __init__(
        self, msg: str | None = None, problems: list[str] | None = None, **kwargs
    ) -> None:
        self.problems = list(problems or [])
        super().__init__(msg or "; ".join(self.problems) or "invalid input", **kwargs)

    def details(self) -> dict:
        extra = super().details()
        if self.problems:
            extra["problems"] = list(self.problems)
        return extra


class StepError(CloudflareError):
    """One call of a task that makes several failed; wraps that call's error under a clearer message.

    ``done`` lists what earlier calls already applied. When it is not empty the failed result
    carries it under ``done_key`` and reports ``changed: true``, so the user sees what happened
    before the failure. ``unconfirmed`` lists what the failed call itself may or may not have
    applied (its answer was lost); the failed result carries it under ``unconfirmed``.
    """

    def __init__(
        self,
        msg: str,
        cause: CloudflareError,
        done_key: str,
        done: list,
        unconfirmed: list | None = None,
    ) -> None:
        super().__init__(
            msg, action=cause.action, err_code=cause.err_code, attempts=cause.attempts
        )
        self.cause = cause
        self.done_key = done_key
        self.done = list(done)
        self.unconfirmed = list(unconfirmed) if unconfirmed else []

    def details(self) -> dict:
        extra = self.cause.details()
        if self.done:
            extra["changed"] = True
            extra[self.done_key] = list(self.done)
        if self.unconfirmed:
            extra["unconfirmed"] = list(self.unconfirmed)
        return extra


class BulkError(CloudflareError):
    """cf_dns_records could not carry out its whole plan; ``result`` is what the failed task reports."""

    def __init__(self, msg: str, result: dict) -> None:
        super().__init__(msg)
        self.result = result

    def details(self) -> dict:
        return dict(self.result)


class DeleteLimitError(BulkError):
    """The plan deletes more records than ``max_deletes`` allows; nothing was written."""


class PartialFailureError(BulkError):
    """Some writes failed (or were not attempted after a failure); the others were applied."""


class InputProblem(ValueError):
    """One problem with a task's input; callers collect them and report all at once (see ValidationError)."""
