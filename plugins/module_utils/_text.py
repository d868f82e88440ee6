# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Small helpers for the words of messages: plurals, and values shortened so a message stays readable."""

from __future__ import annotations

# A value longer than this is shortened when a message quotes it.
SHOWN_VALUE_LENGTH = 60


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 record``, ``2 records`` (``many`` for irregular plurals: ``address``/``addresses``)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def shown(value) -> str:
    """``repr`` of ``value`` as text for a message, shortened when long: a message never repeats a huge value."""
    text = str(value)
    if len(text) <= SHOWN_VALUE_LENGTH:
        return repr(text)
    return f"{text[:SHOWN_VALUE_LENGTH]!r}... ({len(text)} characters)"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, marked with ``...`` when it was cut."""
    return text if len(text) <= limit else text[:limit] + "..."
