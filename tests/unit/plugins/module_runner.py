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


class ModuleResult(dict):
    """A module's result without what every result carries: the call report and the ``invocation``.

    ``call_report`` holds ``api_calls`` and ``rate_limit_waits``, ``invocation`` the module's
    own echo of its options. ``run_module`` checks their shape and moves them here: a test that
    pins a whole result compares everything else, a test about the calls or the echo reads these.
    """

    call_report: dict
    invocation: dict | None


def run_module(module, args: dict) -> ModuleResult:
    """Call ``module.main()`` with ``args`` and return the raw result.

    The result is what the module passed to exit_json/fail_json, before Ansible's own no_log
    masking, so tests see exactly what the module code produced. Failures have ``failed: True``;
    what the module passed to ``warn`` is under ``warnings``, as Ansible would show it.
    """
    warnings: list[str] = []
    with (
        patch_module_args(args),
        mock.patch.object(basic.AnsibleModule, "exit_json", _exit_json),
        mock.patch.object(basic.AnsibleModule, "fail_json", _fail_json),
        mock.patch.object(
            basic.AnsibleModule, "warn", lambda self, text: warnings.append(text)
        ),
    ):
        try:
            module.main()
        except _ModuleExit as done:
            if warnings:
                done.result["warnings"] = warnings
            return _split_call_report(done.result)
    raise AssertionError("the module returned without calling exit_json or fail_json")


def _split_call_report(raw: dict) -> ModuleResult:
    result = ModuleResult(raw)
    result.invocation = result.pop("invocation", None)
    result.call_report = {
        key: result.pop(key)
        for key in ("api_calls", "rate_limit_waits")
        if key in result
    }
    if raw.get("failed") and "api_calls" not in raw:
        # Refused by ansible-core's own option checks or by the credential check, before any client existed.
        return result
    assert isinstance(
        result.call_report.get("api_calls"), int
    ), f"no api_calls in {raw}"
    waits = result.call_report.get("rate_limit_waits")
    assert isinstance(waits, dict) and set(waits) == {
        "count",
        "seconds",
    }, f"no rate_limit_waits in {raw}"
    return result
