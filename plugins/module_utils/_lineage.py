# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Whether the Ansible process that started this module is still there.

A killed ``ansible-playbook`` leaves its worker and the module running: nothing tells a
module that nobody waits for its result any more, and a bulk task would go on writing for
minutes. So the module notes at start the processes between itself and the Ansible
controller (on Linux, from ``/proc``: the shell that runs it, the worker, the controller),
and before each call checks that every one of them is still there, as the same process and
under the same parent. The controller's own parent is not watched: ``nohup ansible-playbook``
outlives its terminal and must go on.
"""

from __future__ import annotations

import os

# How far up the process tree to look for the Ansible controller.
_MAX_DEPTH = 16


def _stat(pid: int, proc: str) -> tuple[int, str] | None:
    """``(parent pid, start time)`` of ``pid`` from ``/proc``, or None when it is gone."""
    try:
        with open(f"{proc}/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After "pid (comm)": state ppid ... with the start time the 20th field from there.
    return int(fields[1]), fields[19]


def _is_ansible(pid: int, proc: str) -> bool:
    """Whether ``pid`` runs an Ansible command line program (ansible-playbook, ansible, ansible-runner, ...)."""
    try:
        with open(f"{proc}/{pid}/cmdline", "rb") as handle:
            arguments = handle.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return False
    return any(
        os.path.basename(argument).startswith("ansible")
        or argument.startswith("ansible.cli")
        for argument in arguments[:3]
    )


class Lineage:
    """The processes from this one's parent up to the Ansible controller, as they were at start."""

    def __init__(self, parent: int | None = None, proc: str = "/proc") -> None:
        self._proc = proc
        self._parent = os.getppid() if parent is None else parent
        self._watched = self._ancestors() if os.path.isdir(proc) else []

    def _ancestors(self) -> list[tuple[int, int, str]]:
        """``(pid, parent, start time)`` of each watched process, nearest first."""
        found: list[tuple[int, int, str]] = []
        pid = self._parent
        seen_ansible = False
        while pid > 1 and len(found) < _MAX_DEPTH:
            stat = _stat(pid, self._proc)
            if stat is None:
                break
            ansible = _is_ansible(pid, self._proc)
            if seen_ansible and not ansible:
                break
            seen_ansible = seen_ansible or ansible
            found.append((pid, stat[0], stat[1]))
            pid = stat[0]
        return found if seen_ansible else found[:1]

    def gone(self) -> str | None:
        """What shows that the process that started this module is gone, or None while it is there."""
        if not self._watched:
            return (
                None
                if os.getppid() == self._parent
                else "the process that started the module is gone"
            )
        for index, (pid, parent, started) in enumerate(self._watched):
            stat = _stat(pid, self._proc)
            topmost = index == len(self._watched) - 1
            if (
                stat is None
                or stat[1] != started
                or (not topmost and stat[0] != parent)
            ):
                return f"process {pid}, which the module was started under, is gone"
        return None
