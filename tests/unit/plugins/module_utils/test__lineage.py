# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lineage watch: which processes it notes, and what counts as the controller being gone."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._lineage import Lineage


class FakeProc:
    """A /proc with the processes a test gives: pid -> (parent, start time, command line)."""

    def __init__(self, root, processes: dict) -> None:
        self.root = root
        for pid, process in processes.items():
            self.set(pid, *process)

    def set(self, pid: int, parent: int, started: str, cmdline: list[str]) -> None:
        folder = self.root / str(pid)
        folder.mkdir(exist_ok=True)
        fields = ["S", str(parent)] + ["0"] * 17 + [started, "0"]
        (folder / "stat").write_text(f"{pid} (some (odd) name) " + " ".join(fields))
        (folder / "cmdline").write_bytes("\0".join(cmdline).encode() + b"\0")

    def remove(self, pid: int) -> None:
        for entry in (self.root / str(pid)).iterdir():
            entry.unlink()
        (self.root / str(pid)).rmdir()


SHELL = ["/bin/bash", "-l"]
PLAYBOOK = ["/usr/bin/python3", "/usr/bin/ansible-playbook", "site.yml"]
MODULE_SH = ["/bin/sh", "-c", "/usr/bin/python3 && sleep 0"]


@pytest.fixture
def tree(tmp_path):
    # 100 the user's shell, 200 ansible-playbook, 300 its worker (a fork: same command line), 400 the module's sh.
    return FakeProc(
        tmp_path,
        {
            100: (1, "50", SHELL),
            200: (100, "60", PLAYBOOK),
            300: (200, "70", PLAYBOOK),
            400: (300, "80", MODULE_SH),
        },
    )


def test_the_watch_reaches_up_to_the_controller_and_no_further(tree):
    lineage = Lineage(parent=400, proc=str(tree.root))
    assert [pid for pid, dummy, dummy in lineage._watched] == [400, 300, 200]
    assert lineage.gone() is None


def test_the_controller_killed_is_noticed(tree):
    lineage = Lineage(parent=400, proc=str(tree.root))
    tree.remove(200)
    tree.set(300, 1, "70", PLAYBOOK)
    assert lineage.gone() == "process 300, which the module was started under, is gone"


def test_a_pid_taken_by_another_process_is_noticed(tree):
    lineage = Lineage(parent=400, proc=str(tree.root))
    tree.set(200, 100, "99", PLAYBOOK)
    assert lineage.gone() == "process 200, which the module was started under, is gone"


def test_the_controller_outliving_its_terminal_goes_on(tree):
    lineage = Lineage(parent=400, proc=str(tree.root))
    tree.remove(100)
    tree.set(200, 1, "60", PLAYBOOK)
    assert lineage.gone() is None


@pytest.mark.parametrize(
    "cmdline",
    [
        ["/venv/bin/python", "-m", "ansible.cli.playbook", "x.yml"],
        ["/usr/local/bin/ansible", "localhost", "-m", "ping"],
        ["/usr/bin/python3", "/usr/bin/ansible-runner", "run", "/tmp/job"],
    ],
)
def test_every_ansible_command_line_counts_as_the_controller(tmp_path, cmdline):
    FakeProc(
        tmp_path,
        {100: (1, "50", SHELL), 200: (100, "60", cmdline), 400: (200, "80", MODULE_SH)},
    )
    assert [
        pid for pid, dummy, dummy in Lineage(parent=400, proc=str(tmp_path))._watched
    ] == [400, 200]


def test_without_an_ansible_process_above_only_the_parent_is_watched(tmp_path):
    tree = FakeProc(tmp_path, {100: (1, "50", SHELL), 400: (100, "80", MODULE_SH)})
    lineage = Lineage(parent=400, proc=str(tmp_path))
    assert [pid for pid, dummy, dummy in lineage._watched] == [400]
    tree.remove(400)
    assert lineage.gone() == "process 400, which the module was started under, is gone"


def test_without_proc_the_parent_pid_is_watched(tmp_path):
    assert Lineage(proc=str(tmp_path / "missing")).gone() is None
    assert Lineage(parent=os.getppid() + 1, proc=str(tmp_path / "missing")).gone() == (
        "the process that started the module is gone"
    )


def test_a_real_parent_that_dies_is_noticed(tmp_path):
    # The child watches its parent, a shell that exits while the child goes on (and is re-parented).
    child = tmp_path / "child.py"
    report = tmp_path / "report.txt"
    child.write_text(
        "import sys, time\n"
        f"sys.path[:0] = {sys.path!r}\n"
        "from ansible_collections.edgeops.cloudflare.plugins.module_utils._lineage import Lineage\n"
        "lineage = Lineage()\n"
        f"with open({str(report)!r}, 'w') as out:\n"
        "    out.write(f'{lineage.gone()}\\n')\n"
        "    out.flush()\n"
        "    time.sleep(4)\n"
        "    out.write(f'{lineage.gone()}\\n')\n"
    )
    subprocess.run(
        ["sh", "-c", f"{sys.executable} {child} & sleep 2"], timeout=30, check=True
    )
    deadline = time.monotonic() + 30
    while (
        not report.exists() or report.read_text().count("\n") < 2
    ) and time.monotonic() < deadline:
        time.sleep(0.1)
    first, second = report.read_text().splitlines()
    assert first == "None"
    assert second.startswith("process ") and second.endswith(
        ", which the module was started under, is gone"
    )
