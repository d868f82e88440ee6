# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this doc fragment is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

from __future__ import annotations


class ModuleDocFragment:
    """The zone a module works on, for every module that needs one (cf_zone_info's zone is optional: not this)."""

    DOCUMENTATION = r"""
options:
  zone:
    description:
      - Name of the zone (domain), for example V(example.com).
      - Case and a trailing dot do not matter. An internationalised name may be given in Unicode;
        it is converted to punycode.
      - A zone the account does not hold fails the task at its first call, with a message naming
        the zone.
    type: str
    required: true
    aliases:
      - domain
"""
