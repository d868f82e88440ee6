# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""docs/execution-environment/ stays a valid ansible-builder definition that installs this collection.

`ansible-builder create` checks the definition against its schema and writes the build context
(the Containerfile and the files it copies) without any container engine or network.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml

COLLECTION_ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
)
EE_DIR = os.path.join(COLLECTION_ROOT, "docs", "execution-environment")


def read_yaml(*path: str):
    with open(os.path.join(COLLECTION_ROOT, *path), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def requirement_names(path: str) -> set[str]:
    """The package names of a pip requirements file (comments and version specifiers left out)."""
    with open(path, encoding="utf-8") as handle:
        lines = [line.split("#", 1)[0].strip() for line in handle]
    return {
        re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0].lower() for line in lines if line
    }


def test_ansible_builder_creates_the_build_context(tmp_path):
    context = tmp_path / "context"
    builder = os.path.join(os.path.dirname(sys.executable), "ansible-builder")
    completed = subprocess.run(
        [
            builder,
            "create",
            "--file",
            os.path.join(EE_DIR, "execution-environment.yml"),
            "--context",
            str(context),
            "--output-filename",
            "Containerfile",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr

    containerfile = (context / "Containerfile").read_text(encoding="utf-8")
    assert "ansible-galaxy collection install" in containerfile
    assert re.search(
        r'^ARG ANSIBLE_INSTALL_REFS=".*ansible-core.*ansible-runner.*"$',
        containerfile,
        re.MULTILINE,
    )
    galaxy = yaml.safe_load(
        (context / "_build" / "requirements.yml").read_text(encoding="utf-8")
    )
    assert [collection["name"] for collection in galaxy["collections"]] == [
        "edgeops.cloudflare"
    ]


def test_execution_environment_matches_the_collection():
    """The EE's ansible-core starts where meta/runtime.yml does, and it has every Python package the modules need."""
    definition = read_yaml("docs", "execution-environment", "execution-environment.yml")
    minimum = re.fullmatch(
        r">=(\d+\.\d+)(?:\.\d+)?", read_yaml("meta", "runtime.yml")["requires_ansible"]
    )
    assert minimum, "requires_ansible is not of the form >=X.Y[.Z]"
    assert (
        f">={minimum.group(1)}"
        in definition["dependencies"]["ansible_core"]["package_pip"]
    )

    ee_python = requirement_names(
        os.path.join(EE_DIR, definition["dependencies"]["python"])
    )
    assert (
        requirement_names(os.path.join(COLLECTION_ROOT, "requirements.txt"))
        <= ee_python
    )
