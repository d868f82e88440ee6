# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_cache_purge: purge a zone's whole cache, or URLs, cache tags, hosts or prefixes checked against the zone.

Every value is checked before any call; then the items go in calls of at most the backend's
limit for the zone (``purge_limit``), in the order given. A call that fails stops the rest, and
the failed result lists what the calls before it purged. A purge whose answer was lost is never
sent again (design 10.3): the failed result lists its items under ``unconfirmed``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    OutcomeUnknownError,
    StepError,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Progress,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
    normalize_hostname,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import (
    plural,
    shown,
)

# What a purge may name besides the whole cache, in the order of the options; the word and its
# plural for messages.
PURGE_KINDS = {
    "files": ("URL", "URLs"),
    "tags": ("cache tag", "cache tags"),
    "hosts": ("host", "hosts"),
    "prefixes": ("prefix", "prefixes"),
}
# The longest cache tag CloudFlare takes (the simulator's rule; the schema gives no limit).
TAG_MAX_LENGTH = 1024


def module_spec() -> ArgumentSpec:
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec={
                    "purge_everything": {"type": "bool"},
                    "files": {"type": "list", "elements": "str", "aliases": ["urls"]},
                    "tags": {"type": "list", "elements": "str"},
                    "hosts": {"type": "list", "elements": "str"},
                    "prefixes": {"type": "list", "elements": "str"},
                },
                mutually_exclusive=[["purge_everything", *PURGE_KINDS]],
                required_one_of=[["purge_everything", *PURGE_KINDS]],
            )
        )
    )


def _control_characters(text: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in text) or bool(
        re.search(r"%00", text)
    )


def _in_zone_host(value: str, host: str, zone: str, what: str) -> str:
    """``host`` normalised; InputProblem when it is no host name of ``zone``."""
    try:
        name = normalize_hostname(host, "host")
    except InputProblem as problem:
        raise InputProblem(
            f"{what}: {shown(value)} has an invalid host name: {problem}"
        ) from None
    if name != zone and not name.endswith("." + zone):
        raise InputProblem(
            f"{what}: {shown(value)} is not in zone {zone} (its host is {name})"
        )
    return name


def _canonical_host(value: str, zone: str) -> str:
    """A host name of the zone, lower case, without a trailing dot."""
    text = value.strip()
    if _control_characters(text):
        raise InputProblem(
            f"hosts: {shown(value)} holds a control character (NUL, tab, line break, ...)"
        )
    if "/" in text or ":" in text:
        raise InputProblem(
            f"hosts: {shown(value)} is not a host name (no scheme, port or path: "
            "www.example.com); use prefixes to purge a path"
        )
    return _in_zone_host(value, text, zone, "hosts")


def _canonical_prefix(value: str, zone: str) -> str:
    """A host/path prefix of the zone, its host in lower case, its path as given."""
    text = value.strip()
    if _control_characters(text):
        raise InputProblem(
            f"prefixes: {shown(value)} holds a control character (NUL, tab, line break, ...)"
        )
    if "://" in text:
        raise InputProblem(
            f"prefixes: {shown(value)} starts with a scheme; a prefix is host/path without it "
            "(www.example.com/images)"
        )
    if "?" in text or "#" in text:
        raise InputProblem(
            f"prefixes: {shown(value)} holds a query or a fragment; a prefix is host/path only"
        )
    host, slash, path = text.partition("/")
    if ":" in host or "@" in host:
        raise InputProblem(
            f"prefixes: {shown(value)} has a port or a user name in its host; a prefix is host/path only"
        )
    return _in_zone_host(value, host, zone, "prefixes") + slash + path


def _canonical_tag(value: str, zone: str) -> str:
    """A cache tag as given, without surrounding spaces."""
    text = value.strip()
    if not text:
        raise InputProblem("tags: an empty cache tag purges nothing")
    if _control_characters(text) or "," in text:
        raise InputProblem(
            f"tags: {shown(value)} holds a comma or a control character, which a cache tag cannot hold "
            "(the Cache-Tag header separates tags with commas)"
        )
    if len(text) > TAG_MAX_LENGTH:
        raise InputProblem(
            f"tags: {shown(value)} is longer than {TAG_MAX_LENGTH} characters"
        )
    return text


def _canonical_url(value: str, zone: str) -> str:
    """The URL in canonical form; InputProblem saying what is wrong with it."""
    text = value.strip()
    if _control_characters(text):
        raise InputProblem(
            f"files: {shown(value)} holds a control character (NUL, tab, line break, ...), which no URL may hold"
        )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InputProblem(
            f"files: {shown(value)} is not a valid URL ({exc})"
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InputProblem(
            f"files: {shown(value)} is not a full URL starting with http:// or https://"
        )
    if parts.username is not None or parts.password is not None:
        # Not echoed: the URL holds a secret.
        raise InputProblem(
            f"files: a URL of host {parts.hostname} contains a user name or password, which a purge never needs"
        )
    if "\\" in parts.netloc or "%" in parts.netloc:
        # Browsers and servers read such a host differently (a backslash as a slash, %2F as a
        # path): the purge would not hit the URL the user means.
        raise InputProblem(
            f"files: {shown(value)} has a backslash or a percent-encoded character in its host"
        )
    host = _in_zone_host(value, parts.hostname, zone, "files")
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


_CANONICAL = {
    "files": _canonical_url,
    "tags": _canonical_tag,
    "hosts": _canonical_host,
    "prefixes": _canonical_prefix,
}


def normalize_items(kind: str, values: list[str], zone: str) -> list[str]:
    """The items of ``kind`` to purge, checked against ``zone`` and de-duplicated, in first-seen order.

    URLs: scheme and host are lower-cased, an empty path becomes ``/`` and a ``#fragment``
    (never sent to a server, so never cached apart) is dropped; path and query are kept as
    given. ``http://`` and ``https://`` URLs stay separate: they are separate cache entries.
    Hosts and the host of a prefix are lower-cased; a prefix's path and a tag are kept as given.
    """
    items: list[str] = []
    problems = []
    for value in values:
        try:
            item = _CANONICAL[kind](value, zone)
        except InputProblem as problem:
            problems.append(str(problem))
            continue
        if item not in items:
            items.append(item)
    if problems:
        raise ValidationError(problems=problems)
    return items


def normalize_urls(values: list[str], zone: str) -> list[str]:
    """The URLs to purge (``normalize_items`` of ``files``)."""
    return normalize_items("files", values, zone)


def purge_cache(api, task) -> dict:
    """Check everything, then purge unless in check mode (no call at all in check mode)."""
    params = task.params
    api.require("cache_purge")
    caps = api.capabilities
    kind = next((name for name in PURGE_KINDS if params.get(name) is not None), None)
    if kind is not None and kind not in caps.purge_kinds:
        # design 10.2: a v4-only option is refused on v1 before any call.
        raise ValidationError(
            problems=[
                f"{kind} is an API v4 option: API {caps.api} purges the whole cache "
                "(purge_everything) or URLs (files) only; connect with api_token (or "
                f"api_version: v4) to purge by {PURGE_KINDS[kind][0]}"
            ]
        )
    zone = checked_zone(params["zone"])
    if kind is not None:
        items = normalize_items(kind, params[kind], zone)
        if items and not task.check_mode:
            _purge_items(api, zone, kind, items)
        return {"changed": bool(items), "zone": zone, kind: items}
    if not params["purge_everything"]:
        raise ValidationError(
            problems=[
                "purge_everything=false purges nothing: set it to true, or list URLs in files"
            ]
        )
    result = {"changed": True, "zone": zone}
    if not task.check_mode:
        result.update(api.purge_everything(zone))
    return result


def _purge_items(api, zone: str, kind: str, items: list[str]) -> None:
    """Purge ``items`` in as few calls as the backend takes; a failed call says what was purged before it.

    A call whose answer was lost is not sent again: the failed result lists its items under
    ``unconfirmed`` (they may or may not have been purged), and the items after it were not sent.
    """
    word, words = PURGE_KINDS[kind]
    progress = Progress(
        kind, lambda done: f"{plural(len(done), word, words)} purged before it"
    )
    size = api.purge_limit(zone, kind)
    for start in range(0, len(items), size):
        chunk = items[start : start + size]
        what = (
            chunk[0]
            if len(chunk) == 1
            else f"{chunk[0]} and {plural(len(chunk) - 1, 'more ' + word, 'more ' + words)}"
        )
        try:
            with progress.step(f"Purging {what} from zone {zone}"):
                api.purge_items(zone, kind, chunk)
        except StepError as failed:
            if not isinstance(failed.cause, OutcomeUnknownError):
                raise
            left = len(items) - start - len(chunk)
            raise StepError(
                f"{failed.msg}. Unconfirmed: the {plural(len(chunk), word, words)} of that call "
                "(in unconfirmed) may or may not have been purged"
                + (
                    f"; the {plural(left, word, words)} after them were not sent"
                    if left
                    else ""
                )
                + "; running the task again purges them again, which is harmless",
                failed.cause,
                failed.done_key,
                failed.done,
                unconfirmed=chunk,
            ) from None
        progress.done.extend(chunk)
