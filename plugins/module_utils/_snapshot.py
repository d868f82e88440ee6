# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What cf_zone_snapshot does: refresh a zone's snapshot with ``zone_check`` then ``zone_grab``."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._actions import checked_zone
from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    OutcomeUnknownError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._zones import zone_ids


class DailyLimitError(APIError):
    """CloudFlare refused ``zone_grab`` because the zone's snapshot was already refreshed today.

    The failed result carries ``daily_limit_reached: true`` (so a playbook can tolerate it)
    and the API's own words as ``api_error``.
    """

    def __init__(self, msg: str, api_error: str, **kwargs) -> None:
        super().__init__(msg, **kwargs)
        self.api_error = api_error

    def details(self) -> dict:
        extra = super().details()
        extra["daily_limit_reached"] = True
        extra["api_error"] = self.api_error
        return extra


def zone_snapshot_module_kwargs() -> dict:
    """Keyword arguments for AnsibleModule."""
    spec = auth_argument_spec()
    spec["zone"] = {"type": "str", "required": True, "aliases": ["domain"]}
    return {"argument_spec": spec}


def grab(client, zone: str, zone_id: int) -> None:
    """One ``zone_grab`` of ``zone`` (id ``zone_id``), its refusals turned into clear errors."""
    try:
        client.call("zone_grab", {"zid": zone_id})
    except ZoneNotFoundError:
        raise ZoneNotFoundError.in_account(zone, action="zone_grab") from None
    except OutcomeUnknownError as exc:
        raise OutcomeUnknownError(
            f"No answer came back for the snapshot refresh of zone {zone}, so it may or may not have happened; "
            f"CloudFlare allows one refresh per zone a day, so a repeat today may be refused. Details: {exc.msg}",
            status=exc.status, action=exc.action, attempts=exc.attempts) from None
    except APIError as exc:
        # Besides an unknown zone, the one refusal v1 documents for zone_grab is its daily limit.
        raise DailyLimitError(
            f"The snapshot of zone {zone} was not refreshed: CloudFlare allows one refresh per zone a day and "
            "refused this one. Try again a day after the last refresh.",
            api_error=exc.msg, action=exc.action, err_code=exc.err_code, attempts=exc.attempts) from None


def refresh_snapshot(client, params: dict, check_mode: bool = False) -> dict:
    """cf_zone_snapshot: look up the zone id, then ask for a new snapshot; no call at all in check mode."""
    zone = checked_zone(params["zone"])
    if check_mode:
        return {"changed": True, "zone": zone}
    zone_id = zone_ids(client, [zone])[zone]
    if not zone_id:
        raise ZoneNotFoundError.in_account(zone, action="zone_check")
    grab(client, zone, zone_id)
    return {"changed": True, "zone": zone, "zone_id": zone_id}
