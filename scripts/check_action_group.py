# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the action group `cloudflare` in meta/runtime.yml lists exactly the modules.

A module left out of the group silently ignores `module_defaults: group/edgeops.cloudflare.cloudflare`,
so every module must be in it; no sanity test or linter checks this.
"""

from __future__ import annotations

import pathlib
import sys

import yaml

GROUP = "cloudflare"


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    runtime = yaml.safe_load(
        (root / "meta" / "runtime.yml").read_text(encoding="utf-8")
    )
    listed = (runtime.get("action_groups") or {}).get(GROUP) or []
    modules = sorted(
        path.stem
        for path in (root / "plugins" / "modules").glob("*.py")
        if path.stem != "__init__"
    )
    missing = sorted(set(modules) - set(listed))
    unknown = sorted(set(listed) - set(modules))
    for name in missing:
        print(f"meta/runtime.yml: module {name} is missing from action group {GROUP}")
    for name in unknown:
        print(
            f"meta/runtime.yml: action group {GROUP} lists {name}, which is not in plugins/modules"
        )
    return 1 if missing or unknown else 0


if __name__ == "__main__":
    sys.exit(main())
