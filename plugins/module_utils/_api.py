# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The one interface every module runner talks to, and what a backend can do, as data.

A backend (``_v1.api.V1API`` today) implements ``CloudflareAPI`` in normalised terms:
records are ``Record`` objects, settings are named and valued like the options of
cf_zone_setting, zones are dicts in the shape cf_zone_info returns. No runner knows an API
spelling. A feature a backend lacks raises one ``NotSupportedError`` before any call; runners
ask ``require`` first.
"""

from __future__ import annotations

import abc
import dataclasses

from ansible_collections.edgeops.cloudflare.plugins.module_utils._access_rules import (
    AccessRule,
    AccessScope,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    NotSupportedError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    Operation,
    Record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._transport import (
    Transport,
)

# What became of one planned write.
PLANNED = "planned"
APPLIED = "applied"
FAILED = "failed"
NOT_ATTEMPTED = "not_attempted"

# The optional features a backend may have (Capabilities.features).
FEATURES = (
    "records",
    "zone_records",
    "settings",
    "setting_changes",
    "settings_by_id",
    "cache_purge",
    "ip_access",
    "threat_score",
    "stats",
    "visitors",
    "snapshot",
)


@dataclasses.dataclass(frozen=True)
class Capabilities:
    """What one backend can do: the limits records are checked against, and its features.

    ``reads_ip_access`` says whether IP access rules can be read back (so cf_ip_access can
    compare); ``batch_limit`` is the most writes one call can carry on any plan (None: one write
    a call; a zone's own limit is ``CloudflareAPI.batch_limit``);
    ``files_per_purge`` the most URLs one purge call takes on any plan (a zone's own limit is
    ``CloudflareAPI.purge_limit``), ``purge_kinds`` what a purge may name besides the whole
    cache (``files``; ``tags``, ``hosts``, ``prefixes`` where the API has them) and
    ``items_per_purge`` the most tags, hosts or prefixes one purge call takes. ``advice`` says, per feature the
    backend lacks, why or what to do instead. ``proxied_ttl`` is the TTL every proxied record
    has, whatever a write sends (None: a proxied record keeps the TTL it is given).

    ``record_attributes`` names the attributes records have beside the core ones (of
    ``_record.RECORD_ATTRIBUTES``: ``comment``, ``tags``, ``settings``), ``comment_max_length``
    the longest comment any plan takes; ``type_advice`` pairs a record type the backend does not
    have with what to write instead (``("SPF", "write it as TXT")``). ``write_rounds`` is how
    many rounds of writes cf_dns_records may make, the first included, when writes fail with an
    error a new round may cure.

    ``settings`` names the setting options the backend manages; ``setting_values`` gives, per
    option, the values the backend takes where it takes fewer than the option's choices;
    ``setting_advice`` says why an option (key: the option) or one of its values (key:
    ``(option, value)``) is missing, and also serves the API's own setting ids a backend with
    ``settings_by_id`` does not have (``minify``). ``setting_ids`` pairs each option with the
    API's id of its setting, where the backend manages settings by id.
    """

    api: str
    record_types: tuple
    proxiable_types: tuple
    ttl_min: int
    ttl_max: int
    reads_ip_access: bool
    batch_limit: int | None
    features: frozenset
    settings: tuple = ()
    files_per_purge: int = 1
    purge_kinds: frozenset = frozenset({"files"})
    items_per_purge: int = 0
    advice: dict = dataclasses.field(default_factory=dict)
    proxied_ttl: int | None = None
    record_attributes: frozenset = frozenset()
    comment_max_length: int = 0
    type_advice: tuple = ()
    write_rounds: int = 3
    setting_values: dict = dataclasses.field(default_factory=dict)
    setting_advice: dict = dataclasses.field(default_factory=dict)
    setting_ids: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class WriteOptions:
    """How a zone plan's writes may be sent, as the task's options ask.

    A backend of one write a call runs up to ``concurrency`` of them at once; a batch backend
    sends batches of at most ``batch_size`` writes (None: the zone's own limit).
    """

    concurrency: int = 1
    batch_size: int | None = None


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What became of one change: its status, the operation as applied (or as planned) and the error.

    ``retry_round`` says whether reading the zone again and writing what is still missing may cure the error;
    ``maybe_applied`` that the write's answer was lost, so only a new read tells whether it was applied.
    """

    status: str
    operation: Operation
    error: str | None = None
    retry_round: bool = False
    maybe_applied: bool = False


@dataclasses.dataclass(frozen=True)
class ZoneSettings:
    """The settings of a zone in option terms.

    ``values`` holds every setting the backend manages; a value no option value stands for is
    kept as the API reported it, and its option is in ``unmapped``. ``development_mode_expires_on``
    is the Unix time development mode turns itself off (None when it is off or not known).
    ``read_only`` names the options whose setting the API reports as not editable (a plan
    that does not include it).
    """

    values: dict
    unmapped: frozenset = frozenset()
    development_mode_expires_on: int | None = None
    read_only: frozenset = frozenset()


@dataclasses.dataclass(frozen=True)
class ApiSetting:
    """One setting by the API's own id, as the API reports it (``settings_by_id``).

    ``value`` is as the API spells it (``"on"``, ``14400``, ``"1.2"``); ``editable`` is False
    when the zone's plan does not let it be changed; ``expires_on`` is the Unix time
    development mode turns itself off (None for other settings, or when it is off).
    """

    setting_id: str
    value: object
    editable: bool = True
    expires_on: int | None = None


class CloudflareAPI(abc.ABC):
    """The calls the modules make, in normalised terms; one instance per module run."""

    capabilities: Capabilities

    def require(self, feature: str) -> None:
        """Raise NotSupportedError, before any call, when the backend lacks ``feature``."""
        if feature not in self.capabilities.features:
            raise NotSupportedError(
                feature.replace("_", " "),
                self.capabilities.api,
                self.capabilities.advice.get(feature, ""),
            )

    # --- the call report and the secrets: the backend's one request path keeps them ----------

    transport: Transport

    @property
    def api_calls(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self.transport.api_calls

    @property
    def rate_limited_calls(self) -> int:
        """Calls the API refused for its rate limit, each sent again after a wait."""
        return self.transport.rate_limited_calls

    def rate_limit_waits(self) -> dict:
        """``{"count": n, "seconds": s}``: the waits the rate limit caused."""
        return self.transport.rate_limit_waits()

    def scrub(self, text) -> str:
        """``text`` as a string with every secret masked."""
        return self.transport.scrub(text)

    def close(self) -> None:
        """Release the connections."""
        self.transport.close()

    def __enter__(self) -> CloudflareAPI:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- zones -------------------------------------------------------------------------------

    @abc.abstractmethod
    def list_zones(self) -> list[dict]:
        """Every zone of the account, normalised, sorted by name."""

    def find_zone(self, name: str) -> dict:
        """One zone of the account, as list_zones gives it; ZoneNotFoundError.in_account when there is none."""
        found = [zone for zone in self.list_zones() if zone["name"] == name]
        if not found:
            raise ZoneNotFoundError.in_account(name)
        return found[0]

    @abc.abstractmethod
    def zone_id(self, name: str):
        """The id of one zone of the account; ZoneNotFoundError.in_account when there is none."""

    # --- records -----------------------------------------------------------------------------

    @abc.abstractmethod
    def load_records(
        self, zone: str, name: str | None = None, rtype: str | None = None
    ) -> list[Record]:
        """The records of ``zone``, or only those of full name ``name`` and of type ``rtype`` where given.

        ZoneNotFoundError.in_account for a zone the account does not have.
        """

    @abc.abstractmethod
    def apply(self, zone: str, operation: Operation) -> Operation:
        """Carry out one operation; returns it with ``after`` as the API reports it."""

    def apply_all(self, zone: str, operations) -> tuple[Operation, ...]:
        """Carry out one task's operations, in the order given; returns each as ``apply`` does.

        One call after another, so an error stops the rest; a backend that can send them in one
        transaction does (all applied, or none).
        """
        return tuple(self.apply(zone, operation) for operation in operations)

    def write_order(self, operations) -> list[Operation]:
        """A zone plan's operations in the order the backend carries them out (and a plan lists them)."""
        return list(operations)

    def batch_limit(self, zone: str) -> int | None:
        """The most writes one call can carry in ``zone`` (None: one write a call)."""
        return self.capabilities.batch_limit

    @abc.abstractmethod
    def apply_changes(
        self, zone: str, operations, options: WriteOptions
    ) -> list[Outcome]:
        """Carry out a zone plan's operations (in ``write_order``), grouped as the backend needs.

        Returns one Outcome per operation, in the order given. A write that fails does not
        stop the others unless its error ``stops_writes``; a write not attempted carries in
        its error what stopped it. Nothing is rolled back.
        """

    @abc.abstractmethod
    def write_calls(self, zone: str, operations, options: WriteOptions) -> int:
        """The calls ``apply_changes`` makes for ``operations`` when nothing goes wrong."""

    # --- settings, cache, account --------------------------------------------------------------

    def read_settings(self, zone: str, options=None) -> ZoneSettings:
        """The settings of ``zone`` in option terms: at least ``options`` (None: every one the backend manages).

        A backend whose settings come in one call reads them all whatever ``options`` says; one
        that reads a setting a call reads only ``options``.
        """
        raise NotSupportedError("zone settings", self.capabilities.api)

    def write_setting(self, zone: str, option: str, value) -> int | None:
        """Set one setting; returns the development mode expiry when it turned development mode on."""
        raise NotSupportedError("zone settings", self.capabilities.api)

    def read_api_settings(self, zone: str, setting_ids) -> dict:
        """``{setting id: ApiSetting}`` of ``setting_ids``, by the API's own ids (``settings_by_id``).

        An id the API does not know is an InputError naming it.
        """
        raise NotSupportedError("settings by id", self.capabilities.api)

    def write_api_setting(self, zone: str, setting_id: str, value) -> ApiSetting:
        """Set one setting by the API's own id to ``value`` as the API spells it; returns it as the API reports it."""
        raise NotSupportedError("settings by id", self.capabilities.api)

    def purge_everything(self, zone: str) -> dict:
        raise NotSupportedError("cache purge", self.capabilities.api)

    def purge_files(self, zone: str, urls: list[str]) -> None:
        """Purge ``urls``, at most ``purge_limit(zone, "files")`` of them, in one go."""
        raise NotSupportedError("cache purge", self.capabilities.api)

    def purge_items(self, zone: str, kind: str, items: list[str]) -> None:
        """Purge ``items`` of ``kind`` (one of ``capabilities.purge_kinds``), at most ``purge_limit(zone, kind)``, in one go.

        URLs go to ``purge_files``; the other kinds need a backend that has them.
        """
        if kind == "files":
            self.purge_files(zone, items)
            return
        raise NotSupportedError(
            f"purging by {kind}",
            self.capabilities.api,
            self.capabilities.advice.get(f"purge_{kind}", ""),
        )

    def purge_limit(self, zone: str, kind: str) -> int:
        """The most items of ``kind`` one purge call of ``zone`` takes (may look the zone up)."""
        if kind == "files":
            return self.capabilities.files_per_purge
        return self.capabilities.items_per_purge

    def set_ip_access(self, address: str, mode: str) -> dict:
        raise NotSupportedError("ip access", self.capabilities.api)

    # --- IP access rules (a backend that reads them back: capabilities.reads_ip_access) --------

    def access_scope(
        self, kind: str, zone: str | None, account_id: str | None
    ) -> AccessScope:
        """The scope of rules a task manages: ``kind`` account (the given account, else the zone's) or zone."""
        raise NotSupportedError("ip access rules", self.capabilities.api)

    def access_rules(self, scope: AccessScope) -> list[AccessRule]:
        """Every rule of ``scope`` (all pages), in the API's order."""
        raise NotSupportedError("ip access rules", self.capabilities.api)

    def create_access_rule(self, scope: AccessScope, rule: AccessRule) -> AccessRule:
        """Create ``rule``; returns it as the API reports it (with its id)."""
        raise NotSupportedError("ip access rules", self.capabilities.api)

    def edit_access_rule(
        self, scope: AccessScope, rule: AccessRule, changes: dict
    ) -> AccessRule:
        """Change ``mode`` and/or ``notes`` of an existing rule, keeping its id."""
        raise NotSupportedError("ip access rules", self.capabilities.api)

    def delete_access_rule(self, scope: AccessScope, rule: AccessRule) -> None:
        """Delete an existing rule (a rule gone already counts as deleted)."""
        raise NotSupportedError("ip access rules", self.capabilities.api)

    def lookup_ip(self, address: str) -> dict:
        raise NotSupportedError("threat score", self.capabilities.api)

    def read_stats(self, zone: str, interval: str) -> dict:
        raise NotSupportedError("stats", self.capabilities.api)

    def read_visitors(
        self, zone: str, hours: int, visitor_class: str | None, geo: bool
    ) -> list[dict]:
        raise NotSupportedError("visitors", self.capabilities.api)

    def refresh_snapshot(self, zone: str):
        raise NotSupportedError("snapshot", self.capabilities.api)
