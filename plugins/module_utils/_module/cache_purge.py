# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_cache_purge: purge a zone's whole cache, or single URLs checked against the zone."""

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


def module_spec() -> ArgumentSpec:
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec={
                    "purge_everything": {"type": "bool"},
                    "files": {"type": "list", "elements": "str", "aliases": ["urls"]},
                },
                mutually_exclusive=[["purge_everything", "files"]],
                required_one_of=[["purge_everything", "files"]],
            )
        )
    )


def _canonical_url(value: str, zone: str) -> str:
    """The URL in canonical form; InputProblem saying what is wrong with it."""
    text = value.strip()
    if any(ord(char) < 32 or ord(char) == 127 for char in text) or re.search(
        r"%00", text
    ):
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
    try:
        host = normalize_hostname(parts.hostname, "host")
    except InputProblem as problem:
        raise InputProblem(
            f"files: {shown(value)} has an invalid host name: {problem}"
        ) from None
    if host != zone and not host.endswith("." + zone):
        raise InputProblem(
            f"files: {shown(value)} is not in zone {zone} (its host is {host})"
        )
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def normalize_urls(values: list[str], zone: str) -> list[str]:
    """The URLs to purge, checked against ``zone`` and de-duplicated, in first-seen order.

    Scheme and host are lower-cased, an empty path becomes ``/`` and a ``#fragment`` (never
    sent to a server, so never cached apart) is dropped; path and query are kept as given.
    ``http://`` and ``https://`` URLs stay separate: they are separate cache entries.
    """
    urls: list[str] = []
    problems = []
    for value in values:
        try:
            url = _canonical_url(value, zone)
        except InputProblem as problem:
            problems.append(str(problem))
            continue
        if url not in urls:
            urls.append(url)
    if problems:
        raise ValidationError(problems=problems)
    return urls


def purge_cache(api, task) -> dict:
    """Check everything, then purge unless in check mode (no call at all in check mode)."""
    params = task.params
    api.require("cache_purge")
    zone = checked_zone(params["zone"])
    if params["files"] is not None:
        urls = normalize_urls(params["files"], zone)
        if urls and not task.check_mode:
            _purge_files(api, zone, urls)
        return {"changed": bool(urls), "zone": zone, "files": urls}
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


def _purge_files(api, zone: str, urls: list[str]) -> None:
    """Purge ``urls`` in as few calls as the backend takes; a failed call says which URLs were purged before it."""
    progress = Progress(
        "files", lambda done: f"{plural(len(done), 'URL')} purged before it"
    )
    size = api.capabilities.files_per_purge
    for start in range(0, len(urls), size):
        chunk = urls[start : start + size]
        what = (
            chunk[0]
            if len(chunk) == 1
            else f"{chunk[0]} and {plural(len(chunk) - 1, 'more URL')}"
        )
        with progress.step(f"Purging {what} from zone {zone}"):
            api.purge_files(zone, chunk)
        progress.done.extend(chunk)
