# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_zone_snapshot: refresh the snapshot of a zone's website shown on challenge pages."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    connection_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
)


def module_spec():
    return connection_spec().merge(zone_spec())


def refresh_snapshot(api, task) -> dict:
    """Ask for a new snapshot; no call at all in check mode."""
    api.require("snapshot")
    zone = checked_zone(task.params["zone"])
    if task.check_mode:
        return {"changed": True, "zone": zone}
    return {"changed": True, "zone": zone, "zone_id": api.refresh_snapshot(zone)}
