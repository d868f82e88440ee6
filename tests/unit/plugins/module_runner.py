# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run a module's main() in-process and capture what it hands to exit_json or fail_json."""

from __future__ import annotations

from unittest import mock

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args


class _ModuleExit(Exception):
    def __init__(self, result: dict) -> None:
        super().__init__(result)
        self.result = result


def _exit_json(self, **kwargs):
    kwargs.setdefault("changed", False)
    raise _ModuleExit(kwargs)


def _fail_json(self, msg, **kwargs):
    kwargs.update(failed=True, msg=msg)
    raise _ModuleExit(kwargs)


def run_module(module, args: dict) -> dict:
    """Call ``module.main()`` with ``args`` and return the raw result.

    The result is what the module passed to exit_json/fail_json, before Ansible's own no_log
    masking, so tests see exactly what the module code produced. Failures have ``failed: True``.
    """
    with patch_module_args(args), \
            mock.patch.object(basic.AnsibleModule, "exit_json", _exit_json), \
            mock.patch.object(basic.AnsibleModule, "fail_json", _fail_json):
        try:
            module.main()
        except _ModuleExit as done:
            return done.result
    raise AssertionError("the module returned without calling exit_json or fail_json")
