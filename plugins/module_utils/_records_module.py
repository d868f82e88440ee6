# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What the cf_dns_record and cf_dns_record_info modules do, behind their argument specs."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import ValidationError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import (
    RECORD_TYPES,
    RecordProblem,
    matches_filter,
    normalize_name,
    normalize_zone,
    plan_record,
    read_record,
    record_warnings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record_diff import records_diff
from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_runner import (
    execute_plan,
    load_zone_records,
)


def record_argument_spec() -> dict:
    """The per-record options (also the keys of each item of cf_dns_records' ``records``).

    ``content`` and the numbers are ``raw``: ansible-core would turn a mapping into its text and
    ``true`` into 1; read_record checks them itself and refuses both.
    """
    return {
        "name": {"type": "str", "default": "@", "aliases": ["record"]},
        "type": {"type": "str", "required": True},
        "content": {"type": "raw", "aliases": ["value"]},
        "ttl": {"type": "raw"},
        "proxied": {"type": "bool"},
        "priority": {"type": "raw"},
        "service": {"type": "str"},
        "proto": {"type": "str"},
        "weight": {"type": "raw"},
        "port": {"type": "raw"},
        "target": {"type": "str"},
    }


def dns_record_argument_spec() -> dict:
    spec = auth_argument_spec()
    spec["zone"] = {"type": "str", "required": True, "aliases": ["domain"]}
    spec.update(record_argument_spec())
    spec["solo"] = {"type": "bool", "default": False}
    spec["state"] = {"type": "str", "default": "present", "choices": ["present", "absent"]}
    return spec


def dns_record_info_argument_spec() -> dict:
    spec = auth_argument_spec()
    spec["zone"] = {"type": "str", "required": True, "aliases": ["domain"]}
    spec["name"] = {"type": "str", "aliases": ["record"]}
    spec["type"] = {"type": "str"}
    spec["content"] = {"type": "str", "aliases": ["value"]}
    return spec


def _zone(value: str) -> str:
    try:
        return normalize_zone(value)
    except RecordProblem as problem:
        raise ValidationError(problems=[str(problem)]) from None


def ensure_record(client, params: dict, check_mode: bool = False, diff: bool = False) -> dict:
    """cf_dns_record: validate, read the zone once, plan, and write unless in check mode."""
    zone = _zone(params["zone"])
    desired, problems = read_record(zone, params, params["state"])
    if problems:
        raise ValidationError(problems=problems)
    plan = plan_record(load_zone_records(client, zone), desired, params["state"], params["solo"])
    if plan.changed and not check_mode:
        plan = execute_plan(client, zone, plan)
    result = {"changed": plan.changed, "record": plan.record.to_dict() if plan.record else {}}
    if params["state"] == "present":
        result["warnings"] = record_warnings(desired)
    if diff:
        result["diff"] = records_diff(plan.operations, plan.unchanged)
    return result


def record_info(client, params: dict) -> dict:
    """cf_dns_record_info: every record of the zone (all pages) that passes the filters."""
    zone = _zone(params["zone"])
    name = rtype = None
    problems = []
    if params.get("name") is not None:
        try:
            name = normalize_name(params["name"], zone)
        except RecordProblem as problem:
            problems.append(str(problem))
    if params.get("type") is not None:
        rtype = params["type"].strip().upper()
        if rtype not in RECORD_TYPES:
            problems.append(f"type {params['type']!r} is not one of {', '.join(RECORD_TYPES)}")
    if problems:
        raise ValidationError(problems=problems)
    records = [record.to_dict() for record in load_zone_records(client, zone)
               if matches_filter(record, name=name, rtype=rtype, content=params.get("content"))]
    return {"changed": False, "zone": zone, "records": records}
