# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What every backend does around a record create: never a duplicate, never a blind second create."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    OutcomeUnknownError,
    RecordExistsError,
    WriteNotAppliedError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Record,
    describe,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

CREATE_ATTEMPTS = 2


def create_or_adopt(record: Record, send, find, action: str) -> Record:
    """The record ``send()`` creates, or the one already there that ``find(record)`` returns.

    When a create gets no usable answer it may still have been applied, so the zone is read
    again: a record that is now there is adopted; only when it is not is the create sent again,
    at most CREATE_ATTEMPTS times in all. A create refused because the record exists (another
    writer, or an earlier run that was cut off, made it) adopts it the same way. ``action``
    names the create call in the error of a create that never got through.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return send()
        except OutcomeUnknownError as lost:
            found = find(record)
            if found is not None:
                return found
            if attempt == CREATE_ATTEMPTS:
                raise WriteNotAppliedError(
                    f"{describe(record)} was not created: {action} got no usable answer "
                    f"{plural(CREATE_ATTEMPTS, 'time')} (last: {lost.reason}), and the zone, read again after each, "
                    "does not hold the record",
                    status=lost.status,
                    action=action,
                    attempts=CREATE_ATTEMPTS,
                ) from None
        except RecordExistsError:
            found = find(record)
            if found is None:
                raise
            return found
