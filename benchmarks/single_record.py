# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One record on a zone of M records: API calls and wall time of a single task, v1, v4 and community.general.

One `edgeops.cloudflare.cf_dns_record` task that finds its record as it should be, on API v1
(api_email and api_key) and on API v4 (api_token), and `community.general.cloudflare_dns` with
the same record on v4; then the same tasks in check mode, and a create on each. The zone holds
M records (default 5,000), in the simulator, with a set latency per call. community.general's
module has its endpoint hard-coded in a class attribute: it runs through a small module written
into the temporary folder that imports it, points that attribute at the simulator and calls its
main(), nothing else. Run with the Python of a virtual environment that holds ansible-core,
requests and the `ansible` package (for community.general); see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime
import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from run import (
    HERE,
    RECAP_LINE,
    RUN_TIMEOUT,
    ZONE,
    Simulator,
    actual_state,
    children_cpu,
    expected_state,
    install_collection,
    machine,
    make_records,
    playbook_env,
    revision,
    seconds,
    state_problems,
    tool,
    write_report,
    zone_seed,
)

# The simulator's default seed: its account sample@example.com, whose global key is v1's key,
# and that account's token with every permission on every zone (tests/simulator/README.md).
ACCOUNT_EMAIL = "sample@example.com"
ACCOUNT_KEY = "8afbe6dea02407989af4dd4c97bb6e25"
ACCOUNT_TOKEN = "cfsim-all-permissions-all-zones-00000001"

PEER_MODULE = "ansible_collections.community.general.plugins.modules.cloudflare_dns"
PEER_WRAPPER = "cloudflare_dns_at_simulator"
# community.general's cloudflare_dns, unchanged: imported, its endpoint pointed at the simulator,
# its main() run. Ansible hands a file its arguments only when it imports from ansible.module_utils,
# and packs with it what it imports from there, so the wrapper names what cloudflare_dns imports.
PEER_WRAPPER_SOURCE = """#!/usr/bin/python
# Written by benchmarks/single_record.py for one run against the simulator.
from __future__ import annotations

from ansible.module_utils import basic, urls  # noqa: F401
from ansible.module_utils.common.text import converters  # noqa: F401
from ansible.module_utils.six.moves.urllib import parse  # noqa: F401
from {module} import CloudflareAPI, main

CloudflareAPI.cf_api_endpoint = {endpoint!r}

if __name__ == "__main__":
    main()
"""

# A record the zone does not hold, for the create runs.
NEW_RECORD = {"name": "single-new", "type": "A", "content": "198.51.100.10", "ttl": 300}

TOOLS = {
    "cf_dns_record": "edgeops.cloudflare.cf_dns_record",
    "cloudflare_dns": "community.general.cloudflare_dns",
}
RUNS = {
    "no-change": "no change",
    "check": "no change, check mode",
    "create": "create",
}
# (run, backend, tool) in the order of the table.
CASES = [
    (run, backend, tool_name)
    for run in RUNS
    for backend, tool_name in (
        ("v1", "cf_dns_record"),
        ("v4", "cf_dns_record"),
        ("v4", "cloudflare_dns"),
    )
]


@dataclasses.dataclass
class Outcome:
    run: str
    backend: str
    tool: str
    calls: dict
    wall: float
    cpu: float
    problems: list

    @property
    def total(self) -> int:
        return sum(self.calls.values())


def peer_collection() -> str | None:
    """The version of community.general this Python can import cloudflare_dns from, or None."""
    try:
        spec = importlib.util.find_spec(PEER_MODULE)
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.origin:
        return None
    manifest = os.path.join(os.path.dirname(spec.origin), "..", "..", "MANIFEST.json")
    try:
        with open(manifest, encoding="utf-8") as handle:
            return json.load(handle)["collection_info"]["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


def ansible_package() -> str:
    try:
        return importlib.metadata.version("ansible")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def bench_seed(default_state: dict, records: list[dict], seed: int) -> dict:
    """The simulator's default state, its account also holding the benchmark zone of ``records``.

    Keeping the default state keeps the account's key and tokens as the default seed has them.
    """
    state = copy.deepcopy(default_state)
    account = next(
        account for account in state["accounts"] if account["email"] == ACCOUNT_EMAIL
    )
    account["zones"].append(zone_seed(records, seed)["accounts"][0]["zones"][0])
    return state


def task_args(backend: str, tool_name: str, record: dict, sim: Simulator) -> dict:
    """The arguments of the task that makes ``record`` present, with its credentials and endpoint."""
    if tool_name == "cloudflare_dns":
        return {
            "zone": ZONE,
            "record": record["name"],
            "type": record["type"],
            "value": record["content"],
            "ttl": record["ttl"],
            "state": "present",
            "api_token": ACCOUNT_TOKEN,
        }
    args = {
        "zone": ZONE,
        "name": record["name"],
        "type": record["type"],
        "content": record["content"],
        "ttl": record["ttl"],
        "state": "present",
    }
    if backend == "v1":
        args.update(api_email=ACCOUNT_EMAIL, api_key=ACCOUNT_KEY, api_url=sim.url)
    else:
        args.update(api_token=ACCOUNT_TOKEN, api_url=sim.base + "/client/v4")
    return args


class SingleRunner:
    """Runs one case: reset the simulator to the M records, run the one-task playbook, read the counters."""

    def __init__(
        self, sim: Simulator, workdir: str, collections: str, seed: dict, records: list
    ) -> None:
        self.sim = sim
        self.workdir = workdir
        self.seed = seed
        self.records = records
        env = playbook_env(workdir, collections, sim.url)
        # The credentials and the endpoint come from each task, never from the environment.
        for name in ("CLOUDFLARE_API_URL", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY"):
            env.pop(name, None)
        self.env = env
        # ansible-playbook finds modules in the library folder beside the playbook.
        library = os.path.join(workdir, "library")
        os.makedirs(library, exist_ok=True)
        with open(
            os.path.join(library, PEER_WRAPPER + ".py"), "w", encoding="utf-8"
        ) as handle:
            handle.write(
                PEER_WRAPPER_SOURCE.format(
                    module=PEER_MODULE, endpoint=sim.base + "/client/v4"
                )
            )

    def run(self, run: str, backend: str, tool_name: str) -> Outcome:
        record = NEW_RECORD if run == "create" else self.records[0]
        module = PEER_WRAPPER if tool_name == "cloudflare_dns" else TOOLS[tool_name]
        playbook = os.path.join(self.workdir, "playbook.yml")
        with open(playbook, "w", encoding="utf-8") as handle:
            # JSON is YAML: one play, one task.
            json.dump(
                [
                    {
                        "name": "One record",
                        "hosts": "localhost",
                        "gather_facts": False,
                        "tasks": [
                            {
                                "name": f"Make {record['name']} {record['type']} present",
                                module: task_args(backend, tool_name, record, self.sim),
                            }
                        ],
                    }
                ],
                handle,
                indent=2,
            )
        command = [
            tool("ansible-playbook"),
            "-i",
            "localhost,",
            "-c",
            "local",
            "-e",
            f"ansible_python_interpreter={sys.executable}",
            playbook,
        ]
        if run == "check":
            command.insert(-1, "--check")
        self.sim.control("reset", self.seed)
        # A fresh TMPDIR: the modules keep the account's rate-limit window in a file there.
        env = dict(self.env, TMPDIR=tempfile.mkdtemp(prefix="tmp-", dir=self.workdir))
        cpu_before = children_cpu()
        started = time.perf_counter()
        result = subprocess.run(
            command,
            env=env,
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
        wall = time.perf_counter() - started
        cpu = children_cpu() - cpu_before
        stats = self.sim.control("stats")
        calls = dict(stats["calls"], **stats.get("v4_calls", {}))
        problems = self._problems(run, result.returncode, result.stdout, stats)
        records = self.records + ([NEW_RECORD] if run == "create" else [])
        problems.extend(
            state_problems(
                expected_state(records), actual_state(self.sim.control("state"))
            )
        )
        if problems:
            print(result.stdout[-3000:] + result.stderr[-2000:], file=sys.stderr)
        return Outcome(run, backend, tool_name, calls, wall, cpu, problems)

    @staticmethod
    def _problems(run: str, returncode: int, output: str, stats: dict) -> list[str]:
        problems = []
        if returncode:
            problems.append(f"ansible-playbook exited with {returncode}")
        recap = RECAP_LINE.search(output)
        wanted = 1 if run == "create" else 0
        if not recap:
            problems.append("no PLAY RECAP line for localhost")
        elif int(recap.group(1)) != wanted:
            problems.append(f"changed={recap.group(1)}, expected {wanted}")
        if stats.get("rate_limited"):
            problems.append(f"the simulator refused {stats['rate_limited']} calls")
        return problems


# --- the report --------------------------------------------------------------------------


def by_endpoint(calls: dict) -> str:
    return (
        ", ".join(f"`{name}` {count}" for name, count in sorted(calls.items()))
        or "none"
    )


def render(outcomes: list[Outcome], size: int, header: list[str], skipped: str) -> str:
    lines = ["# One record on a zone of M records", ""] + header + [""]
    lines += [
        "| M | run | backend | tool | API calls | by endpoint / action | wall s | Ansible CPU s |",
        "| ---: | --- | --- | --- | ---: | --- | ---: | ---: |",
    ]
    for run, backend, tool_name in CASES:
        outcome = next(
            (
                outcome
                for outcome in outcomes
                if (outcome.run, outcome.backend, outcome.tool)
                == (run, backend, tool_name)
            ),
            None,
        )
        cells = f"| {size:,} | {RUNS[run]} | {backend} | {TOOLS[tool_name]} |"
        if outcome is None:
            reason = skipped if tool_name == "cloudflare_dns" and skipped else "not run"
            lines.append(f"{cells} – | {reason} | – | – |")
            continue
        flag = " ⚠" if outcome.problems else ""
        lines.append(
            f"{cells} {outcome.total}{flag} | {by_endpoint(outcome.calls)} "
            f"| {seconds(outcome.wall)} | {seconds(outcome.cpu)} |"
        )
    failed = [outcome for outcome in outcomes if outcome.problems]
    if failed:
        lines += ["", "Problems (⚠ above):", ""]
        lines += [
            f"- {RUNS[o.run]}, {o.backend}, {TOOLS[o.tool]}: {'; '.join(o.problems)}"
            for o in failed
        ]
    return "\n".join(lines)


def report_header(args, root: str, env: dict, peer: str | None) -> list[str]:
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join(["python", "benchmarks/single_record.py"] + sys.argv[1:])
    peer_text = (
        f"community.general {peer} (ansible {ansible_package()})"
        if peer
        else "community.general not importable"
    )
    return [
        f"- Date: {date}",
        f"- Command: `{command}`",
        f"- Machine: {machine(env)}",
        f"- Checkout: {revision(root)}; {peer_text}",
        f"- Simulator: {args.latency_ms:g} ms added latency per call; record seed {args.seed}; "
        "Ansible with pipelining, local connection; one run per row",
        f"- The task's record: the zone's first record for the no-change runs, "
        f"{NEW_RECORD['name']} {NEW_RECORD['type']} {NEW_RECORD['content']} for the creates",
        '- "wall s": start of ansible-playbook to its exit; "Ansible CPU s": user + system CPU time of '
        "ansible-playbook and the module process",
    ]


# --- main --------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records",
        type=int,
        default=5000,
        help="M, the records of the zone (default %(default)s)",
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=20.0,
        help="simulator latency per call (default %(default)g)",
    )
    parser.add_argument(
        "--output", help="Markdown file that receives the table (it is also printed)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="shuffles the order the zone lists its records",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder (collection, playbook, simulator log)",
    )
    args = parser.parse_args()
    if args.records < 1:
        parser.error("--records must be at least 1")
    return args


def main() -> int:
    args = parse_args()
    root = os.path.dirname(HERE)
    records = make_records(args.records)
    peer = peer_collection()
    skipped = (
        ""
        if peer
        else f"not measured: {sys.executable} cannot import community.general (the ansible package)"
    )
    workdir = tempfile.mkdtemp(prefix="edgeops-cloudflare-single-")
    outcomes: list[Outcome] = []
    try:
        collections = install_collection(root, workdir)
        sim = Simulator(
            os.path.join(root, "tests", "simulator", "cfsim.py"),
            args.latency_ms,
            "1200/300",
            os.path.join(workdir, "simulator.log"),
        )
        try:
            seed = bench_seed(sim.control("state"), records, args.seed)
            runner = SingleRunner(sim, workdir, collections, seed, records)
            header = report_header(args, root, runner.env, peer)
            for run, backend, tool_name in CASES:
                if tool_name == "cloudflare_dns" and not peer:
                    continue
                print(
                    f"running {RUNS[run]}, {backend}, {TOOLS[tool_name]} ...",
                    file=sys.stderr,
                    flush=True,
                )
                outcome = runner.run(run, backend, tool_name)
                outcomes.append(outcome)
                print(
                    f"  {outcome.total} calls ({by_endpoint(outcome.calls)}), {outcome.wall:.1f} s"
                    + "".join(
                        "\n  PROBLEM: " + problem for problem in outcome.problems
                    ),
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            sim.stop()
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report = render(outcomes, args.records, header, skipped)
    if args.output:
        write_report(args.output, report)
    print(report)
    return 1 if any(outcome.problems for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
