# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_dns_record: one record present with the given content and attributes, or absent."""

from __future__ import annotations

import dataclasses

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
    record_options_spec,
    zone_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    checked_zone,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    plan_record,
    read_record,
    record_warnings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_diff import (
    records_diff,
)


def module_spec() -> ArgumentSpec:
    return (
        connection_spec()
        .merge(zone_spec())
        .merge(
            ArgumentSpec(
                argument_spec={
                    **record_options_spec(),
                    "solo": {"type": "bool", "default": False},
                    "state": {
                        "type": "str",
                        "default": "present",
                        "choices": ["present", "absent"],
                    },
                }
            )
        )
    )


def ensure_record(api, task) -> dict:
    """Validate, read the records of the name once, plan, and write unless in check mode."""
    api.require("records")
    params = task.params
    zone = checked_zone(params["zone"])
    desired = read_record(zone, params, api.capabilities, params["state"])
    # The records of the name only: all its types, so a CNAME beside others is found before any write.
    current = api.load_records(zone, desired.name)
    plan = plan_record(
        current,
        desired,
        params["state"],
        params["solo"],
        caps=api.capabilities,
    )
    if plan.changed and not task.check_mode:
        done = api.apply_all(zone, plan.operations)
        record = next(
            (operation.written for operation in done if operation.kind != "delete"),
            plan.record,
        )
        plan = dataclasses.replace(plan, operations=done, record=record)
    result = {
        "changed": plan.changed,
        "record": plan.record.to_dict() if plan.record else {},
    }
    if params["state"] == "present":
        result["warnings"] = record_warnings(desired)
    if task.diff:
        result["diff"] = records_diff(plan.operations, plan.unchanged)
    return result
