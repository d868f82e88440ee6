# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_dns_record_info: the records of a zone that pass the filters. Read-only, the same in check mode."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    InputProblem,
    ValidationError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
    normalize_name,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    matches_filter,
)


def module_spec() -> ArgumentSpec:
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec={
                    "name": {"type": "str", "aliases": ["record"]},
                    "type": {"type": "str"},
                    "content": {"type": "str", "aliases": ["value"]},
                }
            )
        )
    )


def record_info(api, task) -> dict:
    """Every record of the zone that passes the filters; every filter is checked before the read."""
    api.require("records")
    params = task.params
    zone = checked_zone(params["zone"])
    name = rtype = None
    problems = []
    if params.get("name") is not None:
        try:
            name = normalize_name(params["name"], zone)
        except InputProblem as problem:
            problems.append(str(problem))
    if params.get("type") is not None:
        rtype = params["type"].strip().upper()
        if rtype not in api.capabilities.record_types:
            problems.append(
                f"type {params['type']!r} is not one of {', '.join(api.capabilities.record_types)}"
            )
    if problems:
        raise ValidationError(problems=problems)
    records = [
        record.to_dict()
        for record in api.load_records(zone, name, rtype)
        if matches_filter(record, content=params.get("content"))
    ]
    return {"changed": False, "zone": zone, "records": records}
