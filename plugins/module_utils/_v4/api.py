# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""CloudflareAPI on API v4: every v4 endpoint the modules use, in normalised terms.

The only place that knows v4 paths. Records and zones are spelled by the modules beside this
one (``records``, ``zones``, ``settings``). A zone's id is looked up once per module run and
kept; a task about one record reads only the records of its name, whatever the zone's size.
"""

from __future__ import annotations

import dataclasses
import re
import time

from ansible_collections.edgeops.cloudflare.plugins.module_utils._access_rules import (
    AccessRule,
    AccessScope,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    APPLIED,
    FAILED,
    FEATURES,
    NOT_ATTEMPTED,
    ApiSetting,
    Capabilities,
    CloudflareAPI,
    Outcome,
    WriteOptions,
    ZoneSettings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    CloudflareError,
    InputError,
    OutcomeUnknownError,
    RecordExistsError,
    RecordNotFoundError,
    ValidationError,
    WriteNotAppliedError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    AUTOMATIC_TTL,
    RECORD_ATTRIBUTES,
    Operation,
    Record,
    describe_operation,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import (
    plural,
    shorten,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.access_rules import (
    RULES_PER_PAGE,
    rule_body,
    rule_from_v4,
    rules_path,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.records import (
    V4_COMMENT_MAX_LENGTH,
    V4_PROXIABLE_TYPES,
    V4_RECORD_ATTRIBUTES,
    V4_RECORD_TYPES,
    V4_TTL_MAX,
    V4_TTL_MIN,
    V4_TYPE_ADVICE,
    patch_body,
    record_body,
    record_from_v4,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.settings import (
    RETIRED,
    V4_SETTINGS,
    api_setting_from_v4,
    settings_from_v4,
    v4_value,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.zones import (
    zone_from_v4,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._writes import (
    create_or_adopt,
)

# The most records one batch may hold: 200 on the Free plan, 3,500 on the paid plans (notes 1.3).
FREE_BATCH_LIMIT = 200
PAID_BATCH_LIMIT = 3500

# The most URLs one purge call takes: 30 on Free, Pro and Business, 500 on Enterprise; the most
# tags, hosts or prefixes: 30 (notes 1.5, the schema of 2024; the current docs say 100, so 30 is
# within both).
FILES_PER_PURGE = 30
ENTERPRISE_FILES_PER_PURGE = 500
ITEMS_PER_PURGE = 30
PURGE_KINDS = frozenset({"files", "tags", "hosts", "prefixes"})

# The batch lists, in the order CloudFlare carries them out whatever their order in the body.
_BATCH_LISTS = {"delete": "deletes", "edit": "patches", "create": "posts"}
_KIND_ORDER = {"delete": 0, "edit": 1, "create": 2}
_POINTER = re.compile(r"^/(deletes|patches|posts)/(\d+)(?:/|$)")
_ERROR_TEXT_LENGTH = 300

_PURGE_WORDS = {
    "files": ("URL", None),
    "tags": ("cache tag", None),
    "hosts": ("host", None),
    "prefixes": ("prefix", "prefixes"),
}


CAPABILITIES = Capabilities(
    api="v4",
    record_types=V4_RECORD_TYPES,
    proxiable_types=V4_PROXIABLE_TYPES,
    ttl_min=V4_TTL_MIN,
    ttl_max=V4_TTL_MAX,
    reads_ip_access=True,
    batch_limit=PAID_BATCH_LIMIT,
    # Every feature but those API v4 has no endpoint for (see advice).
    features=frozenset(FEATURES) - {"threat_score", "stats", "visitors", "snapshot"},
    settings=tuple(V4_SETTINGS),
    setting_advice=RETIRED,
    setting_ids={
        option: setting_id for option, (setting_id, dummy) in V4_SETTINGS.items()
    },
    record_attributes=V4_RECORD_ATTRIBUTES,
    comment_max_length=V4_COMMENT_MAX_LENGTH,
    files_per_purge=ENTERPRISE_FILES_PER_PURGE,
    purge_kinds=PURGE_KINDS,
    items_per_purge=ITEMS_PER_PURGE,
    type_advice=V4_TYPE_ADVICE,
    # CloudFlare keeps a proxied record's TTL automatic and ignores any other it is sent.
    proxied_ttl=AUTOMATIC_TTL,
    # The client never sends a batch twice, so the rounds are a batch's only retries: as many as
    # the attempts of a call the client may repeat.
    write_rounds=5,
    advice={
        "stats": "API v4 has no REST endpoint for zone analytics (CloudFlare serves them through GraphQL only)",
        "visitors": "API v4 has no REST endpoint for a zone's visitors (CloudFlare serves them through GraphQL only)",
        "threat_score": "API v4 has no endpoint that gives the threat score of an address",
        "snapshot": "API v4 has no zone snapshot to refresh",
    },
)

# Zones come in pages of at most 50 on v4.
ZONES_PER_PAGE = 50


class V4API(CloudflareAPI):
    """The v4 adapter around one V4Client."""

    capabilities = CAPABILITIES

    def __init__(self, client, clock=time.time) -> None:
        self.client = client
        self.transport = client.transport
        self._clock = clock
        self._zones: dict[str, dict] = {}

    # --- zones -------------------------------------------------------------------------------

    def list_zones(self) -> list[dict]:
        """Every zone the credentials can read (``GET /zones``, all pages)."""
        zones = [
            zone_from_v4(obj)
            for obj in self.client.get_all("/zones", per_page=ZONES_PER_PAGE)
        ]
        for zone in zones:
            self._zones.setdefault(zone["name"], zone)
        return sorted(zones, key=lambda zone: zone["name"])

    def find_zone(self, name: str) -> dict:
        """One zone by name (one ``GET /zones?name=``)."""
        found = [
            zone_from_v4(obj)
            for obj in self.client.request("GET", "/zones", params={"name": name}).get(
                "result"
            )
            or []
        ]
        found = [zone for zone in found if zone["name"] == name]
        if not found:
            raise ZoneNotFoundError.in_account(name, action="GET /zones")
        self._zones[name] = found[0]
        return found[0]

    def _zone(self, name: str) -> dict:
        """One zone, looked up once per module run."""
        if name not in self._zones:
            self.find_zone(name)
        return self._zones[name]

    def zone_id(self, name: str) -> str:
        return self._zone(name)["id"]

    # --- records -----------------------------------------------------------------------------

    def _records_path(self, zone: str) -> str:
        return f"/zones/{self.zone_id(zone)}/dns_records"

    def load_records(
        self, zone: str, name: str | None = None, rtype: str | None = None
    ) -> list[Record]:
        """The records of ``zone``; the API filters by ``name`` and ``rtype`` when they are given."""
        params = {}
        if name is not None:
            params["name.exact"] = name
        if rtype is not None:
            params["type"] = rtype
        try:
            objs = self.client.get_all(self._records_path(zone), params=params)
        except ZoneNotFoundError as exc:
            # The zone was found a moment ago: it went away since.
            raise ZoneNotFoundError.in_account(
                zone, action=exc.action, err_code=exc.err_code, attempts=exc.attempts
            ) from None
        return [record_from_v4(obj) for obj in objs]

    def apply(self, zone: str, operation: Operation) -> Operation:
        """One POST, PATCH (only the fields that change) or DELETE."""
        path = self._records_path(zone)
        if operation.kind == "create":
            return Operation("create", None, self._create(zone, operation.written))
        if operation.kind == "edit":
            before, after = operation.existing, operation.written
            body = patch_body(before, after)
            if not body:
                return operation
            envelope = self.client.request("PATCH", f"{path}/{before.id}", body=body)
            return Operation("edit", before, record_from_v4(envelope["result"]))
        try:
            self.client.request("DELETE", f"{path}/{operation.existing.id}")
        except RecordNotFoundError:
            # Gone already: deleted by an earlier attempt of this call or by someone else.
            pass
        return operation

    def _create(self, zone: str, record: Record) -> Record:
        """A POST that sets every attribute, proxied included; a lost answer or a duplicate adopts the record."""

        def send() -> Record:
            envelope = self.client.request(
                "POST", self._records_path(zone), body=record_body(record), creates=True
            )
            return record_from_v4(envelope["result"])

        def find(wanted: Record) -> Record | None:
            return next(
                (
                    found
                    for found in self.load_records(zone, wanted.name, wanted.type)
                    if found.content == wanted.content
                ),
                None,
            )

        created = create_or_adopt(record, send, find, "POST dns_records")
        # An adopted record gets what the task asks for; a comment, tags or settings another
        # writer gave it stay unless the task gives its own.
        body = {
            key: value
            for key, value in patch_body(created, record).items()
            if key not in RECORD_ATTRIBUTES or getattr(record, key)
        }
        if not body:
            return created
        envelope = self.client.request(
            "PATCH", f"{self._records_path(zone)}/{created.id}", body=body
        )
        return record_from_v4(envelope["result"])

    def apply_all(self, zone: str, operations) -> tuple[Operation, ...]:
        """One operation as ``apply`` does it; several in one ``batch`` call, a transaction.

        The batch runs its deletes first, so a CNAME can replace the records of its name without
        the name ever going without an answer. A batch is not sent twice: when its answer is
        lost, the records of the names it touched say whether it was applied.
        """
        operations = tuple(operations)
        if len(operations) == 1:
            return (self.apply(zone, operations[0]),)
        try:
            return self._send_batch(zone, operations)
        except OutcomeUnknownError as lost:
            return self._batch_outcome(zone, operations, lost)

    def _send_batch(self, zone: str, operations) -> tuple[Operation, ...]:
        """One ``POST dns_records/batch`` of ``operations``; returns each with ``after`` as the API reports it."""
        body: dict = {name: [] for name in _BATCH_LISTS.values()}
        for operation in operations:
            if operation.kind == "delete":
                item = {"id": operation.existing.id}
            elif operation.kind == "edit":
                item = {
                    "id": operation.existing.id,
                    **patch_body(operation.existing, operation.written),
                }
            else:
                item = record_body(operation.written)
            body[_BATCH_LISTS[operation.kind]].append(item)
        # Never repeated blindly, creates or not: a repeat of a batch that was applied would
        # fail on the records it deleted.
        result = (
            self.client.request(
                "POST", f"{self._records_path(zone)}/batch", body=body, creates=True
            ).get("result")
            or {}
        )
        written = {
            kind: iter(result.get(name) or [])
            for kind, name in _BATCH_LISTS.items()
            if kind != "delete"
        }
        return tuple(
            (
                operation
                if operation.kind == "delete"
                else dataclasses.replace(
                    operation, after=record_from_v4(next(written[operation.kind]))
                )
            )
            for operation in operations
        )

    def _batch_outcome(
        self, zone: str, operations: tuple, lost: OutcomeUnknownError
    ) -> tuple[Operation, ...]:
        """The operations of a batch whose answer was lost, as the zone shows them (it was applied whole or not at all)."""
        names = sorted({operation.subject.name for operation in operations})
        found = [record for name in names for record in self.load_records(zone, name)]
        by_id = {record.id: record for record in found}
        by_identity = {(r.name, r.type, r.content): r for r in found}

        def now(operation: Operation) -> Record | None:
            """The record an edit or a create made, if the zone holds it as written."""
            wanted = operation.written
            if operation.kind == "edit":
                record = by_id.get(operation.existing.id)
                as_written = record is not None and record == dataclasses.replace(
                    wanted, id=record.id
                )
                return record if as_written else None
            return by_identity.get((wanted.name, wanted.type, wanted.content))

        written = {id(op): now(op) for op in operations if op.kind != "delete"}
        gone = all(
            op.existing.id not in by_id for op in operations if op.kind == "delete"
        )
        if gone and None not in written.values():
            return tuple(
                (
                    op
                    if op.kind == "delete"
                    else dataclasses.replace(op, after=written[id(op)])
                )
                for op in operations
            )
        raise WriteNotAppliedError(
            f"The batch of {len(operations)} record changes of zone {zone} got no usable answer "
            f"({lost.reason}), and the zone, read again, shows it was not applied (a batch is applied "
            "whole or not at all): running the task again carries it out",
            status=lost.status,
            action=lost.action,
            attempts=lost.attempts,
        ) from None

    # --- a zone plan: batches ------------------------------------------------------------------

    def batch_limit(self, zone: str) -> int:
        """The most records one batch of ``zone`` may hold: by its plan, the Free limit when the plan is not known."""
        plan = self._zone(zone)["plan"]
        return PAID_BATCH_LIMIT if plan and plan != "free" else FREE_BATCH_LIMIT

    def write_order(self, operations) -> list[Operation]:
        """By record name, in the order the names come; per name its deletes, edits and creates.

        A batch carries all changes of a name (see ``_batches``) and runs them in that order.
        """
        by_name: dict[str, list[Operation]] = {}
        for operation in operations:
            by_name.setdefault(operation.subject.name, []).append(operation)
        return [
            operation
            for group in by_name.values()
            for operation in sorted(group, key=lambda op: _KIND_ORDER[op.kind])
        ]

    def _batches(self, zone: str, operations, options: WriteOptions) -> list[list[int]]:
        """The indices of ``operations`` per batch, in order: whole names, at most the limit a batch.

        Only the records of one name constrain each other (a CNAME shares its name with nothing),
        so a name's changes go in one batch, where a CNAME replaces the other records of its name
        in one transaction. Only a name with more changes than a batch holds is split.
        """
        limit = self.batch_limit(zone)
        if options.batch_size is not None:
            limit = min(limit, options.batch_size)
        by_name: dict[str, list[int]] = {}
        for index, operation in enumerate(operations):
            by_name.setdefault(operation.subject.name, []).append(index)
        batches: list[list[int]] = []
        current: list[int] = []
        for group in by_name.values():
            if current and len(current) + len(group) > limit:
                batches.append(current)
                current = []
            while len(group) > limit:
                batches.append(group[:limit])
                group = group[limit:]
            current.extend(group)
        if current:
            batches.append(current)
        return batches

    def write_calls(self, zone: str, operations, options: WriteOptions) -> int:
        """One call a batch."""
        return len(self._batches(zone, list(operations), options))

    def apply_changes(self, zone: str, operations, options: WriteOptions) -> list:
        """``operations`` in batches, one after another; each is applied whole or not at all.

        A batch whose answer is lost, or that the API refuses because the zone changed since it
        was read (a record to create already there, one to change or delete gone), fails with
        ``retry_round``: reading the zone again tells what is still missing, so it is never sent
        again as it was. The batches after it are still sent, since no other name's changes are in
        it. Any other error stops the writes: the change the API blamed fails with the API's
        reason, every other change of that batch and of the batches after it is not attempted.
        """
        operations = list(operations)
        batches = self._batches(zone, operations, options)
        outcomes: list = [None] * len(operations)
        applied_batches: list[int] = []
        stopped_by = None
        for number, batch in enumerate(batches, 1):
            members = [operations[index] for index in batch]
            if stopped_by is not None:
                for index in batch:
                    outcomes[index] = Outcome(
                        NOT_ATTEMPTED, operations[index], f"not attempted: {stopped_by}"
                    )
                continue
            where = f"batch {number} of {len(batches)}"
            try:
                applied = self._send_batch(zone, members)
            except (
                OutcomeUnknownError,
                RecordExistsError,
                RecordNotFoundError,
            ) as error:
                # It may have been applied, or the zone changed since it was read.
                lost = isinstance(error, OutcomeUnknownError)
                for index, operation in zip(batch, members, strict=True):
                    outcomes[index] = Outcome(
                        FAILED,
                        operation,
                        f"{where}: {error}",
                        retry_round=True,
                        maybe_applied=lost,
                    )
                continue
            except CloudflareError as error:
                stopped_by = self._batch_failed(
                    error, batch, members, outcomes, where, applied_batches
                )
                continue
            applied_batches.append(number)
            for index, operation in zip(batch, applied, strict=True):
                outcomes[index] = Outcome(APPLIED, operation)
        return outcomes

    def _batch_failed(
        self,
        error: CloudflareError,
        batch: list[int],
        members: list[Operation],
        outcomes: list,
        where: str,
        applied_batches: list[int],
    ) -> str:
        """Record in ``outcomes`` what became of a batch that was not applied; returns why no later batch is sent."""
        earlier = (
            f"{'batch' if len(applied_batches) == 1 else 'batches'} "
            f"{_number_ranges(applied_batches)} applied before it"
            if applied_batches
            else "no batch applied before it"
        )
        blamed = self._blamed(error, members)
        for index, operation in zip(batch, members, strict=True):
            if blamed is None or operation is blamed:
                cause = "was refused for this change" if blamed else "was not applied"
                outcomes[index] = Outcome(
                    FAILED,
                    operation,
                    f"{where} {cause}, so none of its {plural(len(members), 'change')} was "
                    f"applied ({earlier}): {error}",
                    error.retry_round,
                )
            else:
                outcomes[index] = Outcome(
                    NOT_ATTEMPTED,
                    operation,
                    f"not applied: {where}, which held it, was refused for "
                    f"{describe_operation(blamed)}",
                )
        reason = (
            f"refused for {describe_operation(blamed)}"
            if blamed is not None
            else f"not applied: {shorten(str(error), _ERROR_TEXT_LENGTH)}"
        )
        return f"{where} was {reason}, so no later batch was sent"

    @staticmethod
    def _blamed(error: CloudflareError, members: list[Operation]) -> Operation | None:
        """The change of a refused batch that the API's error points at (``source.pointer``: ``/posts/3/ttl``)."""
        match = _POINTER.match(error.pointer or "")
        if match is None:
            return None
        listed = [
            operation
            for operation in members
            if _BATCH_LISTS[operation.kind] == match.group(1)
        ]
        position = int(match.group(2))
        return listed[position] if position < len(listed) else None

    # --- cache ---------------------------------------------------------------------------------

    def purge_limit(self, zone: str, kind: str) -> int:
        """URLs by the zone's plan (500 on Enterprise, else 30); tags, hosts and prefixes 30."""
        if kind != "files":
            return ITEMS_PER_PURGE
        plan = self._zone(zone)["plan"]
        return ENTERPRISE_FILES_PER_PURGE if plan == "enterprise" else FILES_PER_PURGE

    def purge_everything(self, zone: str) -> dict:
        """One ``POST purge_cache`` of ``{"purge_everything": true}``.

        The answer holds only a purge id: v4 reports neither the time nor a cooldown, so both
        are None (the result keeps v1's shape).
        """
        self._purge(zone, {"purge_everything": True}, "the whole cache")
        return {"purge_timestamp": None, "cooldown": None}

    def purge_files(self, zone: str, urls: list[str]) -> None:
        self.purge_items(zone, "files", urls)

    def purge_items(self, zone: str, kind: str, items: list[str]) -> None:
        """One ``POST purge_cache`` of ``{kind: items}``, at most ``purge_limit`` of them."""
        if kind not in PURGE_KINDS:
            raise ValueError(f"no purge by {kind}")
        self._purge(zone, {kind: list(items)}, plural(len(items), *_PURGE_WORDS[kind]))

    def _purge(self, zone: str, body: dict, what: str) -> None:
        """Never sent twice blindly (design 10.3): a lost answer says the purge may or may not have happened."""
        path = f"/zones/{self.zone_id(zone)}/purge_cache"
        try:
            self.client.request("POST", path, body=body, creates=True)
        except OutcomeUnknownError as lost:
            raise lost.reworded(
                f"No usable answer came back for the purge of {what} of zone {zone} ({lost.reason}), "
                "so it may or may not have happened; a purge is not sent twice blindly, and "
                "purging again is harmless",
                reason=lost.reason,
            ) from None
        except ZoneNotFoundError as exc:
            raise ZoneNotFoundError.in_account(
                zone, action=exc.action, err_code=exc.err_code, attempts=exc.attempts
            ) from None

    # --- settings ------------------------------------------------------------------------------

    def _settings_path(self, zone: str, setting_id: str) -> str:
        return f"/zones/{self.zone_id(zone)}/settings/{setting_id}"

    def _get_setting(self, zone: str, setting_id: str) -> dict:
        return (
            self.client.request("GET", self._settings_path(zone, setting_id)).get(
                "result"
            )
            or {}
        )

    def _patch_setting(self, zone: str, setting_id: str, value) -> dict:
        return (
            self.client.request(
                "PATCH", self._settings_path(zone, setting_id), body={"value": value}
            ).get("result")
            or {}
        )

    def read_settings(self, zone: str, options=None) -> ZoneSettings:
        """The settings ``options`` (None: every one this backend manages), one ``GET .../settings/{id}`` each."""
        wanted = [
            option for option in V4_SETTINGS if options is None or option in options
        ]
        results = {
            option: self._get_setting(zone, V4_SETTINGS[option][0]) for option in wanted
        }
        return settings_from_v4(results, self._clock())

    def write_setting(self, zone: str, option: str, value) -> int | None:
        """One ``PATCH .../settings/{id}``; the development mode expiry from its ``time_remaining``."""
        setting_id = V4_SETTINGS[option][0]
        obj = self._patch_setting(zone, setting_id, v4_value(option, value))
        if option == "development_mode" and value:
            return api_setting_from_v4(setting_id, obj, self._clock()).expires_on
        return None

    def read_api_settings(self, zone: str, setting_ids) -> dict:
        """One ``GET .../settings/{id}`` per id; an id the API does not know is an InputError naming it."""
        found = {}
        for setting_id in setting_ids:
            self.zone_id(zone)
            try:
                obj = self._get_setting(zone, setting_id)
            except (InputError, ZoneNotFoundError) as exc:
                # The zone was found a moment ago: a 404 or a refusal is about the setting id.
                raise InputError(
                    f"settings.{setting_id}: zone {zone} has no setting {setting_id} on API v4 "
                    f"(CloudFlare answered: {exc.msg})",
                    action=exc.action,
                    err_code=exc.err_code,
                    attempts=exc.attempts,
                ) from None
            found[setting_id] = api_setting_from_v4(setting_id, obj, self._clock())
        return found

    def write_api_setting(self, zone: str, setting_id: str, value) -> ApiSetting:
        """One ``PATCH .../settings/{id}`` with ``{"value": value}``."""
        return api_setting_from_v4(
            setting_id, self._patch_setting(zone, setting_id, value), self._clock()
        )

    # --- IP access rules -------------------------------------------------------------------------

    def access_scope(
        self, kind: str, zone: str | None, account_id: str | None
    ) -> AccessScope:
        """The account given, else the zone's account (one ``GET /zones?name=``), else the one
        account of the credentials' zones (one ``GET /zones``); or the zone (one ``GET /zones?name=``).
        """
        if kind == "zone":
            if not zone:
                raise ValidationError("scope zone needs zone")
            return AccessScope("zone", self.zone_id(zone), f"zone {zone}")
        if account_id:
            return AccessScope("account", account_id, f"account {account_id}")
        if zone:
            found = self._zone_objects({"name": zone})
            found = [obj for obj in found if zone_from_v4(obj)["name"] == zone]
            if not found:
                raise ZoneNotFoundError.in_account(zone, action="GET /zones")
            self._zones.setdefault(zone, zone_from_v4(found[0]))
            owner = (found[0].get("account") or {}).get("id")
            if not owner:
                raise ValidationError(
                    f"GET /zones does not say which account zone {zone} belongs to: set account_id"
                )
            return AccessScope("account", str(owner), f"account {owner}")
        owners = sorted(
            {
                str((obj.get("account") or {}).get("id"))
                for obj in self._zone_objects({"per_page": ZONES_PER_PAGE})
                if (obj.get("account") or {}).get("id")
            }
        )
        if len(owners) != 1:
            shown = f"accounts {', '.join(owners)}" if owners else "no account"
            raise ValidationError(
                f"the credentials' zones show {shown}: set account_id, or zone to use that zone's account"
            )
        return AccessScope("account", owners[0], f"account {owners[0]}")

    def _zone_objects(self, params: dict) -> list[dict]:
        return self.client.request("GET", "/zones", params=params).get("result") or []

    def access_rules(self, scope: AccessScope) -> list[AccessRule]:
        """Every rule of ``scope``: ``GET .../firewall/access_rules/rules``, all pages."""
        return [
            rule_from_v4(obj)
            for obj in self.client.get_all(rules_path(scope), per_page=RULES_PER_PAGE)
        ]

    def create_access_rule(self, scope: AccessScope, rule: AccessRule) -> AccessRule:
        """One POST, never repeated blindly: a lost answer or a duplicate reads the rule of that value."""
        try:
            envelope = self.client.request(
                "POST", rules_path(scope), body=rule_body(rule), creates=True
            )
            return rule_from_v4(envelope["result"])
        except (OutcomeUnknownError, InputError) as error:
            found = self._rule_of(scope, rule)
            if found is None:
                raise
            if isinstance(error, InputError) and (found.mode, found.notes) != (
                rule.mode,
                rule.notes,
            ):
                # Another writer made it since the scope was read: this task's mode and notes win.
                return self.edit_access_rule(
                    scope, found, {"mode": rule.mode, "notes": rule.notes}
                )
            return found

    def _rule_of(self, scope: AccessScope, rule: AccessRule) -> AccessRule | None:
        """The rule of ``rule``'s value in ``scope``, read with the API's filter."""
        found = self.client.get_all(
            rules_path(scope),
            params={
                "configuration.target": rule.target,
                "configuration.value": rule.value,
            },
            per_page=RULES_PER_PAGE,
        )
        return next(
            (
                candidate
                for candidate in map(rule_from_v4, found)
                if candidate.value == rule.value
            ),
            None,
        )

    def edit_access_rule(
        self, scope: AccessScope, rule: AccessRule, changes: dict
    ) -> AccessRule:
        """One PATCH of the fields that change; the rule keeps its id."""
        envelope = self.client.request(
            "PATCH", f"{rules_path(scope)}/{rule.id}", body=dict(changes)
        )
        return rule_from_v4(envelope["result"])

    def delete_access_rule(self, scope: AccessScope, rule: AccessRule) -> None:
        """One DELETE; a rule gone already (the API cannot route its id: 7003) counts as deleted."""
        try:
            self.client.request("DELETE", f"{rules_path(scope)}/{rule.id}")
        except (InputError, ZoneNotFoundError, RecordNotFoundError) as error:
            if error.err_code != "7003" and not isinstance(error, RecordNotFoundError):
                raise


def _number_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` as ``1-3, 5``."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(
        str(first) if first == last else f"{first}-{last}" for first, last in spans
    )
