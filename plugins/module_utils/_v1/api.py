# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""CloudflareAPI on the Client Interface API v1: every v1 action the modules use, in normalised terms.

The only place that calls v1 actions. Zones, records, settings, statistics and visitors are
mapped by the modules beside this one (``zones``, ``records``, ``settings``, ``traffic``); the
record writes and their order are in ``writes``.
"""

from __future__ import annotations

import concurrent.futures

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    FEATURES,
    Capabilities,
    CloudflareAPI,
    WriteOptions,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    DailyLimitError,
    InputError,
    OutcomeUnknownError,
    TransportError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import api_name
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.records import (
    PROXIABLE_TYPES,
    record_from_v1,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.settings import (
    V1_SETTINGS,
    expiry,
    settings_from_v1,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.traffic import (
    PRO_ONLY_INTERVALS,
    STATS_INTERVALS,
    VISITOR_CLASSES,
    parse_threat,
    stats_from_v1,
    visitor_from_v1,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.writes import (
    RecordWriter,
    write_steps,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.zones import (
    zone_from_v1,
)

CAPABILITIES = Capabilities(
    api="v1",
    record_types=("A", "AAAA", "CNAME", "MX", "TXT", "SPF", "NS", "SRV", "LOC"),
    proxiable_types=PROXIABLE_TYPES,
    ttl_min=120,
    ttl_max=86400,
    # v1 has wl/ban/nul but no call that reads the lists back.
    reads_ip_access=False,
    batch_limit=None,
    # v1 names its settings by action, not by an id a generic option could take.
    features=frozenset(FEATURES) - {"settings_by_id"},
    settings=tuple(V1_SETTINGS),
    files_per_purge=1,
    setting_values={
        "security_level": ("under_attack", "high", "medium", "low", "essentially_off"),
        "cache_level": ("aggressive", "basic"),
    },
    setting_advice={
        (
            "security_level",
            "off",
        ): "only API v4 has it; the lowest level API v1 has is essentially_off",
        ("cache_level", "simplified"): "only API v4 can set it",
    },
    advice={
        "settings_by_id": "the option settings takes the setting ids of API v4; on API v1 use the named "
        "options (security_level, cache_level, development_mode, ipv6, rocket_loader, minify, mirage)",
    },
)

# The most rec_load_all pages read at once (the connection pool keeps 10 connections).
PAGE_WINDOW = 8

# Seconds between two full purges of a zone (spec 1.5; the API also reports it in attributes.cooldown).
FULL_PURGE_COOLDOWN = 20

# The v1 action for each IP access mode, and the ``action`` code its answer confirms.
_IP_ACCESS_ACTIONS = {
    "whitelist": ("wl", "WL"),
    "blacklist": ("ban", "BAN"),
    "none": ("nul", "NUL"),
}


def answer(envelope: dict, *path: str):
    """The value at ``response.<path>`` of a v1 answer, or None where the path ends early."""
    value = envelope.get("response")
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class V1API(CloudflareAPI):
    """The v1 adapter around one V1Client."""

    capabilities = CAPABILITIES

    def __init__(self, client) -> None:
        self.client = client
        self.transport = client.transport

    def _zone_call(self, action: str, zone: str, params: dict | None = None) -> dict:
        """``client.call`` for an action on ``zone``; an unknown zone fails with the message every module gives."""
        try:
            return self.client.call(action, {"z": zone, **(params or {})})
        except ZoneNotFoundError as exc:
            raise ZoneNotFoundError.in_account(
                zone, action=exc.action, err_code=exc.err_code, attempts=exc.attempts
            ) from None

    # --- zones -------------------------------------------------------------------------------

    def list_zones(self) -> list[dict]:
        """Every zone of the account (one ``zone_load_multi``)."""
        page = answer(self.client.call("zone_load_multi"), "zones")
        if not isinstance(page, dict):
            raise TransportError(
                "zone_load_multi answered without response.zones",
                action="zone_load_multi",
            )
        return sorted(
            (zone_from_v1(obj) for obj in page.get("objs") or []),
            key=lambda zone: zone["name"],
        )

    def find_zone(self, name: str) -> dict:
        """One zone of the account, from one ``zone_load_multi`` (v1 has no call for one zone's details)."""
        found = [zone for zone in self.list_zones() if zone["name"] == name]
        if not found:
            raise ZoneNotFoundError.in_account(name, action="zone_load_multi")
        return found[0]

    def zone_id(self, name: str) -> int:
        """The id of one zone, from one ``zone_check``, whose answer gives 0 for a zone not in the account."""
        reply = answer(self.client.call("zone_check", {"zones": name}), "zones")
        if not isinstance(reply, dict):
            raise TransportError(
                "zone_check answered without response.zones", action="zone_check"
            )
        # The live API was seen to append "\n" to the last name; compare normalised names.
        found = {api_name(key): int(value or 0) for key, value in reply.items()}
        if not found.get(name):
            raise ZoneNotFoundError.in_account(name, action="zone_check")
        return found[name]

    # --- records -----------------------------------------------------------------------------

    def load_records(
        self, zone: str, name: str | None = None, rtype: str | None = None
    ) -> list:
        """The records of ``zone``: v1 filters nothing, so the whole zone is read and then filtered."""
        try:
            objs = self._record_objs(zone)
        except ZoneNotFoundError as exc:
            raise ZoneNotFoundError.in_account(
                zone, action=exc.action, err_code=exc.err_code, attempts=exc.attempts
            ) from None
        records = [record_from_v1(obj) for obj in objs]
        return [
            record
            for record in records
            if (name is None or record.name == name)
            and (rtype is None or record.type == rtype)
        ]

    def _record_objs(self, zone: str) -> list[dict]:
        """All v1 record objects of ``zone``, following ``rec_load_all`` paging.

        v1 tells neither the number of records nor of pages, only ``has_more``. The pages are
        read in rounds at the offsets that full pages give: one page, then one, then two at
        once, three, and so on up to PAGE_WINDOW (so a large zone waits about one round trip per
        PAGE_WINDOW pages, and a zone of one or two pages costs no more than one by one). The
        reads past the last page that a round makes are the price, at most PAGE_WINDOW - 1. A
        page shorter than the first before the end means the offsets were wrong, and the rest is
        read one page after another.
        """
        records, page = self._page(zone, 0)
        if not page["has_more"]:
            return records
        size = page["count"]
        offset, window = size, 1
        with concurrent.futures.ThreadPoolExecutor(max_workers=PAGE_WINDOW) as pool:
            while True:
                offsets = [offset + index * size for index in range(window)]
                # The whole round is awaited: a round left early would cancel the reads not yet
                # started, and the calls a read costs would depend on timing.
                answers = list(pool.map(lambda at: self._page(zone, at), offsets))
                for at, (objs, page) in zip(offsets, answers, strict=True):
                    records.extend(objs)
                    if not page["has_more"]:
                        return records
                    if page["count"] != size:
                        return records + self._pages_from(zone, at + page["count"])
                offset, window = offsets[-1] + size, min(window + 1, PAGE_WINDOW)

    def _pages_from(self, zone: str, offset: int) -> list[dict]:
        """The record objects from ``offset`` to the end, one page after another."""
        records: list[dict] = []
        while True:
            objs, page = self._page(zone, offset)
            records.extend(objs)
            if not page["has_more"]:
                return records
            offset += page["count"]

    def _page(self, zone: str, offset: int) -> tuple[list[dict], dict]:
        """``(objs, page)`` of one ``rec_load_all`` call; ``page`` has ``has_more`` and a positive ``count``."""
        page = answer(
            self.client.call("rec_load_all", {"z": zone, "o": offset}), "recs"
        )
        if not isinstance(page, dict):
            raise TransportError(
                f"rec_load_all for zone {zone} answered without response.recs",
                action="rec_load_all",
            )
        objs = page.get("objs") or []
        count = int(page.get("count") or len(objs))
        if page.get("has_more") and count <= 0:
            raise TransportError(
                f"rec_load_all for zone {zone} claims more records but returned none at offset {offset}",
                action="rec_load_all",
            )
        return objs, {"has_more": bool(page.get("has_more")), "count": count}

    def _writer(self, zone: str) -> RecordWriter:
        return RecordWriter(self.client, zone, self.load_records)

    def apply(self, zone: str, operation):
        return self._writer(zone).apply(operation)

    def write_order(self, operations) -> list:
        operations = list(operations)
        steps = write_steps(operations)
        return [
            operations[index]
            for index in sorted(range(len(operations)), key=lambda index: steps[index])
        ]

    def apply_changes(self, zone: str, operations, options: WriteOptions) -> list:
        return self._writer(zone).apply_changes(operations, options.concurrency)

    def write_calls(self, zone: str, operations, options: WriteOptions) -> int:
        """One call a write; a proxied create two, since ``rec_new`` always creates a DNS-only record."""
        return sum(
            2 if operation.kind == "create" and operation.written.proxied else 1
            for operation in operations
        )

    # --- settings ------------------------------------------------------------------------------

    def read_settings(self, zone: str, options=None):
        """The settings of ``zone`` in option terms: all of them, whatever ``options`` says (one ``zone_settings``)."""
        objs = answer(self._zone_call("zone_settings", zone), "result", "objs")
        if not isinstance(objs, list) or not objs or not isinstance(objs[0], dict):
            raise TransportError(
                f"zone_settings for zone {zone} answered without response.result.objs",
                action="zone_settings",
            )
        return settings_from_v1(objs[0])

    def write_setting(self, zone: str, option: str, value) -> int | None:
        setting = V1_SETTINGS[option]
        envelope = self._zone_call(
            setting.action, zone, {"v": setting.codec.encode(value)}
        )
        if option == "development_mode" and value:
            return expiry(answer(envelope, "expires_on"))
        return None

    # --- cache -----------------------------------------------------------------------------------

    def purge_everything(self, zone: str) -> dict:
        """One ``fpurge_ts``; returns ``purge_timestamp`` and ``cooldown`` as the API reported them."""
        try:
            envelope = self._zone_call("fpurge_ts", zone, {"v": 1})
        except OutcomeUnknownError as exc:
            raise exc.reworded(
                f"No answer came back for the full purge of zone {zone}, so it may or may not have happened; "
                f"purging again is harmless once the {FULL_PURGE_COOLDOWN} s cooldown has passed. "
                f"Details: {exc.msg}"
            ) from None
        except ZoneNotFoundError:
            raise
        except APIError as exc:
            # Besides an unknown zone, the one refusal v1 documents for fpurge_ts is its cooldown.
            raise exc.reworded(
                f"CloudFlare refused the full purge of zone {zone}: a zone's whole cache can be purged once every "
                f"{FULL_PURGE_COOLDOWN} seconds. Run the task again after that, for example with retries and a "
                f"delay of {FULL_PURGE_COOLDOWN}. The API said: {exc.msg}",
                APIError,
            ) from None
        return {
            "purge_timestamp": _int_or_none(answer(envelope, "fpurge_ts")),
            "cooldown": _int_or_none(
                (envelope.get("attributes") or {}).get("cooldown")
            ),
        }

    def purge_files(self, zone: str, urls: list[str]) -> None:
        """One ``zone_file_purge`` per URL (v1 takes one URL a call)."""
        for url in urls:
            self._zone_call("zone_file_purge", zone, {"url": url})

    # --- the account -----------------------------------------------------------------------------

    def set_ip_access(self, address: str, mode: str) -> dict:
        """One ``wl``/``ban``/``nul`` call for ``address``; returns ``{ip, mode}`` as the API confirmed them."""
        action, code = _IP_ACCESS_ACTIONS[mode]
        confirmation = (
            answer(self.client.call(action, {"key": address}), "result") or {}
        )
        if confirmation.get("action") != code:
            raise APIError(
                f"{action} for {address} was answered with success but confirmed "
                f"{confirmation.get('action')!r} instead of {code!r}",
                action=action,
            )
        return {"ip": address, "mode": mode}

    def lookup_ip(self, address: str) -> dict:
        """The threat score of one address (one ``ip_lkup``, whose answer is keyed by the address asked about)."""
        reply = self.client.call("ip_lkup", {"ip": address}).get("response") or {}
        value = reply.get(address)
        if value is None and len(reply) == 1:
            value = next(iter(reply.values()))
        label, score = parse_threat(value)
        return {"ip": address, "label": label, "score": score}

    # --- traffic and the snapshot ------------------------------------------------------------------

    def read_stats(self, zone: str, interval: str) -> dict:
        """The statistics of ``zone`` over ``interval`` (one ``stats``)."""
        try:
            envelope = self._zone_call(
                "stats", zone, {"interval": STATS_INTERVALS[interval]}
            )
        except InputError as exc:
            hint = (
                " (the intervals 24h, 12h and 6h need a Pro zone)"
                if interval in PRO_ONLY_INTERVALS
                else ""
            )
            raise exc.reworded(
                f"Statistics of zone {zone} over {interval}: {exc.msg}{hint}"
            ) from None
        result = answer(envelope, "result")
        if not isinstance(result, dict):
            raise TransportError(
                f"stats for zone {zone} answered without response.result",
                action="stats",
            )
        return stats_from_v1(result, interval)

    def read_visitors(
        self, zone: str, hours: int, visitor_class: str | None, geo: bool
    ) -> list[dict]:
        """The recent visitors of ``zone`` (one ``zone_ips``)."""
        params = {
            "hours": hours,
            "class": VISITOR_CLASSES[visitor_class] if visitor_class else None,
            "geo": 1 if geo else None,
        }
        ips = answer(self._zone_call("zone_ips", zone, params), "ips")
        if not isinstance(ips, list):
            raise TransportError(
                f"zone_ips for zone {zone} answered without response.ips",
                action="zone_ips",
            )
        return [visitor_from_v1(entry, geo) for entry in ips if isinstance(entry, dict)]

    def refresh_snapshot(self, zone: str) -> int:
        """``zone_check`` for the id, then one ``zone_grab``; returns the zone id."""
        zone_id = self.zone_id(zone)
        try:
            self.client.call("zone_grab", {"zid": zone_id})
        except ZoneNotFoundError as exc:
            raise ZoneNotFoundError.in_account(
                zone, action=exc.action, attempts=exc.attempts
            ) from None
        except OutcomeUnknownError as exc:
            raise exc.reworded(
                f"No answer came back for the snapshot refresh of zone {zone}, so it may or may not have happened; "
                "CloudFlare allows one refresh per zone a day, so a repeat today may be refused. "
                f"Details: {exc.msg}"
            ) from None
        except APIError as exc:
            # Besides an unknown zone, the one refusal v1 documents for zone_grab is its daily limit.
            raise exc.reworded(
                f"The snapshot of zone {zone} was not refreshed: CloudFlare allows one refresh per zone a day and "
                "refused this one. Try again a day after the last refresh.",
                DailyLimitError,
                api_error=exc.msg,
            ) from None
        return zone_id
