# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command block of README.md and of the guides in docs/docsite/rst/, run as written, the way a reader would.

README.md is Markdown (fenced blocks); the guides are RST (``.. code-block:: bash`` or
``python``, then an indented body). Each page's ``bash`` and ``python`` blocks run in order in
one shell, in a fresh copy of the checkout that holds this column's virtual environment (the
state `make demo` leaves behind), with a clean environment and a HOME of its own. The guides
start from steps 1 and 2 of the README's tour (collection installed, simulator running,
credentials exported), as they tell the reader to. Two things are changed, and only these: the
simulator's port 8787 becomes a free port, and /tmp/cf-tour a folder of the test, so that runs
never clash.

A block that cannot run here says why on the line before it (blank lines between do not
count): ``<!-- not run by make commands: REASON -->`` before a Markdown fence, the RST comment
``.. not run by make commands: REASON`` before a ``code-block``. It must still parse.

Beside the blocks, the references: every ``:ref:`` of a guide and every ``ref:`` of a module's
``seealso`` must name a label of the guides, and a block whose ``:caption:`` names a file of
the collection must show that file as it is. Run in the staged collection (`make commands`).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
README = "README.md"
GUIDES = sorted(
    path.relative_to(ROOT).as_posix()
    for path in (ROOT / "docs" / "docsite" / "rst").glob("*.rst")
)
PAGES = [README, *GUIDES]
FENCE = re.compile(
    r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```\n", re.MULTILINE | re.DOTALL
)
MARKDOWN_NOT_RUN = re.compile(
    r"<!-- not run by make commands: (?P<reason>[^>]*?) -->\n\Z"
)
CODE_BLOCK = re.compile(r"^(?P<indent>[ ]*)\.\. code-block:: *(?P<lang>\S*) *$")
RST_NOT_RUN = re.compile(r"^[ ]*\.\. not run by make commands:(?P<reason>.*)$")
RST_OPTION = re.compile(r"^[ ]*:(?P<name>[a-z-]+):(?P<value>.*)$")
RUNNABLE = ("bash", "python")
README_SETUP_BLOCKS = 2
TOUR_PORT = re.compile(r"(?<![0-9])8787(?![0-9])")
RUN_TIMEOUT = 900
LABEL = re.compile(r"^\.\. _(?P<label>[^:\s]+):\s*$", re.MULTILINE)
REF = re.compile(r":ref:`(?:[^`<]*<(?P<target>[^>`]+)>|(?P<bare>[^`<]+))`")


class Block:
    """One code block of a page: its language, body (dedented), options and the reason it is not run (or None)."""

    def __init__(
        self, lang: str, body: str, reason: str | None, options: dict | None = None
    ) -> None:
        self.lang = lang
        self.body = body
        self.reason = reason
        self.options = options or {}


def markdown_blocks(text: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(text):
        marker = MARKDOWN_NOT_RUN.search(text[: match.start()])
        found.append(
            Block(
                match.group("lang"),
                match.group("body"),
                marker.group("reason") if marker else None,
            )
        )
    return found


def _previous_text_line(lines: list[str], index: int) -> str:
    """The last non-blank line before ``lines[index]``, or ''."""
    return next((line for line in reversed(lines[:index]) if line.strip()), "")


def rst_blocks(text: str) -> list[Block]:
    """Every ``.. code-block::`` of an RST page: options below the directive, then the body indented deeper."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        directive = CODE_BLOCK.match(line)
        if not directive:
            continue
        depth = len(directive.group("indent"))
        options = {}
        cursor = index + 1
        while (
            cursor < len(lines)
            and lines[cursor].strip()
            and RST_OPTION.match(lines[cursor])
        ):
            option = RST_OPTION.match(lines[cursor])
            options[option.group("name")] = option.group("value").strip()
            cursor += 1
        body = []
        while cursor < len(lines) and (
            not lines[cursor].strip()
            or len(lines[cursor]) - len(lines[cursor].lstrip()) > depth
        ):
            body.append(lines[cursor])
            cursor += 1
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        marker = RST_NOT_RUN.match(_previous_text_line(lines, index))
        found.append(
            Block(
                directive.group("lang"),
                textwrap.dedent("\n".join(body)) + "\n",
                marker.group("reason").strip() if marker else None,
                options,
            )
        )
    return found


def blocks(page: str) -> list[Block]:
    """Every code block of ``page``, in order."""
    text = (ROOT / page).read_text(encoding="utf-8")
    return rst_blocks(text) if page.endswith(".rst") else markdown_blocks(text)


def runnable(page: str) -> list[tuple[str, str]]:
    return [
        (block.lang, block.body)
        for block in blocks(page)
        if block.lang in RUNNABLE and block.reason is None
    ]


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
    shutil.copytree(
        ROOT,
        checkout,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".venv*", "dist", "output", "__pycache__", ".git"
        ),
    )
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    (checkout / f".venv-{version}").symlink_to(sys.prefix)
    home = tmp_path / "home"
    home.mkdir()
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "TMPDIR": str(tmp_path),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "ANSIBLE_NOCOLOR": "1",
    }
    return checkout, environment, tmp_path


def run_page(page: str, reader) -> str:
    checkout, environment, scratch = reader
    steps = runnable(page)
    if page != README:
        steps = runnable(README)[:README_SETUP_BLOCKS] + steps + [_tour_end()]
    port = str(free_port())
    script = "set -euo pipefail\n" + "".join(
        TOUR_PORT.sub(port, as_shell(lang, body)).replace(
            "/tmp/cf-tour", f"{scratch}/cf-tour"
        )
        for lang, body in steps
    )
    with subprocess.Popen(
        ["bash", "-c", script],
        cwd=checkout,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as shell:
        try:
            output, dummy = shell.communicate(timeout=RUN_TIMEOUT)
        finally:
            # The tour starts the simulator with `&`: nothing the page started may outlive it.
            try:
                os.killpg(shell.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert (
        shell.returncode == 0
    ), f"{page} failed (exit {shell.returncode}):\n{output[-6000:]}"
    return output


def _guide(name: str) -> str:
    return f"docs/docsite/rst/{name}.rst"


def test_the_readme_tour_runs_as_written_and_its_second_demo_run_changes_nothing(
    reader,
):
    output = run_page(README, reader)
    recaps = re.findall(r"^localhost\s+: ok=\d+\s+changed=(\d+)", output, re.MULTILINE)
    assert len(recaps) == 2 and recaps[0] != "0" and recaps[1] == "0", output[-4000:]
    assert '"rec_load_all"' in output


def test_the_usage_guide_runs_as_written(reader):
    output = run_page(_guide("usage_guide"), reader)
    assert "FAILED" not in output


def test_the_awx_guide_runs_as_written(reader):
    output = run_page(_guide("awx_guide"), reader)
    assert re.search(r"^successful ", output, re.MULTILINE), output[-4000:]


def test_the_api_v1_guide_counts_the_calls_it_says(reader):
    output = run_page(_guide("api_v1_guide"), reader)
    assert re.findall(r'"api_calls": (\d+)', output) == ["3", "1"], output[-4000:]


# The guides with a test above.
RUN_BY_NAME = {_guide("usage_guide"), _guide("awx_guide"), _guide("api_v1_guide")}


def test_every_guide_with_commands_has_a_test_that_runs_them():
    assert {page for page in GUIDES if runnable(page)} <= RUN_BY_NAME


@pytest.mark.parametrize("page", PAGES)
def test_every_block_runs_or_says_why_not_and_parses(page):
    for block in blocks(page):
        if block.lang not in RUNNABLE:
            continue
        if block.lang == "python":
            compile(block.body, page, "exec")
        else:
            subprocess.run(["bash", "-n", "-c", block.body], check=True)
        assert (
            block.reason is None or block.reason.strip()
        ), f"{page}: a block is marked not run without a reason"


def test_the_pages_that_ran_before_the_move_still_have_their_blocks():
    # README.md, the usage guide and the AWX guide run commands; the execution environment
    # guide's build needs a container engine and says so.
    for page in (README, _guide("usage_guide"), _guide("awx_guide")):
        assert runnable(page), f"{page} has no command block that runs"
    assert [
        block.reason
        for block in blocks(_guide("execution_environment_guide"))
        if block.lang == "bash"
    ] == ["needs podman or docker"]


def test_the_rst_reader_finds_indented_blocks_their_options_and_markers():
    page = textwrap.dedent("""\
        Title
        =====

        - A list item:

          .. code-block:: yaml
             :caption: some/file.yml

             key: value

               deeper: 1

        .. not run by make commands: needs a container engine

        .. code-block:: bash

           podman ps
        text after
        """)
    found = rst_blocks(page)
    assert [
        (block.lang, block.body, block.reason, block.options) for block in found
    ] == [
        ("yaml", "key: value\n\n  deeper: 1\n", None, {"caption": "some/file.yml"}),
        ("bash", "podman ps\n", "needs a container engine", {}),
    ]


def labels() -> set[str]:
    return {
        match.group("label")
        for page in GUIDES
        for match in LABEL.finditer((ROOT / page).read_text(encoding="utf-8"))
    }


def _documentation(path: Path) -> list[dict]:
    """The DOCUMENTATION of a module, or every fragment (upper-case string attribute) of a doc fragment file."""
    documents = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            continue
        names = [getattr(target, "id", "") for target in node.targets]
        if "DOCUMENTATION" in names or (
            path.parent.name == "doc_fragments"
            and any(name.isupper() for name in names)
        ):
            documents.append(yaml.safe_load(node.value.value) or {})
    return documents


def _seealso(path: Path) -> list[dict]:
    return [
        entry
        for document in _documentation(path)
        for entry in document.get("seealso") or []
    ]


def test_every_ref_of_the_guides_and_the_module_docs_names_a_label_of_the_guides():
    known = labels()
    wanted = []
    for page in GUIDES:
        for match in REF.finditer((ROOT / page).read_text(encoding="utf-8")):
            wanted.append(
                (page, (match.group("target") or match.group("bare")).strip())
            )
    for path in sorted(
        [
            *(ROOT / "plugins" / "modules").glob("*.py"),
            *(ROOT / "plugins" / "doc_fragments").glob("*.py"),
        ]
    ):
        for entry in _seealso(path):
            if "ref" in entry:
                wanted.append((path.relative_to(ROOT).as_posix(), entry["ref"]))
    unknown = [
        (where, ref)
        for where, ref in wanted
        if ref.startswith("ansible_collections.edgeops.cloudflare.docsite.")
        and ref not in known
    ]
    assert not unknown, f"references to labels no guide defines: {unknown}"
    assert any(where.startswith("plugins/modules/") for where, ref in wanted)


def test_every_module_links_its_section_of_the_api_v1_guide():
    for path in sorted((ROOT / "plugins" / "modules").glob("cf_*.py")):
        refs = [entry.get("ref") for entry in _seealso(path)]
        assert any(
            ref
            and ref.startswith(
                "ansible_collections.edgeops.cloudflare.docsite.api_v1_guide"
            )
            for ref in refs
        ), path.name


def test_a_block_captioned_with_a_file_of_the_collection_shows_that_file():
    shown = [
        (page, block)
        for page in GUIDES
        for block in blocks(page)
        if block.options.get("caption")
    ]
    assert shown
    for page, block in shown:
        path = ROOT / block.options["caption"]
        assert (
            path.is_file()
        ), f"{page}: the caption {block.options['caption']} names no file"
        assert block.body == path.read_text(
            encoding="utf-8"
        ), f"{page}: {path.name} differs from the file"


def _tour_end() -> tuple[str, str]:
    """The README block that stops the tour's simulator."""
    return next(block for block in runnable(README) if "/_sim/shutdown" in block[1])


def test_the_readme_tour_starts_the_simulator_in_its_first_steps_and_stops_it():
    setup = "".join(body for dummy, body in runnable(README)[:README_SETUP_BLOCKS])
    assert "cfsim.py --port 8787 &" in setup and "export CLOUDFLARE_API_KEY=" in setup
    assert _tour_end()
