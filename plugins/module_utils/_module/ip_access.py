# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_ip_access: put addresses on the account's whitelist or blacklist, or take them off.

API v1 has no call that reads these lists, so nothing here compares with a current state:
every address is sent, and the result reports what the API confirmed for it.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    Progress,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_ips,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

MODES = ("whitelist", "blacklist", "none")

# What the diff shows as the state before the task when the API cannot read it.
UNKNOWN_BEFORE = "unknown"


def module_spec() -> ArgumentSpec:
    return connection_spec().merge(
        ArgumentSpec(
            argument_spec={
                "ip": {"type": "list", "elements": "str", "required": True},
                "mode": {"type": "str", "required": True, "choices": list(MODES)},
            }
        )
    )


def set_ip_access(api, task) -> dict:
    """Check the addresses, then send each one unless in check mode.

    Every address sent counts as a change, since the prior state cannot be read.
    """
    api.require("ip_access")
    addresses = normalize_ips(task.params["ip"])
    mode = task.params["mode"]
    result = {
        "changed": bool(addresses),
        "ips": [{"ip": address, "mode": mode} for address in addresses],
    }
    if task.diff:
        result["diff"] = {
            "before": {address: UNKNOWN_BEFORE for address in addresses},
            "after": {address: mode for address in addresses},
        }
    if task.check_mode or not addresses:
        return result
    progress = Progress(
        "ips", lambda done: f"{plural(len(done), 'address', 'addresses')} set before it"
    )
    for address in addresses:
        with progress.step(f"Setting {address} to {mode}"):
            progress.done.append(api.set_ip_access(address, mode))
    result["ips"] = progress.done
    return result
