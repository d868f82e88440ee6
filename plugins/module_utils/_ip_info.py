# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What cf_ip_info does: the threat score of each address, one ``ip_lkup`` per address."""

from __future__ import annotations

import re

from ansible_collections.edgeops.cloudflare.plugins.module_utils._actions import normalize_ips
from ansible_collections.edgeops.cloudflare.plugins.module_utils._common import auth_argument_spec

# v1 answers "<LABEL>:<score>" ("BAD:0"), false when it has no data, and nothing else is on record.
_LABEL_AND_SCORE = re.compile(r"^\s*(?P<label>[^:]*?)\s*:\s*(?P<score>-?\d+)\s*$")
_SCORE_ONLY = re.compile(r"^\s*-?\d+\s*$")


def ip_info_module_kwargs() -> dict:
    """Keyword arguments for AnsibleModule."""
    spec = auth_argument_spec()
    spec["ip"] = {"type": "list", "elements": "str", "required": True}
    return {"argument_spec": spec}


def parse_threat(value) -> tuple[str | None, int | None]:
    """``(label, score)`` from an ``ip_lkup`` value; None for whatever the value does not hold."""
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, int):
        return None, value
    text = str(value).strip()
    if not text:
        return None, None
    match = _LABEL_AND_SCORE.match(text)
    if match:
        return match.group("label") or None, int(match.group("score"))
    if _SCORE_ONLY.match(text):
        return None, int(text)
    return text, None


def lookup_ip(client, address: str) -> dict:
    """One ``ip_lkup``; the answer is keyed by the address asked about."""
    answer = client.call("ip_lkup", {"ip": address}).get("response") or {}
    value = answer.get(address)
    if value is None and len(answer) == 1:
        value = next(iter(answer.values()))
    label, score = parse_threat(value)
    return {"ip": address, "label": label, "score": score}


def gather_ip_info(client, params: dict) -> dict:
    """cf_ip_info: check every address first, then look each one up (also in check mode: read-only)."""
    return {"ips": [lookup_ip(client, address) for address in normalize_ips(params["ip"])]}
