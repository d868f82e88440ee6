# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command block of README.md and docs/*.md, run as written, the way a reader would.

Each page's ``bash`` and ``python`` blocks run in order in one shell, in a fresh copy of the
checkout that holds this column's virtual environment (the state `make demo` leaves behind), with
a clean environment and a HOME of its own. The pages under docs/ start from steps 1 and 2 of
the README's tour (collection installed, simulator running, credentials exported), as they tell
the reader to. Two things are changed, and only these: the simulator's port 8787 becomes a free
port, and /tmp/cf-tour a folder of the test, so that runs never clash.

A block that cannot run here carries ``<!-- not run by make commands: REASON -->`` on the line
before its fence; it must still parse. Run in the staged collection (`make commands`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["README.md", "docs/usage.md", "docs/awx.md", "docs/execution-environment.md"]
FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```\n", re.MULTILINE | re.DOTALL)
NOT_RUN = re.compile(r"<!-- not run by make commands: (?P<reason>[^>]+?) -->\n\Z")
RUNNABLE = ("bash", "python")
README_SETUP_BLOCKS = 2
TOUR_PORT = re.compile(r"(?<![0-9])8787(?![0-9])")
RUN_TIMEOUT = 900


def blocks(page: str) -> list[tuple[str, str, str | None]]:
    """``(language, body, reason not run or None)`` of every fenced block of ``page``."""
    text = (ROOT / page).read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        marker = NOT_RUN.search(text[:match.start()])
        found.append((match.group("lang"), match.group("body"), marker.group("reason") if marker else None))
    return found


def runnable(page: str) -> list[tuple[str, str]]:
    return [(lang, body) for lang, body, reason in blocks(page) if lang in RUNNABLE and reason is None]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_shell(lang: str, body: str) -> str:
    if lang == "python":
        return f"python - <<'EDGEOPS_PYTHON_BLOCK'\n{body}EDGEOPS_PYTHON_BLOCK\n"
    return body


@pytest.fixture(name="reader")
def reader_fixture(tmp_path):
    """A copy of the checkout with this column's venv, and a clean environment for the reader's shell."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, symlinks=True,
                    ignore=shutil.ignore_patterns(".venv*", "dist", "output", "__pycache__", ".git"))
    version = "%d.%d" % sys.version_info[:2]
    (checkout / f".venv-{version}").symlink_to(sys.prefix)
    home = tmp_path / "home"
    home.mkdir()
    environment = {"PATH": os.environ["PATH"], "HOME": str(home), "TMPDIR": str(tmp_path), "LANG": "C.UTF-8",
                   "NO_COLOR": "1", "ANSIBLE_NOCOLOR": "1"}
    return checkout, environment, tmp_path


def run_page(page: str, reader) -> str:
    checkout, environment, scratch = reader
    steps = runnable(page)
    if page != "README.md":
        readme = runnable("README.md")
        steps = readme[:README_SETUP_BLOCKS] + steps + [_tour_end()]
    port = str(free_port())
    script = "set -euo pipefail\n" + "".join(
        TOUR_PORT.sub(port, as_shell(lang, body)).replace("/tmp/cf-tour", f"{scratch}/cf-tour") for lang, body in steps)
    with subprocess.Popen(["bash", "-c", script], cwd=checkout, env=environment, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, start_new_session=True) as shell:
        try:
            output, dummy = shell.communicate(timeout=RUN_TIMEOUT)
        finally:
            # The tour starts the simulator with `&`: nothing the page started may outlive it.
            try:
                os.killpg(shell.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert shell.returncode == 0, f"{page} failed (exit {shell.returncode}):\n{output[-6000:]}"
    return output


def test_the_readme_tour_runs_as_written_and_its_second_demo_run_changes_nothing(reader):
    output = run_page("README.md", reader)
    recaps = re.findall(r"^localhost\s+: ok=\d+\s+changed=(\d+)", output, re.MULTILINE)
    assert len(recaps) == 2 and recaps[0] != "0" and recaps[1] == "0", output[-4000:]
    assert '"rec_load_all"' in output


def test_the_usage_guide_runs_as_written(reader):
    output = run_page("docs/usage.md", reader)
    assert "FAILED" not in output


def test_the_awx_guide_runs_as_written(reader):
    output = run_page("docs/awx.md", reader)
    assert re.search(r"^successful ", output, re.MULTILINE), output[-4000:]


@pytest.mark.parametrize("page", PAGES)
def test_every_block_runs_or_says_why_not_and_parses(page):
    for lang, body, reason in blocks(page):
        if lang not in RUNNABLE:
            continue
        if lang == "python":
            compile(body, page, "exec")
        else:
            subprocess.run(["bash", "-n", "-c", body], check=True)
        assert reason is None or reason.strip(), f"{page}: a block is marked not run without a reason"


def _tour_end() -> tuple[str, str]:
    """The README block that stops the tour's simulator."""
    return next(block for block in runnable("README.md") if "/_sim/shutdown" in block[1])


def test_the_readme_tour_starts_the_simulator_in_its_first_steps_and_stops_it():
    setup = "".join(body for dummy, body in runnable("README.md")[:README_SETUP_BLOCKS])
    assert "cfsim.py --port 8787 &" in setup and "export CLOUDFLARE_API_KEY=" in setup
    assert _tour_end()
