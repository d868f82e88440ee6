# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make bench`: API calls and wall time of three ways to converge a zone of M DNS records.

(a) one `edgeops.cloudflare.cf_dns_records` task, (b) a loop of `edgeops.cloudflare.cf_dns_record`,
(c) a hand-written `ansible.builtin.uri` playbook, each on a zone that already holds the
records (no-change run) and on an empty zone (from-empty run), against the simulator with a
set latency per call. Run with the Python of a virtual environment that holds ansible-core
and requests; see benchmarks/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import ipaddress
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOKS = os.path.join(HERE, "playbooks")

ZONE = "bench.example"
ZONE_ID = 4242
EMAIL = "bench@example.com"
KEY = "6d1c4be0a3f79e2b58d0c1f4a7e93b62"
BUDGET_CALLS, BUDGET_SECONDS = 1200, 300

READY_TIMEOUT = 30
HTTP_TIMEOUT = 30
RUN_TIMEOUT = 4 * 3600
READY_LINE = re.compile(r"^(https?://127\.0\.0\.1:\d+)/api_json\.html$", re.MULTILINE)
RECAP_LINE = re.compile(r"^localhost\s*:\s*ok=\d+\s+changed=(\d+)", re.MULTILINE)

APPROACHES = {
    "a": ("(a) cf_dns_records, one task", "bulk.yml", "cf_dns_records"),
    "b": ("(b) loop of cf_dns_record", "loop.yml", "cf_dns_record"),
    "c": ("(c) ansible.builtin.uri playbook", "uri.yml", None),
}
RUNS = {
    "no-change": "No-change run (the zone already holds the M records)",
    "from-empty": "From-empty run (the zone is empty; M creates)",
}

# The module process is started through this wrapper so that its peak resident set size, its
# CPU and wall time and the size of its result can be read: RUSAGE_CHILDREN covers the one
# child it waits for, the Python that runs the module, and the result is what that child
# writes to stdout (passed on to Ansible unchanged once the child has ended).
MODULE_WRAPPER = """#!{python} -S
import resource, subprocess, sys, time
started = time.perf_counter()
child = subprocess.run([{python!r}] + sys.argv[1:], stdout=subprocess.PIPE, check=False)
wall = time.perf_counter() - started
sys.stdout.buffer.write(child.stdout)
sys.stdout.flush()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open({log!r}, 'a') as log:
    log.write('%d %d %.3f %.3f\\n' % (usage.ru_maxrss, len(child.stdout), wall, usage.ru_utime + usage.ru_stime))
sys.exit(child.returncode)
"""


@dataclasses.dataclass
class Scenario:
    approach: str
    run: str
    size: int
    concurrency: int | None = None

    @property
    def title(self) -> str:
        extra = "" if self.concurrency is None else f", concurrency {self.concurrency}"
        return f"{self.approach} {self.run} M={self.size}{extra}"


@dataclasses.dataclass
class ModuleRun:
    """What the wrapper measured of the module process: peak RSS, result size, wall and CPU seconds."""

    peak_rss_kib: int
    result_bytes: int
    wall: float
    cpu: float


@dataclasses.dataclass
class Outcome:
    scenario: Scenario
    calls: dict
    wall: float
    cpu: float
    load: float
    changed: int
    module: ModuleRun | None
    problems: list

    @property
    def total(self) -> int:
        return sum(self.calls.values())


# --- records and seeds -------------------------------------------------------------------


def make_records(size: int) -> list[dict]:
    """M distinct records, the same for a given M: 60 % A, then AAAA, CNAME, TXT and MX.

    Records are DNS-only (proxied false), so every create is one rec_new in every approach.
    """
    records = []
    for index in range(size):
        kind = index % 10
        ttl = (1, 300, 3600)[index % 3]
        if kind < 6:
            address = ipaddress.ip_address("198.18.0.0") + index
            record = {
                "name": f"host{index:05d}",
                "type": "A",
                "content": str(address),
                "proxied": False,
            }
        elif kind == 6:
            address = ipaddress.ip_address("2001:db8::") + index
            record = {
                "name": f"v6-{index:05d}",
                "type": "AAAA",
                "content": str(address),
                "proxied": False,
            }
        elif kind == 7:
            record = {
                "name": f"alias{index:05d}",
                "type": "CNAME",
                "content": f"target{index:05d}.example.net",
                "proxied": False,
            }
        elif kind == 8:
            record = {
                "name": f"txt{index:05d}",
                "type": "TXT",
                "content": f"bench-{index:05d} v=1",
            }
        else:
            record = {
                "name": f"mx{index:05d}",
                "type": "MX",
                "content": f"mail{index:05d}.example.net",
                "priority": 10 + index % 5,
            }
        record["ttl"] = ttl
        records.append(record)
    return records


def zone_seed(records: list[dict], seed: int) -> dict:
    """The simulator state for one scenario: the bench account and its zone holding ``records``.

    Record ids are fixed and the order is shuffled with ``seed``, so a zone never lists its
    records in the order the task gives them, and every run starts from the same state.
    """
    seeded = []
    for index, record in enumerate(records):
        entry = {
            "id": str(10000 + index),
            "name": record["name"],
            "type": record["type"],
            "content": record["content"],
            "ttl": record["ttl"],
            "service_mode": 0,
        }
        if "priority" in record:
            entry["prio"] = record["priority"]
        seeded.append(entry)
    random.Random(seed).shuffle(seeded)
    return {
        "accounts": [
            {
                "email": EMAIL,
                "key": KEY,
                "user_id": "1",
                "zones": [{"name": ZONE, "id": ZONE_ID, "records": seeded}],
            }
        ]
    }


def expected_state(records: list[dict]) -> dict:
    return {
        (f"{record['name']}.{ZONE}", record["type"], record["content"]): (
            record["ttl"],
            record.get("priority"),
            0,
        )
        for record in records
    }


def actual_state(state: dict) -> dict:
    zone = next(
        zone
        for account in state["accounts"]
        for zone in account["zones"]
        if zone["name"] == ZONE
    )
    return {
        (record["name"], record["type"], record["content"]): (
            int(record["ttl"]),
            record.get("prio"),
            int(record.get("service_mode") or 0),
        )
        for record in zone["records"]
    }


def state_problems(expected: dict, actual: dict) -> list[str]:
    """Differences between the zone the run should leave and the zone it left."""
    problems = []
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    wrong = sorted(
        key for key in set(expected) & set(actual) if expected[key] != actual[key]
    )
    for label, keys in (
        ("missing", missing),
        ("unexpected", extra),
        ("with other ttl/priority/proxied", wrong),
    ):
        if keys:
            example = " ".join(keys[0])
            problems.append(f"{len(keys)} record(s) {label}, e.g. {example}")
    return problems


# --- the simulator -----------------------------------------------------------------------


class Simulator:
    """A cfsim.py process; stop() must run whatever happens (run() uses try/finally)."""

    def __init__(
        self, path: str, latency_ms: float, rate_limit: str, log_path: str
    ) -> None:
        self.log_path = log_path
        # The simulator writes to its own copy of the descriptor: this process need not keep the log open.
        with open(log_path, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                [
                    sys.executable,
                    path,
                    "--port",
                    "0",
                    "--latency-ms",
                    str(latency_ms),
                    "--rate-limit",
                    rate_limit,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.url = self._wait_for_url()
        self.base = READY_LINE.search(self.url).group(1)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            with open(self.log_path, encoding="utf-8") as log:
                match = READY_LINE.search(log.read())
            if match:
                return match.group(0)
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        with open(self.log_path, encoding="utf-8") as log:
            raise SystemExit("the simulator did not start:\n" + log.read())

    def control(self, name: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + "/_sim/" + name,
            data=data,
            method="GET" if data is None else "POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            return json.load(response)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- Ansible -----------------------------------------------------------------------------


def children_cpu() -> float:
    """CPU seconds of every finished child process tree so far (ansible-playbook and the modules it ran)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tool(name: str) -> str:
    """Path of an Ansible command beside this Python (the virtual environment's bin)."""
    return os.path.join(os.path.dirname(sys.executable), name)


def install_collection(root: str, workdir: str) -> str:
    """Build the checkout at ``root`` as `make tarball` does and install it; returns the collections path.

    scripts/stage_collection.py copies the files git knows about, so local clutter in the
    checkout never reaches the tarball.
    """
    dist = os.path.join(workdir, "dist")
    collections = os.path.join(workdir, "collections")
    staged = subprocess.run(
        [
            sys.executable,
            os.path.join(root, "scripts", "stage_collection.py"),
            "--root",
            root,
            os.path.join(workdir, "stage"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [
            tool("ansible-galaxy"),
            "collection",
            "build",
            "--force",
            "--output-path",
            dist,
            staged,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tarball = os.path.join(
        dist, next(name for name in os.listdir(dist) if name.endswith(".tar.gz"))
    )
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
        stderr=subprocess.DEVNULL,
    )
    return collections


def installed_modules(collections: str) -> set[str]:
    modules = os.path.join(
        collections,
        "ansible_collections",
        "edgeops",
        "cloudflare",
        "plugins",
        "modules",
    )
    return (
        {name[:-3] for name in os.listdir(modules) if name.endswith(".py")}
        if os.path.isdir(modules)
        else set()
    )


def option_default(env: dict, module: str, option: str):
    """The documented default of a module option, from ansible-doc (None when not documented)."""
    result = subprocess.run(
        [tool("ansible-doc"), "-j", "edgeops.cloudflare." + module],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return None
    doc = (
        json.loads(result.stdout).get("edgeops.cloudflare." + module, {}).get("doc", {})
    )
    return doc.get("options", {}).get(option, {}).get("default")


def playbook_env(workdir: str, collections: str, url: str) -> dict:
    """The environment of ansible-playbook: the installed collection, an empty ansible.cfg, pipelining, credentials."""
    config = os.path.join(workdir, "ansible.cfg")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write("[defaults]\n")
    return dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=collections,
        ANSIBLE_PIPELINING="1",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_CONFIG=config,
        CLOUDFLARE_API_URL=url,
        CLOUDFLARE_EMAIL=EMAIL,
        CLOUDFLARE_API_KEY=KEY,
    )


class Runner:
    """Runs one scenario: reset the simulator, run the playbook, read the counters and the zone."""

    def __init__(
        self, sim: Simulator, workdir: str, collections: str, seed: int
    ) -> None:
        self.sim = sim
        self.workdir = workdir
        self.seed = seed
        self.module_log = os.path.join(workdir, "module.log")
        self.module_python = os.path.join(workdir, "python-measured")
        with open(self.module_python, "w", encoding="utf-8") as wrapper:
            wrapper.write(
                MODULE_WRAPPER.format(python=sys.executable, log=self.module_log)
            )
        os.chmod(self.module_python, 0o755)
        self.env = playbook_env(workdir, collections, sim.url)

    def run(self, scenario: Scenario) -> Outcome:
        records = make_records(scenario.size)
        self.sim.control(
            "reset",
            zone_seed(records if scenario.run == "no-change" else [], self.seed),
        )
        variables = os.path.join(self.workdir, "vars.json")
        with open(variables, "w", encoding="utf-8") as handle:
            json.dump({"bench_zone": ZONE, "bench_records": records}, handle)
        measure_module = scenario.approach == "a"
        interpreter = self.module_python if measure_module else sys.executable
        command = [
            tool("ansible-playbook"),
            "-i",
            "localhost,",
            "-c",
            "local",
            "-e",
            f"ansible_python_interpreter={interpreter}",
            "-e",
            "@" + variables,
            os.path.join(PLAYBOOKS, APPROACHES[scenario.approach][1]),
        ]
        if scenario.concurrency is not None:
            command[-1:-1] = ["-e", f"bench_concurrency={scenario.concurrency}"]
        if os.path.exists(self.module_log):
            os.remove(self.module_log)
        # The modules keep the account's rate-limit window in a file under the temporary folder
        # (shared by every process of the account): a fresh folder per scenario keeps the calls
        # of one scenario from pacing the next.
        env = dict(self.env, TMPDIR=tempfile.mkdtemp(prefix="tmp-", dir=self.workdir))
        log_path = os.path.join(self.workdir, "playbook.log")
        with open(log_path, "w", encoding="utf-8") as log:
            cpu_before = children_cpu()
            started = time.perf_counter()
            result = subprocess.run(
                command,
                env=env,
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=RUN_TIMEOUT,
                check=False,
            )
            wall = time.perf_counter() - started
            cpu = children_cpu() - cpu_before
        stats = self.sim.control("stats")
        with open(log_path, encoding="utf-8") as log:
            output = log.read()
        problems = self._problems(scenario, result.returncode, output, stats)
        problems.extend(
            state_problems(
                expected_state(records), actual_state(self.sim.control("state"))
            )
        )
        if problems:
            print(output[-3000:], file=sys.stderr)
        recap = RECAP_LINE.search(output)
        return Outcome(
            scenario,
            stats["calls"],
            wall,
            cpu,
            os.getloadavg()[0],
            int(recap.group(1)) if recap else -1,
            self._module_run() if measure_module else None,
            problems,
        )

    @staticmethod
    def _problems(
        scenario: Scenario, returncode: int, output: str, stats: dict
    ) -> list[str]:
        problems = []
        if returncode:
            problems.append(f"ansible-playbook exited with {returncode}")
        recap = RECAP_LINE.search(output)
        if not recap:
            problems.append("no PLAY RECAP line for localhost")
        elif scenario.run == "no-change" and int(recap.group(1)):
            problems.append(f"a no-change run reported changed={recap.group(1)}")
        elif scenario.run == "from-empty" and not int(recap.group(1)):
            problems.append("a from-empty run reported changed=0")
        if stats.get("rate_limited"):
            problems.append(
                f"the simulator refused {stats['rate_limited']} calls with E_MAXAPI"
            )
        return problems

    def _module_run(self) -> ModuleRun | None:
        """The wrapper's figures of the module run (the largest, should a playbook run more than one)."""
        if not os.path.exists(self.module_log):
            return None
        with open(self.module_log, encoding="utf-8") as log:
            runs = [line.split() for line in log if line.strip()]
        if not runs:
            return None
        rss, size, wall, cpu = max(runs, key=lambda fields: int(fields[0]))
        return ModuleRun(int(rss), int(size), float(wall), float(cpu))


# --- the report --------------------------------------------------------------------------


def budget_seconds(calls: int) -> int:
    """Least wall time the calls need under the real limit of 1200 calls per 5 minutes."""
    return (calls - 1) // BUDGET_CALLS * BUDGET_SECONDS if calls else 0


def seconds(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def ratio(value: float, base: float) -> str:
    if not base:
        return "n/a"
    share = value / base
    return f"{share:.2f}" if share < 10 else f"{share:.0f}"


def breakdown(calls: dict) -> str:
    return (
        ", ".join(f"{action} {count}" for action, count in sorted(calls.items()))
        or "none"
    )


def run_table(
    outcomes: list[Outcome], run: str, sizes: list[int], skipped: dict
) -> list[str]:
    lines = [
        "| M | approach | API calls | by action | wall s | calls ÷ (a) | wall ÷ (a) | least s at 1200 calls/5 min "
        "| Ansible CPU s | load |",
        "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        base = next(
            (
                outcome
                for outcome in outcomes
                if outcome.scenario.run == run
                and outcome.scenario.size == size
                and outcome.scenario.approach == "a"
                and outcome.scenario.concurrency is None
            ),
            None,
        )
        for approach in APPROACHES:
            label = APPROACHES[approach][0]
            outcome = next(
                (
                    outcome
                    for outcome in outcomes
                    if outcome.scenario.run == run
                    and outcome.scenario.size == size
                    and outcome.scenario.approach == approach
                    and outcome.scenario.concurrency is None
                ),
                None,
            )
            if outcome is None:
                reason = skipped.get((approach, run, size), "not run")
                lines.append(
                    f"| {size} | {label} | – | {reason} | – | – | – | – | – | – |"
                )
                continue
            flag = " ⚠" if outcome.problems else ""
            calls_ratio = ratio(outcome.total, base.total) if base else "n/a"
            wall_ratio = ratio(outcome.wall, base.wall) if base else "n/a"
            lines.append(
                f"| {size} | {label} | {outcome.total}{flag} | {breakdown(outcome.calls)} | {seconds(outcome.wall)} "
                f"| {calls_ratio} | {wall_ratio} | {budget_seconds(outcome.total)} | {seconds(outcome.cpu)} "
                f"| {outcome.load:.1f} |"
            )
    return lines


def render(
    outcomes: list[Outcome], sizes: list[int], skipped: dict, header: list[str]
) -> str:
    lines = ["# cf_dns_records benchmark", ""] + header + [""]
    for run, title in RUNS.items():
        lines += ["## " + title, ""] + run_table(outcomes, run, sizes, skipped) + [""]
    bulk = [
        outcome
        for outcome in outcomes
        if outcome.scenario.approach == "a" and outcome.module
    ]
    if bulk:
        lines += [
            "## The cf_dns_records module process",
            "",
            "| M | run | concurrency | peak RSS MiB | result KiB | module wall s | module CPU s |",
            "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for outcome in bulk:
            concurrency = (
                "default"
                if outcome.scenario.concurrency is None
                else str(outcome.scenario.concurrency)
            )
            module = outcome.module
            lines.append(
                f"| {outcome.scenario.size} | {outcome.scenario.run} | {concurrency} "
                f"| {module.peak_rss_kib / 1024.0:.1f} | {module.result_bytes / 1024.0:.1f} "
                f"| {seconds(module.wall)} | {seconds(module.cpu)} |"
            )
        lines.append("")
    serial = [
        outcome for outcome in outcomes if outcome.scenario.concurrency is not None
    ]
    for outcome in serial:
        default = next(
            (
                other
                for other in outcomes
                if other.scenario.approach == "a"
                and other.scenario.concurrency is None
                and other.scenario.run == outcome.scenario.run
                and other.scenario.size == outcome.scenario.size
            ),
            None,
        )
        lines += [
            f"## {outcome.scenario.size} creates with cf_dns_records: concurrent vs one at a time",
            "",
            "| concurrency | API calls | wall s | Ansible CPU s | load |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for row in ([default] if default else []) + [outcome]:
            concurrency = (
                "default"
                if row.scenario.concurrency is None
                else str(row.scenario.concurrency)
            )
            lines.append(
                f"| {concurrency} | {row.total} | {seconds(row.wall)} | {seconds(row.cpu)} | {row.load:.1f} |"
            )
        if default:
            lines += [
                "",
                f"One at a time takes {ratio(outcome.wall, default.wall)}× the wall time of the default.",
            ]
        lines.append("")
    failed = [outcome for outcome in outcomes if outcome.problems]
    if failed:
        lines += ["## Problems (⚠ above)", ""]
        lines += [
            f"- {outcome.scenario.title}: {'; '.join(outcome.problems)}"
            for outcome in failed
        ]
        lines.append("")
    return "\n".join(lines)


def machine(env: dict) -> str:
    """CPU count, CPU model, Python and ansible-core of this run."""
    cpu = platform.processor() or "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in info
                    if line.startswith("model name")
                ),
                cpu,
            )
    core = subprocess.run(
        [tool("ansible"), "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    core_line = (
        core.stdout.splitlines()[0].replace("[", "").replace("]", "")
        if core.stdout
        else "ansible-core unknown"
    )
    cpus = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count() or 0
    )
    return (
        f"{cpus} CPUs (nproc), {cpu}; Python {platform.python_version()}; {core_line}"
    )


def short_commit(root: str) -> str:
    """The short commit of the checkout at ``root``."""
    return (
        subprocess.run(
            ["git", "-C", root, "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        or "unknown"
    )


def revision(root: str) -> str:
    """The short commit of the checkout at ``root``, and whether it has uncommitted changes."""
    dirty = subprocess.run(
        ["git", "-C", root, "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return short_commit(root) + (" with uncommitted changes" if dirty else "")


def labelled_root(text: str) -> tuple[str, str]:
    """``LABEL=DIR``, or ``DIR`` labelled by its commit, as ``(label, absolute DIR)``."""
    label, root = text.rpartition("=")[::2]
    root = os.path.abspath(root)
    return label or short_commit(root), root


def machine_header(args, root: str, env: dict) -> list[str]:
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join(["python", "benchmarks/run.py"] + sys.argv[1:])
    simulator = args.simulator or "the checkout's"
    return [
        f"- Date: {date}",
        f"- Command: `{command}`",
        f"- Machine: {machine(env)}",
        f"- Checkout: {revision(root)}",
        f"- Simulator: {simulator}; {args.latency_ms:g} ms added latency per v1 call, rate limit {args.rate_limit}; "
        f"record seed {args.seed}; Ansible with pipelining, local connection",
        '- "least s at 1200 calls/5 min": the wall time the calls need at least under the real API limit '
        '(the simulator ran with the limit above). "Ansible CPU s": user + system CPU time of ansible-playbook '
        'and every module process it ran, which other load on the machine does not inflate. "load": 1-minute '
        "load average when the run ended.",
    ]


def write_report(path: str, report: str) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(report + "\n")


# --- main --------------------------------------------------------------------------------


def plan(args, modules: set[str]) -> tuple[list[Scenario], dict]:
    """The scenarios to run, smallest first, and why the others are not run."""
    limits = {
        ("b", "no-change"): (args.loop_max, "M tasks, each reading the whole zone"),
        ("b", "from-empty"): (args.loop_max, "M tasks, each reading the whole zone"),
        ("c", "from-empty"): (args.uri_max, "one task per create"),
    }
    scenarios, skipped = [], {}
    for size in sorted(args.sizes):
        for approach in args.approaches:
            module = APPROACHES[approach][2]
            for run in args.runs:
                limit, why = limits.get((approach, run), (size, ""))
                if module and module not in modules:
                    skipped[(approach, run, size)] = (
                        f"not measured: module {module} missing"
                    )
                elif size > limit:
                    skipped[(approach, run, size)] = f"cut above M={limit} ({why})"
                else:
                    scenarios.append(Scenario(approach, run, size))
    if (
        args.serial_size
        and "a" in args.approaches
        and "from-empty" in args.runs
        and "cf_dns_records" in modules
    ):
        scenarios.append(Scenario("a", "from-empty", args.serial_size, concurrency=1))
    return scenarios, skipped


def parse_args() -> argparse.Namespace:
    def size_list(text: str) -> list[int]:
        return [int(value) for value in text.split(",") if value.strip()]

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", required=True, help="Markdown file that receives the tables"
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=20.0,
        help="simulator latency per v1 call (default %(default)g)",
    )
    parser.add_argument(
        "--sizes",
        type=size_list,
        default=[100, 1000, 5000],
        help="zone sizes M (default 100,1000,5000)",
    )
    parser.add_argument(
        "--loop-max",
        type=int,
        default=1000,
        help="largest M for (b), the cf_dns_record loop",
    )
    parser.add_argument(
        "--uri-max",
        type=int,
        default=1000,
        help="largest M for the from-empty run of (c), the uri playbook",
    )
    parser.add_argument(
        "--serial-size",
        type=int,
        default=1000,
        help="M of the extra from-empty run of (a) with concurrency 1; 0 skips it",
    )
    parser.add_argument(
        "--approaches", default="abc", help="which of a, b, c to run (default abc)"
    )
    parser.add_argument(
        "--runs", default=",".join(RUNS), help="which runs, of %(default)s"
    )
    parser.add_argument(
        "--rate-limit",
        default="1000000/300",
        help="simulator rate limit CALLS/SECONDS (default: high enough never to refuse a call)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="shuffles the order the zone lists its records",
    )
    parser.add_argument(
        "--root",
        default=os.path.dirname(HERE),
        help="checkout to build (default: this one)",
    )
    parser.add_argument(
        "--simulator",
        help="cfsim.py to run (default: the one of --root), e.g. to compare two "
        "checkouts against one simulator",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder (logs, collection)",
    )
    args = parser.parse_args()
    args.approaches = [
        approach for approach in APPROACHES if approach in args.approaches
    ]
    args.runs = [run for run in RUNS if run in args.runs.split(",")]
    return args


def main() -> int:
    args = parse_args()
    root = os.path.abspath(args.root)
    workdir = tempfile.mkdtemp(prefix="edgeops-cloudflare-bench-")
    outcomes: list[Outcome] = []
    try:
        collections = install_collection(root, workdir)
        modules = installed_modules(collections)
        scenarios, skipped = plan(args, modules)
        sim = Simulator(
            args.simulator or os.path.join(root, "tests", "simulator", "cfsim.py"),
            args.latency_ms,
            args.rate_limit,
            os.path.join(workdir, "simulator.log"),
        )
        try:
            runner = Runner(sim, workdir, collections, args.seed)
            header = machine_header(args, root, runner.env)
            if "cf_dns_records" in modules:
                default = option_default(runner.env, "cf_dns_records", "concurrency")
                header.append(f"- cf_dns_records concurrency default: {default}")
            for scenario in scenarios:
                print(f"running {scenario.title} ...", file=sys.stderr, flush=True)
                outcome = runner.run(scenario)
                outcomes.append(outcome)
                problems = "".join(
                    "\n  PROBLEM: " + problem for problem in outcome.problems
                )
                print(
                    f"  {outcome.total} calls ({breakdown(outcome.calls)}), {outcome.wall:.1f} s, changed={outcome.changed}"
                    f"{problems}",
                    file=sys.stderr,
                    flush=True,
                )
                # Written after every scenario, so an interrupted run keeps what it measured.
                write_report(
                    args.output, render(outcomes, sorted(args.sizes), skipped, header)
                )
        finally:
            sim.stop()
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report = render(outcomes, sorted(args.sizes), skipped, header)
    write_report(args.output, report)
    print(report)
    return 1 if any(outcome.problems for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
