# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the record options of plugins/doc_fragments/_record.py into _records.py as sub-options of ``records``.

cf_dns_record documents the options of one record with the fragment _record; cf_dns_records
takes the same options as the keys of each item of ``records``. ansible-core merges fragment
options one level deep only, so a module cannot take sub-options from a fragment, and
_records.py must hold them itself. This script keeps that copy: it takes the options from
_record.py as they are written, indents them under ``records.suboptions`` and turns every
reference to an item's key (``O(type=SRV)``) into the reference within the item
(``O(records[].type=SRV)``). It replaces only the lines between the BEGIN and END lines of
_records.py.

    python scripts/update_doc_fragments.py           # rewrite _records.py
    python scripts/update_doc_fragments.py --check   # exit 1 when _records.py is out of date

The unit tests run the check (tests/unit/plugins/doc_fragments/).
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = pathlib.Path("plugins", "doc_fragments", "_record.py")
TARGET = pathlib.Path("plugins", "doc_fragments", "_records.py")
BEGIN = re.compile(
    r"^(?P<indent> *)# BEGIN the options of _record\.py\b.*\n", re.MULTILINE
)
END = re.compile(r"^ *# END the options of _record\.py\b.*\n", re.MULTILINE)
OPTION_INDENT = 2


class FragmentError(Exception):
    """A fragment file is not in the shape this script expects."""


def documentation(path: pathlib.Path) -> str:
    """The DOCUMENTATION string of the fragment class in ``path``, read without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and any(
                isinstance(target, ast.Name) and target.id == "DOCUMENTATION"
                for target in node.targets
            )
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise FragmentError(f"{path}: no DOCUMENTATION string")


def option_lines(text: str, path: pathlib.Path) -> list[str]:
    """The lines below ``options:`` of a fragment's YAML, as written."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(
            index for index, line in enumerate(lines) if line.rstrip() == "options:"
        )
    except StopIteration:
        raise FragmentError(
            f"{path}: DOCUMENTATION has no top-level 'options:' line"
        ) from None
    body = lines[start + 1 :]
    for line in body:
        if line.strip() and not line.startswith(" " * OPTION_INDENT):
            raise FragmentError(
                f"{path}: only 'options' may be in DOCUMENTATION, found {line.strip()!r}"
            )
    return body


def item_keys(root: pathlib.Path) -> set[str]:
    """Every key an item of ``records`` takes: the options of _record.py and those written in _records.py."""
    record_options = yaml.safe_load(documentation(root / SOURCE))["options"]
    records = yaml.safe_load(documentation(root / TARGET))["options"]["records"]
    return set(record_options) | set(records.get("suboptions") or {})


def rendered_options(root: pathlib.Path) -> str:
    """The options of _record.py as sub-options of ``records``, references rewritten."""
    target_text = (root / TARGET).read_text(encoding="utf-8")
    begin = BEGIN.search(target_text)
    if begin is None:
        raise FragmentError(f"{TARGET}: no '# BEGIN the options of _record.py' line")
    indent = " " * (len(begin.group("indent")) - OPTION_INDENT)
    keys = "|".join(sorted(map(re.escape, item_keys(root)), key=len, reverse=True))
    reference = re.compile(rf"\bO\((?P<key>{keys})(?=[=)])")
    lines = option_lines(documentation(root / SOURCE), SOURCE)
    return "".join(
        reference.sub(r"O(records[].\g<key>", indent + line) if line.strip() else line
        for line in lines
    )


def updated_target(root: pathlib.Path) -> str:
    """The text _records.py should have."""
    text = (root / TARGET).read_text(encoding="utf-8")
    begin, end = BEGIN.search(text), END.search(text)
    if begin is None or end is None or end.start() < begin.end():
        raise FragmentError(
            f"{TARGET}: needs a '# BEGIN the options of _record.py' line, then a '# END' line"
        )
    return text[: begin.end()] + rendered_options(root) + text[end.start() :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only say whether _records.py is up to date",
    )
    args = parser.parse_args(argv)
    try:
        wanted = updated_target(ROOT)
    except FragmentError as exc:
        print(exc, file=sys.stderr)
        return 2
    current = (ROOT / TARGET).read_text(encoding="utf-8")
    if wanted == current:
        return 0
    if args.check:
        print(
            f"{TARGET} is out of date with {SOURCE}: run python scripts/update_doc_fragments.py",
            file=sys.stderr,
        )
        return 1
    (ROOT / TARGET).write_text(wanted, encoding="utf-8")
    print(f"{TARGET} updated from {SOURCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
