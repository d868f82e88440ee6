# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What cf_cache_purge does: purge a zone's whole cache (``fpurge_ts``) or single URLs (``zone_file_purge``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.edgeops.cloudflare.plugins.module_utils._actions import (
    StepError,
    checked_zone,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    CloudflareError,
    OutcomeUnknownError,
    ValidationError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import RecordProblem, normalize_hostname
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural, shown

# Seconds between two full purges of a zone (spec 1.5; the API also reports it in attributes.cooldown).
FULL_PURGE_COOLDOWN = 20


def cache_purge_module_kwargs() -> dict:
    """Keyword arguments for AnsibleModule: the options and how they combine."""
    spec = auth_argument_spec()
    spec["zone"] = {"type": "str", "required": True, "aliases": ["domain"]}
    spec["purge_everything"] = {"type": "bool"}
    spec["files"] = {"type": "list", "elements": "str", "aliases": ["urls"]}
    return {
        "argument_spec": spec,
        "mutually_exclusive": [["purge_everything", "files"]],
        "required_one_of": [["purge_everything", "files"]],
    }


def _canonical_url(value: str, zone: str) -> tuple[str | None, str | None]:
    """``(url, None)`` with the URL in canonical form, or ``(None, problem)``."""
    text = value.strip()
    if any(ord(char) < 32 or ord(char) == 127 for char in text) or re.search(r"%00", text):
        return None, f"files: {shown(value)} holds a control character (NUL, tab, line break, ...), which no URL may hold"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        return None, f"files: {shown(value)} is not a valid URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None, f"files: {shown(value)} is not a full URL starting with http:// or https://"
    if parts.username is not None or parts.password is not None:
        # Not echoed: the URL holds a secret.
        return None, f"files: a URL of host {parts.hostname} contains a user name or password, which a purge never needs"
    if "\\" in parts.netloc or "%" in parts.netloc:
        # Browsers and servers read such a host differently (a backslash as a slash, %2F as a
        # path): the purge would not hit the URL the user means.
        return None, f"files: {shown(value)} has a backslash or a percent-encoded character in its host"
    try:
        host = normalize_hostname(parts.hostname, "host")
    except RecordProblem as problem:
        return None, f"files: {shown(value)} has an invalid host name: {problem}"
    if host != zone and not host.endswith("." + zone):
        return None, f"files: {shown(value)} is not in zone {zone} (its host is {host})"
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, "")), None


def normalize_urls(values: list[str], zone: str) -> list[str]:
    """The URLs to purge, checked against ``zone`` and de-duplicated, in first-seen order.

    Scheme and host are lower-cased, an empty path becomes ``/`` and a ``#fragment`` (never
    sent to a server, so never cached apart) is dropped; path and query are kept as given.
    ``http://`` and ``https://`` URLs stay separate: they are separate cache entries.
    """
    urls: list[str] = []
    problems = []
    for value in values:
        url, problem = _canonical_url(value, zone)
        if problem:
            problems.append(problem)
        elif url not in urls:
            urls.append(url)
    if problems:
        raise ValidationError(problems=problems)
    return urls


def purge_files(client, zone: str, urls: list[str]) -> list[str]:
    """One ``zone_file_purge`` per URL, in order; returns the URLs purged."""
    purged: list[str] = []
    for url in urls:
        try:
            client.call("zone_file_purge", {"z": zone, "url": url})
        except ZoneNotFoundError:
            raise ZoneNotFoundError.in_account(zone, action="zone_file_purge") from None
        except CloudflareError as exc:
            earlier = f" ({plural(len(purged), 'URL')} purged before it)" if purged else ""
            raise StepError(f"Purging {url} from zone {zone} failed{earlier}: {exc.msg}", exc, "files",
                            purged) from None
        purged.append(url)
    return purged


def purge_everything(client, zone: str) -> dict:
    """One ``fpurge_ts``; returns ``purge_timestamp`` and ``cooldown`` as the API reported them."""
    try:
        envelope = client.call("fpurge_ts", {"z": zone, "v": 1})
    except ZoneNotFoundError:
        raise ZoneNotFoundError.in_account(zone, action="fpurge_ts") from None
    except OutcomeUnknownError as exc:
        raise OutcomeUnknownError(
            f"No answer came back for the full purge of zone {zone}, so it may or may not have happened; "
            f"purging again is harmless once the {FULL_PURGE_COOLDOWN} s cooldown has passed. Details: {exc.msg}",
            status=exc.status, action=exc.action, attempts=exc.attempts) from None
    except APIError as exc:
        # Besides an unknown zone, the one refusal v1 documents for fpurge_ts is its cooldown.
        raise APIError(
            f"CloudFlare refused the full purge of zone {zone}: a zone's whole cache can be purged once every "
            f"{FULL_PURGE_COOLDOWN} seconds. Run the task again after that, for example with retries and a delay "
            f"of {FULL_PURGE_COOLDOWN}. The API said: {exc.msg}",
            action=exc.action, err_code=exc.err_code, attempts=exc.attempts) from None
    answer = envelope.get("response") or {}
    attributes = envelope.get("attributes") or {}
    return {
        "purge_timestamp": _int_or_none(answer.get("fpurge_ts")),
        "cooldown": _int_or_none(attributes.get("cooldown")),
    }


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def purge_cache(client, params: dict, check_mode: bool = False) -> dict:
    """cf_cache_purge: check everything, then purge unless in check mode."""
    zone = checked_zone(params["zone"])
    if params["files"] is not None:
        urls = normalize_urls(params["files"], zone)
        if urls and not check_mode:
            urls = purge_files(client, zone, urls)
        return {"changed": bool(urls), "zone": zone, "files": urls}
    if not params["purge_everything"]:
        raise ValidationError(problems=["purge_everything=false purges nothing: set it to true, or list URLs in files"])
    result = {"changed": True, "zone": zone}
    if not check_mode:
        result.update(purge_everything(client, zone))
    return result
