# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""cf_ip_info: the threat score of each address. Read-only, the same in check mode."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    ArgumentSpec,
    connection_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._names import (
    normalize_ips,
)


def module_spec() -> ArgumentSpec:
    return connection_spec().merge(
        ArgumentSpec(
            argument_spec={"ip": {"type": "list", "elements": "str", "required": True}}
        )
    )


def gather_ip_info(api, task) -> dict:
    """Check every address first, then look each one up."""
    api.require("threat_score")
    return {
        "ips": [api.lookup_ip(address) for address in normalize_ips(task.params["ip"])]
    }
