# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What cf_ip_access does: put addresses on the account's whitelist or blacklist, or take them off.

v1 has no call that reads these lists, so nothing here compares with a current state: every
address is sent, and the result reports what the API confirmed for it.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._actions import StepError, normalize_ips
from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import APIError, CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._text import plural

MODES = ("whitelist", "blacklist", "none")

# The v1 action for each mode, and the ``action`` code its answer confirms.
_ACTIONS = {"whitelist": ("wl", "WL"), "blacklist": ("ban", "BAN"), "none": ("nul", "NUL")}

# What the diff shows as the state before the task: v1 cannot read it.
UNKNOWN_BEFORE = "unknown"


def ip_access_module_kwargs() -> dict:
    """Keyword arguments for AnsibleModule."""
    spec = auth_argument_spec()
    spec["ip"] = {"type": "list", "elements": "str", "required": True}
    spec["mode"] = {"type": "str", "required": True, "choices": list(MODES)}
    return {"argument_spec": spec}


def send_mode(client, address: str, mode: str) -> dict:
    """One ``wl``/``ban``/``nul`` call for ``address``; returns ``{ip, mode}`` as the API confirmed them."""
    action, code = _ACTIONS[mode]
    envelope = client.call(action, {"key": address})
    confirmation = (envelope.get("response") or {}).get("result") or {}
    if confirmation.get("action") != code:
        raise APIError(f"{action} for {address} was answered with success but confirmed "
                       f"{confirmation.get('action')!r} instead of {code!r}", action=action)
    return {"ip": address, "mode": mode}


def set_ip_access(client, params: dict, check_mode: bool = False, diff: bool = False) -> dict:
    """cf_ip_access: check the addresses, then send each one unless in check mode.

    Every address sent counts as a change, since the prior state cannot be read.
    """
    addresses = normalize_ips(params["ip"])
    mode = params["mode"]
    result = {"changed": bool(addresses), "ips": [{"ip": address, "mode": mode} for address in addresses]}
    if diff:
        result["diff"] = {
            "before": {address: UNKNOWN_BEFORE for address in addresses},
            "after": {address: mode for address in addresses},
        }
    if check_mode or not addresses:
        return result
    confirmed: list[dict] = []
    for address in addresses:
        try:
            confirmed.append(send_mode(client, address, mode))
        except CloudflareError as exc:
            earlier = f" ({plural(len(confirmed), 'address', 'addresses')} set before it)" if confirmed else ""
            raise StepError(f"Setting {address} to {mode} failed{earlier}: {exc.msg}", exc, "ips", confirmed) from None
    result["ips"] = confirmed
    return result
