# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zone role's argument spec: what it accepts, and the module defaults its docs quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.dns_records import (
    module_spec,
)

ROLE = Path(__file__).resolve().parents[3] / "roles" / "zone"
SPEC = yaml.safe_load((ROLE / "meta" / "argument_specs.yml").read_text())[
    "argument_specs"
]["main"]["options"]
README = (ROLE / "README.md").read_text()


def validate(**variables):
    return ArgumentSpecValidator(SPEC).validate(
        {"zone_name": "example.com", **variables}
    )


def test_records_may_use_the_modules_alias_names_any_case_of_type_and_an_id():
    result = validate(
        zone_records=[
            {"record": "www", "type": "cname", "value": "example.com"},
            {
                "id": "9001",
                "name": "sub.example.com",
                "type": "A",
                "content": "203.0.113.20",
                "ttl": 1,
                "proxied": False,
                "priority": None,
            },
        ]
    )
    assert result.error_messages == []


def test_an_unknown_record_key_is_still_refused():
    assert validate(
        zone_records=[{"type": "A", "content": "203.0.113.20", "contnet": "x"}]
    ).error_messages


@pytest.mark.parametrize(
    "variable, option",
    [
        ("zone_records_max_deletes", "max_deletes"),
        ("zone_records_concurrency", "concurrency"),
    ],
)
def test_the_module_defaults_the_docs_quote_are_the_modules(variable, option):
    actual = module_spec().argument_spec[option]["default"]
    described = " ".join(SPEC[variable]["description"])
    assert re.search(r"module's default \(V\((\d+)\)\)", described).group(1) == str(
        actual
    )
    row = next(
        line for line in README.splitlines() if line.startswith(f"| `{variable}` |")
    )
    assert re.search(r"module default \((\d+)\)", row).group(1) == str(actual)
