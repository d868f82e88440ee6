# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""An in-memory CloudflareAPI for the module behaviour tests: no HTTP, no API spellings.

``FakeAPI`` holds zones (records as ``Record`` objects, settings in option terms, statistics,
visitors), the account's IP access modes and threat scores. It behaves like a backend should:
a create gets a new id, an edit of an unknown id fails with RecordNotFoundError, a delete of a
record already gone is done (as the v1 adapter reports it), a CNAME never shares its name, an
unknown zone raises ``ZoneNotFoundError.in_account``, a feature the ``Capabilities`` lack
raises NotSupportedError before anything is logged.

Every call is logged in interface terms (``fake.log``: ``("load_records", "example.com")``,
``("apply", "example.com", operation)``, ...) and counted for ``api_calls`` (one per call, one
per write ``apply_changes`` attempts, one per batch on a batch backend, one per URL purged);
``fake.attempted`` lists every record write tried, in order. ``fail`` makes the
next matching call (or a matching write inside ``apply_changes``) fail with a given error.
"""

from __future__ import annotations

import dataclasses
import itertools

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    APPLIED,
    FAILED,
    NOT_ATTEMPTED,
    CloudflareAPI,
    Outcome,
    ZoneSettings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    CloudflareError,
    DailyLimitError,
    InputError,
    NotSupportedError,
    RecordNotFoundError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Record,
    describe_operation,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import (
    CAPABILITIES as V1_CAPABILITIES,
)

# The calls that change something; check mode must make none of them.
WRITE_METHODS = frozenset(
    {
        "apply",
        "apply_changes",
        "write_setting",
        "purge_everything",
        "purge_files",
        "purge_items",
        "set_ip_access",
        "refresh_snapshot",
    }
)

# The first id the fake gives a created record.
FIRST_NEW_ID = 100000
# The fake's clock (Unix time) unless a test sets ``fake.now``.
NOW = 1_800_000_000
DEVELOPMENT_MODE_SECONDS = 3 * 3600
PURGE_COOLDOWN = 20

DEFAULT_SETTINGS = {
    "security_level": "medium",
    "cache_level": "aggressive",
    "development_mode": False,
    "ipv6": True,
    "rocket_loader": "off",
    "minify": [],
    "mirage": False,
}

# The feature each optional call needs (the names of Capabilities.features).
_FEATURE_OF = {
    "read_settings": "settings",
    "write_setting": "settings",
    "purge_everything": "cache_purge",
    "purge_files": "cache_purge",
    "purge_items": "cache_purge",
    "set_ip_access": "ip_access",
    "lookup_ip": "threat_score",
    "read_stats": "stats",
    "read_visitors": "visitors",
    "refresh_snapshot": "snapshot",
    "load_records": "records",
    "apply": "records",
    "apply_changes": "records",
}


def capabilities(base=V1_CAPABILITIES, without=(), **changes):
    """``base`` (the v1 adapter's) with ``changes`` and without the features named in ``without``."""
    if without:
        changes["features"] = frozenset(base.features) - frozenset(without)
    return dataclasses.replace(base, **changes)


def zone_info(name: str, zone_id, **fields) -> dict:
    """A zone as list_zones gives it (the shape cf_zone_info returns)."""
    info = {
        "name": name,
        "id": zone_id,
        "status": "active",
        "development_mode": False,
        "type": "full",
        "plan": "free",
        "name_servers": ["norm.ns.cloudflare.com", "pat.ns.cloudflare.com"],
        "original_name_servers": [],
        "hosting_partner": None,
    }
    info.update(fields)
    return info


@dataclasses.dataclass
class FakeZone:
    """One zone of the fake account."""

    info: dict
    records: dict = dataclasses.field(default_factory=dict)
    settings: dict = dataclasses.field(default_factory=lambda: dict(DEFAULT_SETTINGS))
    unmapped: set = dataclasses.field(default_factory=set)
    development_mode_expires_on: int | None = None
    stats: dict = dataclasses.field(default_factory=dict)
    visitors: list = dataclasses.field(default_factory=list)
    last_purge: int | None = None
    purged: list = dataclasses.field(default_factory=list)
    snapshots: int = 0

    @property
    def name(self) -> str:
        return self.info["name"]


@dataclasses.dataclass
class _Failure:
    method: str
    error: Exception
    when: object = None
    times: int | None = 1
    applied: bool = False


class FakeAPI(CloudflareAPI):
    """A faithful in-memory backend; see the module docstring."""

    def __init__(self, caps=V1_CAPABILITIES) -> None:
        self.capabilities = caps
        self.zones: dict[str, FakeZone] = {}
        self.ip_access: dict[str, str] = {}
        self.threat_scores: dict[str, tuple] = {}
        self.log: list[tuple] = []
        self.attempted: list = []
        self.calls = 0
        self.secrets: tuple = ()
        self.params: dict | None = None
        self.rate_limited = 0
        self.waits = {"count": 0, "seconds": 0.0}
        self.closed = False
        self.now = NOW
        self._failures: list[_Failure] = []
        self._meanwhile: list = []
        self._ids = itertools.count(FIRST_NEW_ID)

    # --- what tests set up and read ------------------------------------------------------------

    def add_zone(self, name: str, zone_id=42, records=(), **fields) -> FakeZone:
        """Add a zone holding ``records`` (each gets an id unless it has one)."""
        zone = FakeZone(info=zone_info(name, zone_id, **fields))
        for record in records:
            record = (
                record
                if record.id is not None
                else dataclasses.replace(record, id=str(next(self._ids)))
            )
            zone.records[record.id] = record
        self.zones[name] = zone
        return zone

    def records(self, zone: str) -> list[Record]:
        """The records the fake zone holds now (no call logged)."""
        return list(self.zones[zone].records.values())

    def fail(
        self,
        method: str,
        error: Exception,
        when=None,
        times: int | None = 1,
        applied: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (None: every call) for which ``when(*args)`` holds raise ``error``.

        ``method`` "*" matches any call; "write" stands for one record write, in ``apply`` and in ``apply_changes``
        (``when`` gets the Operation). With
        ``applied`` the write is carried out before the error is raised (an answer lost after
        the API applied it).
        """
        self._failures.append(_Failure(method, error, when, times, applied))

    def meanwhile(self, change) -> None:
        """Run ``change(fake)`` once, just before the next record write: another writer changing the zone."""
        self._meanwhile.append(change)

    @property
    def methods(self) -> list[str]:
        """The names of the calls made, in order."""
        return [entry[0] for entry in self.log]

    @property
    def writes(self) -> list[tuple]:
        """The calls that changed (or tried to change) something."""
        return [entry for entry in self.log if entry[0] in WRITE_METHODS]

    # --- the call report and the secrets ---------------------------------------------------

    @property
    def api_calls(self) -> int:
        return self.calls

    @property
    def rate_limited_calls(self) -> int:
        return self.rate_limited

    def rate_limit_waits(self) -> dict:
        return dict(self.waits)

    def scrub(self, text) -> str:
        text = str(text)
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, "********")
        return text

    def close(self) -> None:
        self.closed = True

    # --- the machinery -------------------------------------------------------------------------

    def _call(self, method: str, *args, cost: int = 1) -> None:
        """Check the feature, log and count one call, and raise an injected failure of it."""
        feature = _FEATURE_OF.get(method)
        if feature is not None and feature not in self.capabilities.features:
            raise NotSupportedError(feature.replace("_", " "), self.capabilities.api)
        self.log.append((method, *args))
        self.calls += cost
        failure = self._failure(method, *args)
        if failure is not None:
            raise failure.error

    def _failure(self, method: str, *args) -> _Failure | None:
        for failure in self._failures:
            if (
                failure.method in (method, "*")
                and failure.times != 0
                and (failure.when is None or failure.when(*args))
            ):
                if failure.times is not None:
                    failure.times -= 1
                return failure
        return None

    def _zone(self, name: str) -> FakeZone:
        zone = self.zones.get(name)
        if zone is None:
            raise ZoneNotFoundError.in_account(name)
        return zone

    # --- zones -------------------------------------------------------------------------------

    def list_zones(self) -> list[dict]:
        self._call("list_zones")
        return [dict(self.zones[name].info) for name in sorted(self.zones)]

    def find_zone(self, name: str) -> dict:
        self._call("find_zone", name)
        return dict(self._zone(name).info)

    def zone_id(self, name: str):
        self._call("zone_id", name)
        return self._zone(name).info["id"]

    # --- records -----------------------------------------------------------------------------

    def load_records(
        self, zone: str, name: str | None = None, rtype: str | None = None
    ) -> list[Record]:
        """Logged as ``("load_records", zone)``, or with ``name, rtype`` after it when a filter is given."""
        filters = () if name is None and rtype is None else (name, rtype)
        self._call("load_records", zone, *filters)
        return [
            record
            for record in self._zone(zone).records.values()
            if (name is None or record.name == name)
            and (rtype is None or record.type == rtype)
        ]

    def apply(self, zone: str, operation):
        self._call("apply", zone, operation)
        return self._write(self._zone(zone), operation)

    def _write(self, zone: FakeZone, operation):
        self.attempted.append(operation)
        while self._meanwhile:
            self._meanwhile.pop(0)(self)
        failure = self._failure("write", operation)
        if failure is not None and not failure.applied:
            raise failure.error
        done = self._carry_out(zone, operation)
        if failure is not None:
            raise failure.error
        return done

    def _carry_out(self, zone: FakeZone, operation):
        if operation.kind == "delete":
            # Gone already is done: the v1 adapter reports a delete of an unknown id so.
            zone.records.pop(operation.before.id, None)
            return operation
        record = operation.after
        if operation.kind == "edit" and record.id not in zone.records:
            raise RecordNotFoundError(
                f"fake: zone {zone.name} holds no record {record.id}"
            )
        self._check_conflicts(
            zone, record, own_id=record.id if operation.kind == "edit" else None
        )
        if operation.kind == "create":
            same = next(
                (
                    found
                    for found in zone.records.values()
                    if (found.name, found.type, found.content)
                    == (record.name, record.type, record.content)
                ),
                None,
            )
            # A create of a record the zone holds adopts it, as the v1 adapter does.
            record = dataclasses.replace(
                record, id=same.id if same is not None else str(next(self._ids))
            )
        zone.records[record.id] = record
        return dataclasses.replace(operation, after=record)

    @staticmethod
    def _check_conflicts(zone: FakeZone, record: Record, own_id) -> None:
        for other in zone.records.values():
            if (
                other.id != own_id
                and other.name == record.name
                and other.type != record.type
                and "CNAME" in (other.type, record.type)
            ):
                raise InputError(
                    f"fake: a CNAME cannot share the name {record.name} with another record"
                )

    def write_order(self, operations) -> list:
        operations = list(operations)
        steps = self._steps(operations)
        return [
            operations[index]
            for index in sorted(range(len(operations)), key=lambda index: steps[index])
        ]

    def _steps(self, operations) -> list[int]:
        """One write a call: deletes that free a name for the other kind of record first, then creates and edits,
        then the other deletes. In batches: deletes, edits, creates (one transaction each batch).
        """
        if self.capabilities.batch_limit is not None:
            return [
                {"delete": 0, "edit": 1, "create": 2}[operation.kind]
                for operation in operations
            ]
        created = {}
        for operation in operations:
            if operation.kind == "create":
                created.setdefault(operation.after.name, set()).add(
                    operation.after.type == "CNAME"
                )
        steps = []
        for operation in operations:
            if operation.kind != "delete":
                steps.append(1)
            else:
                kinds = created.get(operation.before.name, set())
                steps.append(0 if (operation.before.type != "CNAME") in kinds else 2)
        return steps

    def _limit(self, options) -> int:
        limit = self.capabilities.batch_limit
        return min(limit, options.batch_size or limit)

    def write_calls(self, zone: str, operations, options) -> int:
        """One call a write, or one a batch of at most the limit."""
        count = len(list(operations))
        if self.capabilities.batch_limit is None:
            return count
        return -(-count // self._limit(options))

    def apply_changes(self, zone: str, operations, options) -> list:
        operations = list(operations)
        self._call("apply_changes", zone, tuple(operations), options, cost=0)
        fake_zone = self._zone(zone)
        if self.capabilities.batch_limit is not None:
            return self._apply_batches(fake_zone, operations, self._limit(options))
        steps = self._steps(operations)
        order = sorted(range(len(operations)), key=lambda index: steps[index])
        outcomes: list = [None] * len(operations)
        stopped_by = None
        for dummy, step in itertools.groupby(order, key=lambda index: steps[index]):
            step = list(step)
            failed = next(
                (
                    outcome
                    for outcome in outcomes
                    if outcome is not None and outcome.status != APPLIED
                ),
                None,
            )
            if failed is not None and stopped_by is None:
                stopped_by = f"it waits for {describe_operation(failed.operation)}, which was not applied"
            for index in step:
                operation = operations[index]
                if stopped_by is not None:
                    outcomes[index] = Outcome(
                        NOT_ATTEMPTED, operation, f"not attempted: {stopped_by}"
                    )
                    continue
                self.calls += 1
                try:
                    outcomes[index] = Outcome(
                        APPLIED, self._write(fake_zone, operation)
                    )
                except CloudflareError as error:
                    outcomes[index] = Outcome(
                        FAILED, operation, str(error), error.retry_round
                    )
                    if error.stops_writes:
                        stopped_by = (
                            f"{describe_operation(operation)} failed first: {error}"
                        )
        return outcomes

    def _apply_batches(self, zone: FakeZone, operations, limit: int) -> list:
        """Batches of ``limit`` in write order, each all or nothing; after a refused batch none is sent."""
        steps = self._steps(operations)
        order = sorted(range(len(operations)), key=lambda index: steps[index])
        outcomes: list = [None] * len(operations)
        refused = None
        for start in range(0, len(order), limit):
            batch = order[start : start + limit]
            if refused is not None:
                for index in batch:
                    outcomes[index] = Outcome(
                        NOT_ATTEMPTED, operations[index], f"not attempted: {refused}"
                    )
                continue
            self.calls += 1
            saved = dict(zone.records)
            done = {}
            for index in batch:
                try:
                    done[index] = self._write(zone, operations[index])
                except CloudflareError as error:  # the batch is one transaction
                    zone.records = saved
                    refused = f"the batch holding {describe_operation(operations[index])} was refused: {error}"
                    for other in batch:
                        message = (
                            str(error) if other == index else f"not applied: {refused}"
                        )
                        outcomes[other] = Outcome(
                            FAILED, operations[other], message, error.retry_round
                        )
                    break
            else:
                for index in batch:
                    outcomes[index] = Outcome(APPLIED, done[index])
        return outcomes

    # --- settings, cache, account --------------------------------------------------------------

    def read_settings(self, zone: str, options=None) -> ZoneSettings:
        self._call("read_settings", zone)
        found = self._zone(zone)
        expires_on = (
            found.development_mode_expires_on
            if found.settings.get("development_mode") is True
            else None
        )
        return ZoneSettings(
            values=dict(found.settings),
            unmapped=frozenset(found.unmapped),
            development_mode_expires_on=expires_on,
        )

    def write_setting(self, zone: str, option: str, value) -> int | None:
        self._call("write_setting", zone, option, value)
        found = self._zone(zone)
        if option not in self.capabilities.settings:
            raise InputError(
                f"fake: {option} is not a setting of API {self.capabilities.api}"
            )
        found.settings[option] = value
        found.unmapped.discard(option)
        if option == "development_mode":
            found.development_mode_expires_on = (
                self.now + DEVELOPMENT_MODE_SECONDS if value else None
            )
            return found.development_mode_expires_on
        return None

    def purge_everything(self, zone: str) -> dict:
        self._call("purge_everything", zone)
        found = self._zone(zone)
        if (
            found.last_purge is not None
            and self.now < found.last_purge + PURGE_COOLDOWN
        ):
            raise APIError(
                f"fake: zone {zone} was purged less than {PURGE_COOLDOWN} s ago"
            )
        found.last_purge = self.now
        return {"purge_timestamp": self.now, "cooldown": PURGE_COOLDOWN}

    def purge_files(self, zone: str, urls: list[str]) -> None:
        if len(urls) > self.capabilities.files_per_purge:
            raise AssertionError(
                f"fake: {len(urls)} URLs in one purge, more than files_per_purge allows"
            )
        self._call("purge_files", zone, tuple(urls))
        self._zone(zone).purged.extend(urls)

    def purge_items(self, zone: str, kind: str, items: list[str]) -> None:
        """URLs as ``purge_files``; tags, hosts and prefixes only with ``purge_kinds`` that has them."""
        if kind == "files":
            self.purge_files(zone, items)
            return
        if kind not in self.capabilities.purge_kinds:
            raise NotSupportedError(f"purging by {kind}", self.capabilities.api)
        if len(items) > self.capabilities.items_per_purge:
            raise AssertionError(
                f"fake: {len(items)} {kind} in one purge, more than items_per_purge allows"
            )
        self._call("purge_items", zone, kind, tuple(items))
        self._zone(zone).purged.extend(items)

    def set_ip_access(self, address: str, mode: str) -> dict:
        self._call("set_ip_access", address, mode)
        if mode == "none":
            self.ip_access.pop(address, None)
        else:
            self.ip_access[address] = mode
        return {"ip": address, "mode": mode}

    def lookup_ip(self, address: str) -> dict:
        self._call("lookup_ip", address)
        label, score = self.threat_scores.get(address, (None, None))
        return {"ip": address, "label": label, "score": score}

    def read_stats(self, zone: str, interval: str) -> dict:
        self._call("read_stats", zone, interval)
        return dict(self._zone(zone).stats, interval=interval)

    def read_visitors(
        self, zone: str, hours: int, visitor_class: str | None, geo: bool
    ) -> list[dict]:
        self._call("read_visitors", zone, hours, visitor_class, geo)
        visitors = []
        for visitor in self._zone(zone).visitors:
            if visitor_class is not None and visitor["classification"] != visitor_class:
                continue
            visitors.append(
                dict(visitor)
                if geo
                else {
                    key: value
                    for key, value in visitor.items()
                    if key not in ("latitude", "longitude")
                }
            )
        return visitors

    def refresh_snapshot(self, zone: str):
        self._call("refresh_snapshot", zone)
        found = self._zone(zone)
        if found.snapshots:
            raise DailyLimitError(
                f"fake: the snapshot of zone {zone} was refreshed today",
                api_error="fake: once a day",
            )
        found.snapshots += 1
        return found.info["id"]
