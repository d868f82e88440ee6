# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Copy the checkout to DEST/ansible_collections/edgeops/cloudflare, where ansible-test needs it.

A symlink does not work (ansible-test resolves the real path). In a git work tree the copy
holds the files git knows about or would pick up (tracked plus untracked-but-not-ignored),
so virtual environments, build output and test output never travel along.

The Makefile names DEST after the run that owns it (pyX.Y-PID, PID being that of `make`):
copies of runs that have ended are removed beside it, copies of runs still going are left
alone. Nothing else beside DEST is touched, and nothing at all when DEST is not named so.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

NAMESPACE = "edgeops"
NAME = "cloudflare"
SKIPPED_DIR_NAMES = {".git", ".ansible", ".cache", ".pytest_cache", "__pycache__"}
SKIPPED_DIR_PATHS = {"dist", os.path.join("tests", "output")}
RUN_COPY = re.compile(r"py\d+\.\d+-(\d+)")


def checkout_files(root: str) -> list[str]:
    """Return the relative paths of the files that make up the checkout at root."""
    try:
        listing = subprocess.run(
            [
                "git",
                "-C",
                root,
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return walked_files(root)
    paths = [path.decode() for path in listing.split(b"\0") if path]
    return [path for path in paths if os.path.lexists(os.path.join(root, path))]


def walked_files(root: str) -> list[str]:
    """List the files under root without git, leaving out what the tools create."""
    paths = []
    for directory, dir_names, file_names in os.walk(root):
        relative_dir = os.path.relpath(directory, root)
        dir_names[:] = [
            name
            for name in dir_names
            if not name.startswith(".venv")
            and name not in SKIPPED_DIR_NAMES
            and os.path.normpath(os.path.join(relative_dir, name))
            not in SKIPPED_DIR_PATHS
        ]
        paths.extend(
            os.path.normpath(os.path.join(relative_dir, name))
            for name in file_names
            if not name.endswith(".pyc")
        )
    return paths


def remove_ended_runs(dest: str) -> None:
    """Remove the copies beside dest whose owning process has ended."""
    parent, own_name = os.path.split(dest)
    if not RUN_COPY.fullmatch(own_name):
        return
    for name in os.listdir(parent):
        owner = RUN_COPY.fullmatch(name)
        if owner and name != own_name and not os.path.exists(f"/proc/{owner.group(1)}"):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def stage(root: str, dest: str) -> str:
    """Replace DEST's copy of the collection with a fresh one and return its path."""
    collection = os.path.join(dest, "ansible_collections", NAMESPACE, NAME)
    shutil.rmtree(collection, ignore_errors=True)
    os.makedirs(dest, exist_ok=True)
    remove_ended_runs(dest)
    for path in checkout_files(root):
        target = os.path.join(collection, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(root, path), target, follow_symlinks=False)
    return collection


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "dest", help="folder that receives ansible_collections/edgeops/cloudflare"
    )
    parser.add_argument(
        "--prune-only",
        action="store_true",
        help="only remove the copies of ended runs beside DEST; do not copy",
    )
    parser.add_argument(
        "--root",
        default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        help="checkout to copy (default: the one holding this script)",
    )
    args = parser.parse_args()
    dest = os.path.abspath(args.dest)
    if args.prune_only:
        if os.path.isdir(os.path.dirname(dest)):
            remove_ended_runs(dest)
    else:
        print(stage(os.path.abspath(args.root), dest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
