# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make bench`: API calls and wall time of ways to converge a zone of M DNS records, on API v1 and v4.

On API v1: (a) one `edgeops.cloudflare.cf_dns_records` task, (b) a loop of
`edgeops.cloudflare.cf_dns_record`, (c) a hand-written `ansible.builtin.uri` playbook, each on a
zone that already holds the records (no-change run) and on an empty zone (from-empty run). On API
v4: (a) on those two runs and on a zone where one record in ten has another TTL (10 %-changed run),
from empty on a Free and on a paid zone, beside the issue's targets. Against the simulator with
a set latency per call. Run with the Python of a virtual environment that holds ansible-core and
requests; see benchmarks/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import ipaddress
import json
import math
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
from collections.abc import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOKS = os.path.join(HERE, "playbooks")

ZONE = "bench.example"
ZONE_ID = 4242
EMAIL = "bench@example.com"
KEY = "6d1c4be0a3f79e2b58d0c1f4a7e93b62"
# The bench account's API token (v4): read the zone, read and edit its records.
TOKEN = "bench-v4-token-zone-dns-edit-00000000017"
TOKEN_PERMISSIONS = ["zone:read", "dns:read", "dns:edit"]
BUDGET_CALLS, BUDGET_SECONDS = 1200, 300

APIS = ("v1", "v4")
# The zone plans of the simulator; the v4 batch limit per plan (notes 1.3), for the expected calls.
PLANS = ("free", "pro", "business", "enterprise")
V4_BATCH_LIMITS = {"free": 200, "pro": 3500, "business": 3500, "enterprise": 3500}
# The page size cf_dns_records asks for when it reads a zone on v4 (V4Client.get_all); the
# simulator honours it (no --v4-per-page-cap).
V4_PER_PAGE = 5000
# The v4 read: the zone lookup (GET /zones?name=) and the pages of GET dns_records.
V4_READ_ENDPOINTS = ("GET /zones", "GET /zones/{zone_id}/dns_records")

READY_TIMEOUT = 30
HTTP_TIMEOUT = 30
RUN_TIMEOUT = 4 * 3600
READY_LINE = re.compile(r"^(https?://127\.0\.0\.1:\d+)/api_json\.html$", re.MULTILINE)
RECAP_LINE = re.compile(r"^localhost\s*:\s*ok=\d+\s+changed=(\d+)", re.MULTILINE)

RUNS = {
    "no-change": "No-change run (the zone already holds the M records)",
    "from-empty": "From-empty run (the zone is empty; M creates)",
    "changed": "10 %-changed run (the zone holds the M records, one in ten with another TTL; M/10 changes in place)",
}
# The runs of each API when --runs is not given: v1's as before v4, v4's all three.
DEFAULT_RUNS = {"v1": ("no-change", "from-empty"), "v4": tuple(RUNS)}
# The TTL a record of the 10 %-changed run has in the zone, by the TTL the task gives it.
OTHER_TTL = {1: 300, 300: 3600, 3600: 1}

# The module process is started through this wrapper so that its peak resident set size, its
# CPU and wall time and the size of its result can be read: RUSAGE_CHILDREN covers the one
# child it waits for, the Python that runs the module, and the result is what that child
# writes to stdout (passed on to Ansible unchanged once the child has ended, and kept in a file
# so that the harness can check the module's own counts).
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
with open({result!r}, 'wb') as result:
    result.write(child.stdout)
sys.exit(child.returncode)
"""


@dataclasses.dataclass(frozen=True)
class Scenario:
    approach: str
    run: str
    size: int
    concurrency: int | None = None
    api: str = "v1"
    plan: str = "free"

    @property
    def title(self) -> str:
        extra = "" if self.concurrency is None else f", concurrency {self.concurrency}"
        where = f"{self.api}" + (f", {self.plan} zone" if self.api == "v4" else "")
        return f"{self.approach} {self.run} M={self.size} ({where}){extra}"


@dataclasses.dataclass(frozen=True)
class Job:
    """What an approach needs to run one scenario: the records, where they are, the environment."""

    scenario: Scenario
    records: list
    variables: str  # a JSON file with bench_zone and bench_records (the records the zone must hold)
    workdir: str
    python: str  # the interpreter for module processes (the measuring wrapper for measured approaches)
    env: (
        dict  # credentials and endpoint of the scenario's API in CLOUDFLARE_* variables
    )


@dataclasses.dataclass(frozen=True)
class Approach:
    """One way to make the zone hold the records: one row per scenario in the tables.

    The runner resets the simulator, runs ``command(job)`` and times it, then reads the calls and
    the zone; all that is the same for every approach. A peer tool (community.general's
    cloudflare_dns in a loop, octoDNS) is one more entry of APPROACHES: a subclass whose
    ``command`` runs it (writing its own input from ``job.records`` if it needs one) and whose
    ``changed`` reads from its output whether it changed anything.
    """

    key: str
    label: str
    apis: tuple[str, ...]
    runs: tuple[str, ...]
    module: str | None = (
        None  # an edgeops.cloudflare module the built collection must hold
    )
    measured: bool = (
        False  # the module process is started through the measuring wrapper
    )
    # API calls the approach needs for a scenario when nothing goes wrong (None: not worked out).
    expected: Callable[[Scenario], int | None] | None = None

    def missing(self, modules: set[str]) -> str | None:
        """Why the approach cannot run with the built collection, or None."""
        if self.module and self.module not in modules:
            return f"not measured: module {self.module} missing"
        return None

    def command(self, job: Job) -> list[str]:
        raise NotImplementedError

    def changed(self, output: str) -> int | None:
        """How many changes the output reports (None when it does not say)."""
        raise NotImplementedError

    def expected_calls(self, scenario: Scenario) -> int | None:
        return self.expected(scenario) if self.expected else None


@dataclasses.dataclass(frozen=True)
class PlaybookApproach(Approach):
    """An approach that is one playbook of benchmarks/playbooks, run with ansible-playbook."""

    playbook: str = ""

    def command(self, job: Job) -> list[str]:
        command = [
            tool("ansible-playbook"),
            "-i",
            "localhost,",
            "-c",
            "local",
            "-e",
            f"ansible_python_interpreter={job.python}",
            "-e",
            "@" + job.variables,
            os.path.join(PLAYBOOKS, self.playbook),
        ]
        if job.scenario.concurrency is not None:
            command[-1:-1] = ["-e", f"bench_concurrency={job.scenario.concurrency}"]
        return command

    def changed(self, output: str) -> int | None:
        recap = RECAP_LINE.search(output)
        return int(recap.group(1)) if recap else None


def changed_indices(size: int) -> list[int]:
    """The records the 10 %-changed run changes: one of every ten, of every type in turn."""
    return [index for index in range(size) if index % 10 == index // 10 % 10]


def writes(scenario: Scenario) -> int:
    """The changes a run makes: M from empty, M/10 for the 10 %-changed run, none otherwise."""
    if scenario.run == "from-empty":
        return scenario.size
    if scenario.run == "changed":
        return len(changed_indices(scenario.size))
    return 0


def bulk_calls(scenario: Scenario) -> int | None:
    """Calls of cf_dns_records on v4: the zone lookup, the pages, one batch per limit of changes.

    Every record has a name of its own, so batches are full. On v1 (None) the reads depend on
    the concurrent rounds of rec_load_all pages (benchmarks/README.md, "Expected call counts").
    """
    if scenario.api != "v4":
        return None
    held = 0 if scenario.run == "from-empty" else scenario.size
    pages = max(1, math.ceil(held / V4_PER_PAGE))
    return 1 + pages + math.ceil(writes(scenario) / V4_BATCH_LIMITS[scenario.plan])


APPROACHES = {
    approach.key: approach
    for approach in (
        PlaybookApproach(
            "a",
            "(a) cf_dns_records, one task",
            apis=APIS,
            runs=tuple(RUNS),
            module="cf_dns_records",
            measured=True,
            expected=bulk_calls,
            playbook="bulk.yml",
        ),
        PlaybookApproach(
            "b",
            "(b) loop of cf_dns_record",
            apis=("v1",),
            runs=tuple(RUNS),
            module="cf_dns_record",
            playbook="loop.yml",
        ),
        # (c) reads the zone and creates what it lacks; it never edits, so it has no 10 %-changed run.
        PlaybookApproach(
            "c",
            "(c) ansible.builtin.uri playbook",
            apis=("v1",),
            runs=("no-change", "from-empty"),
            playbook="uri.yml",
        ),
    )
}


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
    # What the module's result says: api_calls, api_calls_planned, created, updated, deleted, unchanged.
    result: dict | None = None

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    @property
    def after_read(self) -> int:
        """The calls after the v4 read (the zone lookup and the pages): the writes."""
        return sum(
            count
            for endpoint, count in self.calls.items()
            if endpoint not in V4_READ_ENDPOINTS
        )


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


def changed_zone(records: list[dict]) -> list[dict]:
    """The zone of the 10 %-changed run: ``records``, one in ten (changed_indices) with another TTL.

    The task gives every record as ``records`` has it, so each changed record is found by its
    name, type and content and changed in place (an update, not a create and a delete).
    """
    held = [dict(record) for record in records]
    for index in changed_indices(len(held)):
        held[index]["ttl"] = OTHER_TTL[held[index]["ttl"]]
    return held


def zone_seed(
    records: list[dict], seed: int, plan: str | None = None, token: bool = False
) -> dict:
    """The simulator state for one scenario: the bench account and its zone holding ``records``.

    Record ids are fixed and the order is shuffled with ``seed``, so a zone never lists its
    records in the order the task gives them, and every run starts from the same state. ``plan``
    sets the zone's plan (the simulator's default is free); ``token`` gives the account its v4
    API token (TOKEN).
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
    zone = {"name": ZONE, "id": ZONE_ID, "records": seeded}
    if plan:
        zone["plan"] = plan
    account = {"email": EMAIL, "key": KEY, "user_id": "1", "zones": [zone]}
    if token:
        account["tokens"] = [
            {"value": TOKEN, "permissions": TOKEN_PERMISSIONS, "zones": "all"}
        ]
    return {"accounts": [account]}


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


def playbook_env(
    workdir: str, collections: str, url: str, credentials: dict | None = None
) -> dict:
    """The environment of ansible-playbook: the installed collection, an empty ansible.cfg, pipelining, credentials.

    ``credentials`` are CLOUDFLARE_* variables (default: the bench account's v1 e-mail and key);
    any CLOUDFLARE_* variable of the caller's environment is left out, so that, for example, a
    token exported in the shell cannot turn a v1 run into a v4 one.
    """
    config = os.path.join(workdir, "ansible.cfg")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write("[defaults]\n")
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CLOUDFLARE_")
    }
    if credentials is None:
        credentials = {"CLOUDFLARE_EMAIL": EMAIL, "CLOUDFLARE_API_KEY": KEY}
    return dict(
        inherited,
        ANSIBLE_COLLECTIONS_PATH=collections,
        ANSIBLE_PIPELINING="1",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_CONFIG=config,
        CLOUDFLARE_API_URL=url,
        **credentials,
    )


def api_env(sim: Simulator, workdir: str, collections: str, api: str) -> dict:
    """The environment of a run on ``api``: v1 with the bench account's key, v4 with its token."""
    if api == "v4":
        return playbook_env(
            workdir,
            collections,
            sim.base + "/client/v4",
            {"CLOUDFLARE_API_TOKEN": TOKEN},
        )
    return playbook_env(workdir, collections, sim.url)


class Runner:
    """Runs one scenario: reset the simulator, run the approach, read the counters and the zone."""

    def __init__(
        self, sim: Simulator, workdir: str, collections: str, seed: int
    ) -> None:
        self.sim = sim
        self.workdir = workdir
        self.seed = seed
        self.module_log = os.path.join(workdir, "module.log")
        self.module_result = os.path.join(workdir, "module-result.json")
        self.module_python = os.path.join(workdir, "python-measured")
        with open(self.module_python, "w", encoding="utf-8") as wrapper:
            wrapper.write(
                MODULE_WRAPPER.format(
                    python=sys.executable,
                    log=self.module_log,
                    result=self.module_result,
                )
            )
        os.chmod(self.module_python, 0o755)
        self.envs = {api: api_env(sim, workdir, collections, api) for api in APIS}
        self.env = self.envs["v1"]

    def run(self, scenario: Scenario) -> Outcome:
        approach = APPROACHES[scenario.approach]
        records = make_records(scenario.size)
        held = {
            "no-change": records,
            "from-empty": [],
            "changed": changed_zone(records),
        }[scenario.run]
        v4 = scenario.api == "v4"
        self.sim.control(
            "reset",
            zone_seed(held, self.seed, plan=scenario.plan if v4 else None, token=v4),
        )
        variables = os.path.join(self.workdir, "vars.json")
        with open(variables, "w", encoding="utf-8") as handle:
            json.dump({"bench_zone": ZONE, "bench_records": records}, handle)
        for path in (self.module_log, self.module_result):
            if os.path.exists(path):
                os.remove(path)
        # The modules keep the account's rate-limit window in a file under the temporary folder
        # (shared by every process of the account): a fresh folder per scenario keeps the calls
        # of one scenario from pacing the next.
        env = dict(
            self.envs[scenario.api],
            TMPDIR=tempfile.mkdtemp(prefix="tmp-", dir=self.workdir),
        )
        job = Job(
            scenario,
            records,
            variables,
            self.workdir,
            self.module_python if approach.measured else sys.executable,
            env,
        )
        log_path = os.path.join(self.workdir, "playbook.log")
        with open(log_path, "w", encoding="utf-8") as log:
            cpu_before = children_cpu()
            started = time.perf_counter()
            result = subprocess.run(
                approach.command(job),
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
        changed = approach.changed(output)
        calls = dict(stats["calls"], **stats.get("v4_calls", {}))
        problems = self._problems(scenario, result.returncode, changed, stats)
        problems.extend(
            state_problems(
                expected_state(records), actual_state(self.sim.control("state"))
            )
        )
        summary = self._module_result() if approach.measured else None
        if summary is not None:
            problems.extend(
                self._result_problems(scenario, summary, sum(calls.values()))
            )
        if problems:
            print(output[-3000:], file=sys.stderr)
        return Outcome(
            scenario,
            calls,
            wall,
            cpu,
            os.getloadavg()[0],
            -1 if changed is None else changed,
            self._module_run() if approach.measured else None,
            problems,
            summary,
        )

    @staticmethod
    def _problems(
        scenario: Scenario, returncode: int, changed: int | None, stats: dict
    ) -> list[str]:
        problems = []
        if returncode:
            problems.append(f"the run exited with {returncode}")
        if changed is None:
            problems.append("no PLAY RECAP line for localhost")
        elif scenario.run == "no-change" and changed:
            problems.append(f"a no-change run reported changed={changed}")
        elif scenario.run != "no-change" and not changed:
            problems.append(f"a {scenario.run} run reported changed=0")
        if stats.get("rate_limited"):
            refusal = "HTTP 429" if scenario.api == "v4" else "E_MAXAPI"
            problems.append(
                f"the simulator refused {stats['rate_limited']} calls with {refusal}"
            )
        return problems

    @staticmethod
    def _result_problems(scenario: Scenario, summary: dict, received: int) -> list[str]:
        """Where the module's own counts disagree with the simulator's or with the run."""
        problems = []
        if summary.get("api_calls") != received:
            problems.append(
                f"the module counted {summary.get('api_calls')} API calls, the simulator received {received}"
            )
        if summary.get("api_calls_planned") not in (None, summary.get("api_calls")):
            problems.append(
                f"the module planned {summary['api_calls_planned']} API calls and made {summary.get('api_calls')}"
            )
        wanted = {
            "no-change": {"created": 0, "updated": 0, "deleted": 0},
            "from-empty": {"created": scenario.size, "updated": 0, "deleted": 0},
            "changed": {"created": 0, "updated": writes(scenario), "deleted": 0},
        }[scenario.run]
        for key, count in wanted.items():
            if key in summary and summary[key] != count:
                problems.append(
                    f"the module reports {key}={summary[key]}, expected {count}"
                )
        return problems

    def _module_result(self) -> dict | None:
        """The counts of the module's result (the last module run), or None when it left none."""
        try:
            with open(self.module_result, encoding="utf-8") as handle:
                result = json.load(handle)
        except (OSError, ValueError):
            return None
        keys = (
            "api_calls",
            "api_calls_planned",
            "created",
            "updated",
            "deleted",
            "unchanged",
        )
        return {key: result[key] for key in keys if key in result}

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


def short_endpoint(endpoint: str) -> str:
    """A v4 endpoint without its zone prefix: ``POST dns_records/batch`` for ``POST /zones/{zone_id}/dns_records/batch``."""
    return endpoint.replace(" /zones/{zone_id}/", " ")


def by_endpoint(calls: dict) -> str:
    return (
        ", ".join(
            f"`{short_endpoint(endpoint)}` {count}"
            for endpoint, count in sorted(calls.items())
        )
        or "none"
    )


def find(outcomes: list[Outcome], **wanted) -> Outcome | None:
    """The outcome whose scenario has the ``wanted`` fields (concurrency None unless given)."""
    wanted.setdefault("concurrency", None)
    return next(
        (
            outcome
            for outcome in outcomes
            if all(
                getattr(outcome.scenario, field) == value
                for field, value in wanted.items()
            )
        ),
        None,
    )


def run_table(
    outcomes: list[Outcome], run: str, sizes: list[int], skipped: dict
) -> list[str]:
    """One v1 run: per M, a row for each approach, beside (a)."""
    lines = [
        "| M | approach | API calls | by action | wall s | calls ÷ (a) | wall ÷ (a) | least s at 1200 calls/5 min "
        "| Ansible CPU s | load |",
        "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        base = find(outcomes, api="v1", run=run, size=size, approach="a")
        for key, approach in APPROACHES.items():
            if "v1" not in approach.apis or run not in approach.runs:
                continue
            label = approach.label
            outcome = find(outcomes, api="v1", run=run, size=size, approach=key)
            if outcome is None:
                reason = skipped.get(("v1", key, run, size, "free"), "not run")
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


def v4_table(outcomes: list[Outcome], run: str, skipped: dict) -> list[str]:
    """One v4 run: a row per M, plan and approach, with the module process's figures.

    With more than one approach on v4 (peer tools), the ratios to (a) of the same M and plan
    are added.
    """
    scenarios = sorted(
        {
            o.scenario
            for o in outcomes
            if o.scenario.api == "v4" and o.scenario.run == run
        }
        | {
            Scenario(approach, run, size, api="v4", plan=plan)
            for (api, approach, where, size, plan) in skipped
            if api == "v4" and where == run
        },
        key=lambda s: (s.size, PLANS.index(s.plan), s.approach),
    )
    ratios = len({scenario.approach for scenario in scenarios}) > 1
    head = (
        "| M | plan | approach | API calls | expected | by endpoint | writes (created / updated / deleted) "
        "| wall s | module wall s | module CPU s | peak module RSS MiB | result KiB | Ansible CPU s | load |"
    )
    rule = "| ---: | --- | --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if ratios:
        head += " calls ÷ (a) | wall ÷ (a) |"
        rule += " ---: | ---: |"
    lines = [head, rule]
    for scenario in scenarios:
        approach = APPROACHES[scenario.approach]
        expected = approach.expected_calls(scenario)
        cells = f"| {scenario.size:,} | {scenario.plan} | {approach.label} |"
        outcome = find(outcomes, **dataclasses.asdict(scenario))
        if outcome is None:
            reason = skipped.get(
                ("v4", scenario.approach, run, scenario.size, scenario.plan), "not run"
            )
            lines.append(cells + f" – | – | {reason} |" + " – |" * (10 + 2 * ratios))
            continue
        flag = " ⚠" if outcome.problems else ""
        result = outcome.result or {}
        counts = (
            " / ".join(
                str(result.get(key, "–")) for key in ("created", "updated", "deleted")
            )
            if result
            else "–"
        )
        module = outcome.module
        module_cells = (
            f"{seconds(module.wall)} | {seconds(module.cpu)} | {module.peak_rss_kib / 1024.0:.1f} "
            f"| {module.result_bytes / 1024.0:.1f}"
            if module
            else "– | – | – | –"
        )
        line = (
            f"{cells} {outcome.total}{flag} | {'–' if expected is None else expected} "
            f"| {by_endpoint(outcome.calls)} | {counts} | {seconds(outcome.wall)} | {module_cells} "
            f"| {seconds(outcome.cpu)} | {outcome.load:.1f} |"
        )
        if ratios:
            base = find(
                outcomes,
                api="v4",
                run=run,
                size=scenario.size,
                plan=scenario.plan,
                approach="a",
            )
            line += (
                f" {ratio(outcome.total, base.total) if base else 'n/a'} "
                f"| {ratio(outcome.wall, base.wall) if base else 'n/a'} |"
            )
        lines.append(line)
    return lines


@dataclasses.dataclass(frozen=True)
class Target:
    """A target of issue 17 for one v4 row of (a): printed beside the figure, not asserted."""

    text: str
    run: str
    size: int
    plan: str
    # The figure, its limit and whether it is met, from the outcome; None when the row does not tell.
    measure: Callable[[Outcome], tuple[str, bool] | None]
    latency_ms: float | None = None  # the latency the target is set for, if any


def _calls_at_most(limit: int, after_read: bool = False):
    def measure(outcome: Outcome) -> tuple[str, bool]:
        value = outcome.after_read if after_read else outcome.total
        what = "calls after the read" if after_read else "calls"
        return f"{value} {what} (target ≤ {limit})", value <= limit

    return measure


def _module_seconds_below(limit: float):
    def measure(outcome: Outcome) -> tuple[str, bool] | None:
        if outcome.module is None:
            return None
        return (
            f"{outcome.module.wall:.1f} s of module time (target < {limit:g} s)",
            outcome.module.wall < limit,
        )

    return measure


def _rss_below(limit_mib: float):
    def measure(outcome: Outcome) -> tuple[str, bool] | None:
        if outcome.module is None:
            return None
        mib = outcome.module.peak_rss_kib / 1024.0
        return (
            f"{mib:.1f} MiB peak module RSS (target < {limit_mib:g} MiB)",
            mib < limit_mib,
        )

    return measure


TARGETS = [
    Target(
        f"no-change converge of 1,000 records: ≤ 1 + ⌈1000/per_page⌉ calls (per_page {V4_PER_PAGE:,})",
        "no-change",
        1000,
        "free",
        _calls_at_most(1 + math.ceil(1000 / V4_PER_PAGE)),
    ),
    Target(
        "1,000 records from empty on a Free zone: ≤ 7 calls",
        "from-empty",
        1000,
        "free",
        _calls_at_most(7),
    ),
    Target(
        "1,000 records from empty on a paid zone: ≤ 3 calls",
        "from-empty",
        1000,
        "pro",
        _calls_at_most(3),
    ),
    *(
        Target(
            f"5,000 records from empty ({plan} zone) at 20 ms latency: {what}",
            "from-empty",
            5000,
            plan,
            measure,
            latency_ms=20,
        )
        for plan in ("free", "pro")
        for what, measure in (
            ("module time < 10 s", _module_seconds_below(10)),
            ("peak module RSS < 150 MiB", _rss_below(150)),
        )
    ),
    Target(
        "10 % of 5,000 records changed: ≤ 3 calls after the read",
        "changed",
        5000,
        "free",
        _calls_at_most(3, after_read=True),
    ),
]


def targets_table(outcomes: list[Outcome], latency_ms: float) -> list[str]:
    lines = [
        "| target | measured | |",
        "| --- | --- | :---: |",
    ]
    for target in TARGETS:
        outcome = find(
            outcomes,
            api="v4",
            approach="a",
            run=target.run,
            size=target.size,
            plan=target.plan,
        )
        figure = target.measure(outcome) if outcome else None
        if figure is None:
            lines.append(f"| {target.text} | not run | – |")
            continue
        text, met = figure
        mark = "✓" if met else "⚠"
        if target.latency_ms is not None and latency_ms != target.latency_ms:
            text += f", at {latency_ms:g} ms latency (the target is for {target.latency_ms:g} ms)"
            mark = "–"
        if outcome.problems:
            text += " (the run had problems, see below)"
        lines.append(f"| {target.text} | {text} | {mark} |")
    return lines


def render(
    outcomes: list[Outcome],
    sizes: list[int],
    skipped: dict,
    header: list[str],
    latency_ms: float = 20.0,
) -> str:
    lines = ["# cf_dns_records benchmark", ""] + header + [""]
    apis = {outcome.scenario.api for outcome in outcomes} | {key[0] for key in skipped}
    if "v1" in apis:
        lines += v1_sections(outcomes, sizes, skipped)
    if "v4" in apis:
        lines += ["## API v4", ""]
        v4_runs = [
            run
            for run in RUNS
            if any(o.scenario.api == "v4" and o.scenario.run == run for o in outcomes)
            or any(key[0] == "v4" and key[2] == run for key in skipped)
        ]
        for run in v4_runs:
            lines += ["### " + RUNS[run], ""] + v4_table(outcomes, run, skipped) + [""]
        lines += (
            [
                "### Targets of issue 17 (cf_dns_records on API v4; printed, not asserted)",
                "",
            ]
            + targets_table(outcomes, latency_ms)
            + [""]
        )
    failed = [outcome for outcome in outcomes if outcome.problems]
    if failed:
        lines += ["## Problems (⚠ above)", ""]
        lines += [
            f"- {outcome.scenario.title}: {'; '.join(outcome.problems)}"
            for outcome in failed
        ]
        lines.append("")
    return "\n".join(lines)


def v1_sections(outcomes: list[Outcome], sizes: list[int], skipped: dict) -> list[str]:
    """The v1 tables: per run, the approaches side by side; the module process; one at a time."""
    lines = []
    v1 = [outcome for outcome in outcomes if outcome.scenario.api == "v1"]
    v1_runs = [
        run
        for run in RUNS
        if any(o.scenario.run == run for o in v1)
        or any(key[0] == "v1" and key[2] == run for key in skipped)
    ]
    for run in v1_runs:
        lines += ["## " + RUNS[run], ""] + run_table(v1, run, sizes, skipped) + [""]
    bulk = [
        outcome for outcome in v1 if outcome.scenario.approach == "a" and outcome.module
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
    serial = [outcome for outcome in v1 if outcome.scenario.concurrency is not None]
    for outcome in serial:
        default = find(
            v1,
            approach="a",
            run=outcome.scenario.run,
            size=outcome.scenario.size,
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
    return lines


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
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    lines = [
        f"- Date: {date}",
        f"- Command: `{command}`",
        f"- Machine: {machine(env)}; load average (1 / 5 / 15 min) at the start: {load}",
        f"- Checkout: {revision(root)}",
        f"- Simulator: {simulator}; {args.latency_ms:g} ms added latency per call, rate limit {args.rate_limit}; "
        f"record seed {args.seed}; Ansible with pipelining, local connection",
        '- "least s at 1200 calls/5 min": the wall time the calls need at least under the real API limit '
        '(the simulator ran with the limit above). "Ansible CPU s": user + system CPU time of ansible-playbook '
        'and every module process it ran, which other load on the machine does not inflate. "load": 1-minute '
        "load average when the run ended.",
    ]
    if "v4" in args.apis:
        lines.append(
            f"- API v4: the account's token ({', '.join(TOKEN_PERMISSIONS)}) in CLOUDFLARE_API_TOKEN; "
            f"v4 runs on a {args.plans[0]} zone, from-empty also on {', '.join(args.plans[1:]) or 'no other plan'}; "
            'endpoints below /zones/{zone_id}/ are shown without that prefix; "expected": the calls '
            f"of 1 zone lookup, ⌈records held / {V4_PER_PAGE:,}⌉ pages (at least 1) and ⌈changes / batch limit⌉ batches "
            '(Free 200, paid 3,500); "writes": the module\'s created / updated / deleted'
        )
    return lines


def write_report(path: str, report: str) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(report + "\n")


# --- main --------------------------------------------------------------------------------


def runs_of(args, api: str) -> list[str]:
    """The runs of ``api``: those of --runs, or the API's default runs."""
    return [run for run in RUNS if run in (args.runs or DEFAULT_RUNS[api])]


def plans_of(args, api: str, run: str) -> list[str]:
    """The zone plans a run is measured on: on v4 every --plans for from-empty, else the first."""
    if api != "v4":
        return ["free"]
    return args.plans if run == "from-empty" else args.plans[:1]


def plan(args, modules: set[str]) -> tuple[list[Scenario], dict]:
    """The scenarios to run, by API, smallest first, and why the others are not run.

    ``skipped`` is keyed by (api, approach, run, size, plan).
    """
    limits = {
        ("b", "no-change"): (args.loop_max, "M tasks, each reading the whole zone"),
        ("b", "from-empty"): (args.loop_max, "M tasks, each reading the whole zone"),
        ("b", "changed"): (args.loop_max, "M tasks, each reading the whole zone"),
        ("c", "from-empty"): (args.uri_max, "one task per create"),
    }
    scenarios, skipped = [], {}
    for api in args.apis:
        for size in sorted(args.sizes):
            for key in args.approaches:
                approach = APPROACHES[key]
                if api not in approach.apis:
                    continue
                for run in runs_of(args, api):
                    if run not in approach.runs:
                        continue
                    for zone_plan in plans_of(args, api, run):
                        where = (api, key, run, size, zone_plan)
                        limit, why = limits.get((key, run), (size, ""))
                        missing = approach.missing(modules)
                        if missing:
                            skipped[where] = missing
                        elif size > limit:
                            skipped[where] = f"cut above M={limit} ({why})"
                        else:
                            scenarios.append(
                                Scenario(key, run, size, api=api, plan=zone_plan)
                            )
    if (
        args.serial_size
        and "v1" in args.apis
        and "a" in args.approaches
        and "from-empty" in runs_of(args, "v1")
        and "cf_dns_records" in modules
    ):
        scenarios.append(Scenario("a", "from-empty", args.serial_size, concurrency=1))
    return scenarios, skipped


def parse_args() -> argparse.Namespace:
    def size_list(text: str) -> list[int]:
        return [int(value) for value in text.split(",") if value.strip()]

    def choices(allowed, what: str):
        def parse(text: str) -> list[str]:
            values = [value.strip() for value in text.split(",") if value.strip()]
            unknown = [value for value in values if value not in allowed]
            if unknown or not values:
                raise argparse.ArgumentTypeError(
                    f"{what}: {', '.join(unknown) or 'none given'}; choose from {', '.join(allowed)}"
                )
            return values

        return parse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", required=True, help="Markdown file that receives the tables"
    )
    parser.add_argument(
        "--apis",
        type=choices(APIS, "unknown API"),
        default=list(APIS),
        help="which APIs to measure, of v1,v4 (default both)",
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=20.0,
        help="simulator latency per call, v1 and v4 (default %(default)g)",
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
        help="M of the extra v1 from-empty run of (a) with concurrency 1; 0 skips it",
    )
    parser.add_argument(
        "--approaches",
        default="".join(APPROACHES),
        help=f"which of {', '.join(APPROACHES)} to run (default {''.join(APPROACHES)})",
    )
    parser.add_argument(
        "--runs",
        type=choices(tuple(RUNS), "unknown run"),
        help=f"which runs, of {','.join(RUNS)} (default: "
        + "; ".join(f"{api} {','.join(runs)}" for api, runs in DEFAULT_RUNS.items())
        + ")",
    )
    parser.add_argument(
        "--plans",
        type=choices(PLANS, "unknown plan"),
        default=["free", "pro"],
        help="v4 zone plans of the from-empty run; the other v4 runs use the first (default free,pro)",
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
    args.apis = [api for api in APIS if api in args.apis]
    return args


def main() -> int:
    args = parse_args()
    root = os.path.abspath(args.root)
    workdir = tempfile.mkdtemp(prefix="edgeops-cloudflare-bench-")
    outcomes: list[Outcome] = []
    skipped: dict = {}
    header: list[str] = []
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
                header.append(
                    f"- cf_dns_records concurrency default (v1 writes): {default}"
                )
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
                    args.output,
                    render(
                        outcomes, sorted(args.sizes), skipped, header, args.latency_ms
                    ),
                )
        finally:
            sim.stop()
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report = render(outcomes, sorted(args.sizes), skipped, header, args.latency_ms)
    write_report(args.output, report)
    print(report)
    return 1 if any(outcome.problems for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
