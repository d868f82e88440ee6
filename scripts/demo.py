# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo`: install the built collection, start the simulator, run the demo playbook twice.

The first run must change the zone; the second must report changed=0, or the demo fails. The
first run alone gets ``-e demo_send_access_list=true``: API v1 cannot read the IP access lists,
so sending them reports a change every time (see playbooks/demo.yml). The simulator and the
temporary folder are removed whatever happens. Run with the Python of the virtual environment
that holds ansible-core.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

READY_TIMEOUT = 30
READY_LINE = re.compile(r"^(https?://127\.0\.0\.1:\d+)/api_json\.html$", re.MULTILINE)
RECAP_LINE = re.compile(
    r"^localhost\s*:\s*ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=0\b",
    re.MULTILINE,
)


def tool(name: str) -> str:
    """Path of an Ansible command beside this Python (the virtual environment's bin)."""
    return os.path.join(os.path.dirname(sys.executable), name)


def wait_for_url(simulator: subprocess.Popen, log_path: str) -> str:
    """Return the endpoint URL the simulator prints once it listens."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        with open(log_path, encoding="utf-8") as log:
            match = READY_LINE.search(log.read())
        if match:
            return match.group(0)
        if simulator.poll() is not None:
            break
        time.sleep(0.1)
    with open(log_path, encoding="utf-8") as log:
        raise SystemExit("the simulator did not start:\n" + log.read())


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def sim_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def run_playbook(title: str, command: list[str], env: dict) -> str:
    """Run ansible-playbook, echoing its output, and return that output."""
    print(f"\n==== {title}", flush=True)
    lines = []
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    if process.returncode:
        raise SystemExit(f"{title} failed (exit code {process.returncode})")
    return "".join(lines)


def changed_count(output: str) -> int:
    match = RECAP_LINE.search(output)
    if not match:
        raise SystemExit("no clean PLAY RECAP line for localhost in the output")
    return int(match.group(1))


def demo(tarball: str, simulator_path: str, playbook: str, workdir: str) -> None:
    collections = os.path.join(workdir, "collections")
    subprocess.run(
        [
            tool("ansible-galaxy"),
            "collection",
            "install",
            "--force",
            "-p",
            collections,
            tarball,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log_path = os.path.join(workdir, "simulator.log")
    with (
        open(log_path, "w", encoding="utf-8") as log,
        subprocess.Popen(
            [sys.executable, simulator_path, "--port", "0"],
            stdout=log,
            stderr=subprocess.STDOUT,
        ) as simulator,
    ):
        try:
            url = wait_for_url(simulator, log_path)
            base = READY_LINE.search(url).group(1)
            account = sim_json(base + "/_sim/state")["accounts"][0]
            print(f"simulator: {url} (account {account['email']})", flush=True)
            env = dict(
                os.environ,
                ANSIBLE_COLLECTIONS_PATH=collections,
                CLOUDFLARE_API_URL=url,
                CLOUDFLARE_EMAIL=account["email"],
                CLOUDFLARE_API_KEY=account["key"],
            )
            command = [
                tool("ansible-playbook"),
                "-i",
                "localhost,",
                "-c",
                "local",
                "-e",
                f"ansible_python_interpreter={sys.executable}",
                "--diff",
                playbook,
            ]
            first = run_playbook(
                "first run (changes the zone; sends the IP access lists)",
                command + ["-e", "demo_send_access_list=true"],
                env,
            )
            if not changed_count(first):
                raise SystemExit(
                    "the first run changed nothing: the demo did not start from the simulator's built-in state"
                )
            print(
                "\nThe second run leaves out the IP access lists: API v1 cannot read them, so sending them\n"
                "always reports a change. Everything else must now report no change.",
                flush=True,
            )
            second = run_playbook("second run (must report changed=0)", command, env)
            changed = changed_count(second)
            if changed:
                raise SystemExit(
                    f"the second run changed {changed} thing(s): the demo is not idempotent"
                )
            calls = sim_json(base + "/_sim/stats")["total"]
            print(
                f"\ndemo passed: second run changed=0; the simulator answered {calls} v1 calls"
            )
        finally:
            stop(simulator)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tarball",
        required=True,
        help="collection tarball from ansible-galaxy collection build",
    )
    parser.add_argument(
        "--simulator", required=True, help="path of tests/simulator/cfsim.py"
    )
    parser.add_argument(
        "--playbook",
        default="edgeops.cloudflare.demo",
        help="playbook to run (default: %(default)s)",
    )
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="edgeops-cloudflare-demo-")
    try:
        demo(
            os.path.abspath(args.tarball),
            os.path.abspath(args.simulator),
            args.playbook,
            workdir,
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
