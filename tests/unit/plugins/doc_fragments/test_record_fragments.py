# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The items of cf_dns_records' ``records`` take cf_dns_record's record options, documented alike.

_record.py holds their text; scripts/update_doc_fragments.py writes it into _records.py.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[4]


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_doc_fragments", ROOT / "scripts" / "update_doc_fragments.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
RECORD_OPTIONS = yaml.safe_load(SCRIPT.documentation(ROOT / SCRIPT.SOURCE))["options"]
ITEM_OPTIONS = yaml.safe_load(SCRIPT.documentation(ROOT / SCRIPT.TARGET))["options"][
    "records"
]["suboptions"]


def test_the_records_fragment_holds_what_the_script_writes_from_the_record_fragment():
    written = (ROOT / SCRIPT.TARGET).read_text(encoding="utf-8")
    assert (
        SCRIPT.updated_target(ROOT) == written
    ), "run: python scripts/update_doc_fragments.py"


def test_an_item_takes_every_record_option_with_the_same_type_default_aliases_and_choices():
    for name, option in RECORD_OPTIONS.items():
        item = ITEM_OPTIONS[name]
        assert {key: value for key, value in item.items() if key != "description"} == {
            key: value for key, value in option.items() if key != "description"
        }, name
        assert len(item["description"]) == len(option["description"]), name


def test_every_reference_to_an_item_key_within_an_item_names_the_item():
    alternatives = "|".join(map(re.escape, ITEM_OPTIONS))
    bare = re.compile(rf"\bO\(({alternatives})[=)]")
    for name, option in ITEM_OPTIONS.items():
        for line in option["description"]:
            assert not bare.search(line), f"records[].{name}: {line}"
