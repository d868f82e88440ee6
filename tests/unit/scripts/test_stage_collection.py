# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""scripts/stage_collection.py prunes only the copies of ended make runs, never a stranger's folder."""

from __future__ import annotations

import importlib.util
import os
import pathlib

SCRIPT = pathlib.Path(__file__).resolve().parents[3] / "scripts" / "stage_collection.py"
SPEC = importlib.util.spec_from_file_location("stage_collection", SCRIPT)
stage_collection = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(stage_collection)

ENDED_PID = 2**22 + 1  # above the kernel's pid_max ceiling, so never a live process


def test_copies_of_ended_runs_are_removed_and_live_ones_kept(tmp_path):
    ended = tmp_path / f"py3.12-{ENDED_PID}"
    live = tmp_path / f"py3.11-{os.getpid()}"
    ended.mkdir()
    live.mkdir()
    stage_collection.remove_ended_runs(str(tmp_path / f"py3.11-{os.getppid()}"))
    assert sorted(path.name for path in tmp_path.iterdir()) == [live.name]


def test_folders_that_only_end_in_digits_are_left_alone(tmp_path):
    stranger = tmp_path / f"edgeops-cloudflare-{ENDED_PID}"
    stranger.mkdir()
    stage_collection.remove_ended_runs(str(tmp_path / f"py3.11-{os.getpid()}"))
    assert stranger.is_dir()


def test_nothing_is_pruned_beside_a_destination_not_named_after_a_run(tmp_path):
    ended = tmp_path / f"py3.12-{ENDED_PID}"
    ended.mkdir()
    stage_collection.remove_ended_runs(str(tmp_path / "stage"))
    assert ended.is_dir()
