# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Forks on one account: calls, E_MAXAPI refusals, failed tasks and time of one playbook run.

Z inventory hosts each create N records in their own empty zone of one simulator account, all
at once (`ansible-playbook --forks Z`), under the simulator's per-account rate limit; the
shape of tests/integration/targets/reliability_load. Each checkout given with --root is built
and run against the same simulator (issue 13 item 10: one rate-limit window shared by the
processes of a machine). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from run import (
    EMAIL,
    HERE,
    KEY,
    PLAYBOOKS,
    Simulator,
    children_cpu,
    install_collection,
    labelled_root,
    machine,
    make_records,
    playbook_env,
    revision,
    seconds,
    tool,
    write_report,
)

DOMAIN = "bench.example"
HOST_RECAP = re.compile(
    r"^(zone\d+)\s*:\s*ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)",
    re.MULTILINE,
)
FAILURE = re.compile(
    r'^fatal: \[(zone\d+)\]: FAILED! => .*?"msg": "((?:[^"\\]|\\.)*)"', re.MULTILINE
)
# The file in which the modules share an account's rate-limit window (plugins/module_utils/_pacer.py).
WINDOW_FILES = "edgeops-cloudflare-pacer-*.json"


@dataclasses.dataclass
class Checkout:
    label: str
    root: str
    collections: str = ""


@dataclasses.dataclass
class ForkRun:
    """One playbook run: what the simulator counted, what Ansible reported, and the time it took."""

    label: str
    calls: int
    refused: int
    exit_code: int | None
    failed_hosts: list
    first_error: str
    converged: int
    wall: float
    cpu: float
    load: float
    window_files: int

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None


def zone_names(zones: int) -> list[str]:
    return [f"zone{number}" for number in range(1, zones + 1)]


def account_seed(zones: int) -> dict:
    """The simulator state: one account holding ``zones`` empty zones."""
    return {
        "accounts": [
            {
                "email": EMAIL,
                "key": KEY,
                "user_id": "1",
                "zones": [
                    {"name": f"{name}.{DOMAIN}", "id": 5000 + number, "records": []}
                    for number, name in enumerate(zone_names(zones), start=1)
                ],
            }
        ]
    }


def floor_seconds(calls: int, limit: int, period: float) -> float:
    """Least wall time ``calls`` need under a sliding window of ``limit`` calls per ``period`` seconds."""
    return (calls - 1) // limit * period if calls else 0


def run_playbook(
    command: list[str], env: dict, cwd: str, log_path: str, timeout: float
) -> tuple[int | None, float, float]:
    """Run ansible-playbook in its own process group; returns its exit code (None: timed out), wall and CPU seconds.

    After ``timeout`` seconds the whole group is killed, so no module outlives the run.
    """
    with open(log_path, "w", encoding="utf-8") as log:
        cpu_before = children_cpu()
        started = time.perf_counter()
        with subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ) as process:
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                code = None
        return code, time.perf_counter() - started, children_cpu() - cpu_before


def converge(sim: Simulator, checkout: Checkout, args, workdir: str) -> ForkRun:
    """Reset the account to empty zones, run the playbook once, read the counters and the zones."""
    sim.control("reset", account_seed(args.zones))
    run_dir = tempfile.mkdtemp(prefix="run-", dir=workdir)
    # A fresh temporary folder: the modules of the run share their window file there, and no
    # file of an earlier run is in it.
    scratch = os.path.join(run_dir, "tmp")
    os.mkdir(scratch)
    inventory = os.path.join(run_dir, "inventory.ini")
    with open(inventory, "w", encoding="utf-8") as handle:
        handle.writelines(
            f"{name} ansible_connection=local ansible_python_interpreter={sys.executable}\n"
            for name in zone_names(args.zones)
        )
    variables = os.path.join(run_dir, "vars.json")
    records = make_records(args.records)
    with open(variables, "w", encoding="utf-8") as handle:
        json.dump({"bench_domain": DOMAIN, "bench_records": records}, handle)
    env = dict(playbook_env(run_dir, checkout.collections, sim.url), TMPDIR=scratch)
    command = [
        tool("ansible-playbook"),
        "--forks",
        str(args.forks),
        "-i",
        inventory,
        "-e",
        "@" + variables,
        os.path.join(PLAYBOOKS, "forks.yml"),
    ]
    log_path = os.path.join(run_dir, "playbook.log")
    code, wall, cpu = run_playbook(command, env, run_dir, log_path, args.timeout)
    stats = sim.control("stats")
    with open(log_path, encoding="utf-8") as log:
        output = log.read()
    failed = sorted(
        host
        for host, unreachable, failures in HOST_RECAP.findall(output)
        if int(unreachable) or int(failures)
    )
    failure = FAILURE.search(output)
    zones = sim.control("state")["accounts"][0]["zones"]
    converged = sum(1 for zone in zones if len(zone["records"]) == len(records))
    return ForkRun(
        checkout.label,
        stats["total"],
        stats["rate_limited"],
        code,
        failed,
        failure.group(2)[:300] if failure else "",
        converged,
        wall,
        cpu,
        os.getloadavg()[0],
        len(glob.glob(os.path.join(scratch, WINDOW_FILES))),
    )


def render(runs: list[ForkRun], header: list[str]) -> str:
    lines = (
        ["# Forks on one account", ""]
        + header
        + [
            "",
            "| checkout | calls | refused (E_MAXAPI) | refused % | tasks failed | zones converged | wall s "
            "| Ansible CPU s | load | shared window file |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
    )
    for run in runs:
        refused_share = 100.0 * run.refused / run.calls if run.calls else 0
        failed = "– (killed)" if run.timed_out else len(run.failed_hosts)
        shared = "yes" if run.window_files else "no"
        lines.append(
            f"| {run.label} | {run.calls} | {run.refused} | {refused_share:.0f} | {failed} | {run.converged} "
            f"| {seconds(run.wall)} | {seconds(run.cpu)} | {run.load:.1f} | {shared} |"
        )
    failures = [run for run in runs if run.exit_code != 0]
    if failures:
        lines += ["", "## Runs that did not end well", ""]
        for run in failures:
            ending = (
                "killed at the time limit"
                if run.timed_out
                else f"exit code {run.exit_code}"
            )
            hosts = ", ".join(run.failed_hosts) or "none"
            lines.append(
                f"- {run.label}: {ending}; hosts failed: {hosts}; first error: {run.first_error or 'none shown'}"
            )
    return "\n".join(lines)


def parse_checkout(text: str) -> Checkout:
    return Checkout(*labelled_root(text))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", required=True, help="Markdown file that receives the table"
    )
    parser.add_argument(
        "--root",
        action="append",
        type=parse_checkout,
        dest="checkouts",
        help="[LABEL=]DIR: a checkout to build and run; repeat it to compare (default: this one)",
    )
    parser.add_argument(
        "--zones",
        type=int,
        default=8,
        help="inventory hosts, one zone each (default %(default)d)",
    )
    parser.add_argument(
        "--forks", type=int, help="ansible-playbook --forks (default: as many as zones)"
    )
    parser.add_argument(
        "--records",
        type=int,
        default=10,
        help="records each host creates (default %(default)d)",
    )
    parser.add_argument(
        "--rate-limit",
        default="60/15",
        help="simulator limit CALLS/SECONDS per account " "(default %(default)s)",
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="simulator latency per call (default %(default)g)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds after which a run is killed and reported as such (default %(default)g)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per checkout, taken in turn (default %(default)d)",
    )
    parser.add_argument(
        "--simulator",
        default=os.path.join(os.path.dirname(HERE), "tests", "simulator", "cfsim.py"),
        help="cfsim.py to run for every checkout (default: this checkout's)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder (logs, collections)",
    )
    args = parser.parse_args()
    args.checkouts = args.checkouts or [parse_checkout(os.path.dirname(HERE))]
    args.forks = args.forks or args.zones
    return args


def main() -> int:
    args = parse_args()
    limit, period = args.rate_limit.split("/")
    needed = args.zones * (1 + args.records)
    workdir = tempfile.mkdtemp(prefix="edgeops-cloudflare-forks-")
    runs: list[ForkRun] = []
    header: list[str] = []
    try:
        for number, checkout in enumerate(args.checkouts):
            checkout.collections = install_collection(
                checkout.root, os.path.join(workdir, f"checkout{number}")
            )
        sim = Simulator(
            os.path.abspath(args.simulator),
            args.latency_ms,
            args.rate_limit,
            os.path.join(workdir, "simulator.log"),
        )
        try:
            date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
            command = " ".join(["python", "benchmarks/forks.py"] + sys.argv[1:])
            checkouts = "; ".join(
                f"{checkout.label} = {checkout.root} ({revision(checkout.root)})"
                for checkout in args.checkouts
            )
            floor = seconds(floor_seconds(needed, int(limit), float(period)))
            header = [
                f"- Date: {date}",
                f"- Command: `{command}`",
                f"- Machine: {machine(playbook_env(workdir, args.checkouts[0].collections, sim.url))}",
                f"- Checkouts: {checkouts}",
                f"- {args.zones} hosts with --forks {args.forks}, each creating {args.records} records in its own empty "
                f"zone of one account: {needed} calls without refusals (a read and the creates per zone)",
                f"- Simulator: {args.simulator}, rate limit {args.rate_limit} per account, {args.latency_ms:g} ms latency "
                f"per call; at that limit the {needed} calls need at least {floor} s",
                '- "calls": every call the simulator received, refused ones included; "load": 1-minute load average '
                'when the run ended; "shared window file": the run left a window file in its temporary folder',
            ]
            for repeat in range(args.repeat):
                for checkout in args.checkouts:
                    print(
                        f"running {checkout.label} ({repeat + 1} of {args.repeat}) ...",
                        file=sys.stderr,
                        flush=True,
                    )
                    run = converge(sim, checkout, args, workdir)
                    runs.append(run)
                    print(
                        f"  {run.calls} calls, {run.refused} refused, {len(run.failed_hosts)} tasks failed, {run.wall:.1f} s",
                        file=sys.stderr,
                        flush=True,
                    )
                    # Written after every run, so an interrupted benchmark keeps what it measured.
                    write_report(args.output, render(runs, header))
        finally:
            sim.stop()
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report = render(runs, header)
    write_report(args.output, report)
    print(report)
    return (
        1
        if any(run.exit_code != 0 or run.converged != args.zones for run in runs)
        else 0
    )


if __name__ == "__main__":
    sys.exit(main())
