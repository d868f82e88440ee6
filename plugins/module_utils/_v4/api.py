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
import time

from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    Capabilities,
    CloudflareAPI,
    ZoneSettings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    NotSupportedError,
    OutcomeUnknownError,
    RecordNotFoundError,
    WriteNotAppliedError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    AUTOMATIC_TTL,
    RECORD_ATTRIBUTES,
    Operation,
    Record,
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
    V4_SETTINGS,
    settings_from_v4,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.zones import (
    zone_from_v4,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._writes import (
    create_or_adopt,
)

_NOT_YET = "not available on API v4 in this version of edgeops.cloudflare; use API v1 (api_email and api_key) for it"

CAPABILITIES = Capabilities(
    api="v4",
    record_types=V4_RECORD_TYPES,
    proxiable_types=V4_PROXIABLE_TYPES,
    ttl_min=V4_TTL_MIN,
    ttl_max=V4_TTL_MAX,
    reads_ip_access=True,
    batch_limit=None,
    features=frozenset({"records", "settings"}),
    settings=tuple(V4_SETTINGS),
    record_attributes=V4_RECORD_ATTRIBUTES,
    comment_max_length=V4_COMMENT_MAX_LENGTH,
    type_advice=V4_TYPE_ADVICE,
    # CloudFlare keeps a proxied record's TTL automatic and ignores any other it is sent.
    proxied_ttl=AUTOMATIC_TTL,
    advice={
        "zone_records": _NOT_YET,
        "setting_changes": _NOT_YET,
        "cache_purge": _NOT_YET,
        "ip_access": _NOT_YET,
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
        self._zone_ids: dict[str, str] = {}

    # --- zones -------------------------------------------------------------------------------

    def list_zones(self) -> list[dict]:
        """Every zone the credentials can read (``GET /zones``, all pages)."""
        zones = [
            zone_from_v4(obj)
            for obj in self.client.get_all("/zones", per_page=ZONES_PER_PAGE)
        ]
        for zone in zones:
            self._zone_ids.setdefault(zone["name"], zone["id"])
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
        self._zone_ids[name] = found[0]["id"]
        return found[0]

    def zone_id(self, name: str) -> str:
        """The id of one zone, looked up once per module run."""
        if name not in self._zone_ids:
            self.find_zone(name)
        return self._zone_ids[name]

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
        the name ever going without an answer. A batch that creates is not sent twice: when its
        answer is lost, the records of the names it touched say whether it was applied.
        """
        operations = tuple(operations)
        if len(operations) == 1:
            return (self.apply(zone, operations[0]),)
        path = f"{self._records_path(zone)}/batch"
        body: dict = {"deletes": [], "patches": [], "posts": []}
        for operation in operations:
            if operation.kind == "delete":
                body["deletes"].append({"id": operation.existing.id})
            elif operation.kind == "edit":
                body["patches"].append(
                    {
                        "id": operation.existing.id,
                        **patch_body(operation.existing, operation.written),
                    }
                )
            else:
                body["posts"].append(record_body(operation.written))
        try:
            # Never repeated blindly, creates or not: a repeat of a batch that was applied would
            # fail on the records it deleted.
            result = self.client.request("POST", path, body=body, creates=True).get(
                "result"
            )
        except OutcomeUnknownError as lost:
            return self._batch_outcome(zone, operations, lost)
        written = {
            "edit": iter((result or {}).get("patches") or []),
            "create": iter((result or {}).get("posts") or []),
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

    def apply_changes(self, zone: str, operations, concurrency: int) -> list:
        raise NotSupportedError("zone records", "v4", _NOT_YET)

    # --- settings ------------------------------------------------------------------------------

    def read_settings(self, zone: str) -> ZoneSettings:
        """The settings of ``zone`` in option terms, one ``GET .../settings/{id}`` each."""
        path = f"/zones/{self.zone_id(zone)}/settings"
        results = {
            option: self.client.request("GET", f"{path}/{setting_id}").get("result")
            or {}
            for option, (setting_id, dummy) in V4_SETTINGS.items()
        }
        return settings_from_v4(results, self._clock())
