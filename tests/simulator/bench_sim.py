# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Speed of the simulator on loopback: calls per second of both APIs, writes as the zone grows,
and reads of large zones.

    python3 tests/simulator/bench_sim.py [--calls 2000] [--clients 4] [--records 10000]
                                         [--sizes 1000,50000] [--list-records 20000] [--json]

Starts its own cfsim.py (no injected latency, rate limit lifted) unless --url names a running
one; on a machine with two CPUs or more it pins the simulator to CPU 0 and itself to CPU 1, so
that the simulator has exactly one core. Prints one line per measurement; --json prints the
same figures as JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

CFSIM = Path(__file__).resolve().parent / "cfsim.py"
EMAIL = "sample@example.com"
KEY = "8afbe6dea02407989af4dd4c97bb6e25"
TOKEN = "cfsim-all-permissions-all-zones-00000001"
ZONE = "example.com"
ZONE_ID = 42
PAGE_SIZE = 180
NO_LIMIT = "100000000/300"


def cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) a local process has used; 0 when it is not local."""
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_simulator(pin: bool) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, str(CFSIM), "--port", "0", "--rate-limit", NO_LIMIT],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http"):
        proc.kill()
        sys.exit("bench_sim: the simulator did not start")
    if pin:
        os.sched_setaffinity(proc.pid, {0})
        os.sched_setaffinity(0, {1})
    return proc, url


def form(action: str, **params: object) -> dict:
    return {"a": action, "tkn": KEY, "email": EMAIL, **params}


class Api:
    """Where calls go: v1 (a form POST to api_json.html) or v4 (JSON below /client/v4). Calls
    use http.client, whose own cost per call is a fraction of requests', so the figures are the
    simulator's; each Api object is one connection (kept alive unless keep_alive is false).
    """

    def __init__(self, url: str, keep_alive: bool = True) -> None:
        self.url = url
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.keep_alive = keep_alive
        self.connection: http.client.HTTPConnection | None = None
        self.zone_v4 = ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict | None = None,
        control: bool = False,
    ) -> dict:
        if self.connection is None or not self.keep_alive:
            self.connection = http.client.HTTPConnection(
                self.host, self.port, timeout=300
            )
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        data = response.read()
        if not self.keep_alive:
            self.connection.close()
        answer = (
            json.loads(data)
            if response.getheader("Content-Type", "").startswith("application/json")
            else {}
        )
        succeeded = (
            control
            or answer.get("result") == "success"
            or answer.get("success") is True
        )
        if response.status != 200 or not succeeded:
            raise RuntimeError(f"unexpected answer {response.status}: {data[:200]!r}")
        return answer

    def send(self, call: tuple) -> dict:
        """call is ("v1", form) or ("v4", method, path, JSON body or None)."""
        if call[0] == "v1":
            return self.request(
                "POST",
                "/api_json.html",
                urllib.parse.urlencode(call[1]).encode(),
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
        body = None if call[3] is None else json.dumps(call[3]).encode()
        return self.request(
            call[1],
            "/client/v4" + call[2],
            body,
            {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )

    def control(self, path: str, body: object = None) -> None:
        self.request(
            "POST",
            "/_sim/" + path,
            json.dumps(body).encode() if body is not None else b"",
            {"Content-Type": "application/json"},
            control=True,
        )

    def reset(self, seed: dict | None = None) -> None:
        self.control("reset", seed)
        self.control("faults", {"rate_limit": NO_LIMIT, "latency_ms": 0})
        self.zone_v4 = self.send(("v4", "GET", f"/zones?name={ZONE}", None))["result"][
            0
        ]["id"]


def sequential(api: Api, calls: int, keep_alive: bool, make_call) -> float:
    """Calls per second of one client; a fresh TCP connection per call unless keep_alive."""
    client = Api(api.url, keep_alive)
    started = time.perf_counter()
    for index in range(calls):
        client.send(make_call(index))
    return calls / (time.perf_counter() - started)


def concurrent(api: Api, calls: int, clients: int, make_call) -> float:
    """Calls per second of `clients` threads, each with its own keep-alive connection."""
    per_client = calls // clients
    failures: list[BaseException] = []

    def client(worker: int) -> None:
        own = Api(api.url)
        try:
            for index in range(per_client):
                own.send(make_call(worker * per_client + index))
        except (RuntimeError, OSError) as error:
            failures.append(error)

    threads = [
        threading.Thread(target=client, args=(worker,)) for worker in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} client(s) failed: {failures[0]}")
    return per_client * clients / elapsed


def large_zone_seed(records: int) -> dict:
    return {
        "accounts": [
            {
                "email": EMAIL,
                "key": KEY,
                "tokens": [
                    {
                        "value": TOKEN,
                        "permissions": [
                            "zone:read",
                            "dns:read",
                            "dns:edit",
                            "zone_settings:read",
                        ],
                        "zones": "all",
                    }
                ],
                "zones": [
                    {
                        "name": ZONE,
                        "id": ZONE_ID,
                        "records": [
                            {
                                "id": str(1000000 + index),
                                "name": f"host{index}",
                                "type": "A",
                                "content": f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}",
                            }
                            for index in range(records)
                        ],
                    }
                ],
            }
        ]
    }


def load_all(api: Api) -> tuple[int, list[float]]:
    """Read every v1 page of the zone; returns the record count and the time of each page."""
    offset, page_times = 0, []
    while True:
        started = time.perf_counter()
        recs = api.send(("v1", form("rec_load_all", z=ZONE, o=offset)))["response"][
            "recs"
        ]
        page_times.append(time.perf_counter() - started)
        offset += recs["count"]
        if not recs["has_more"]:
            return offset, page_times


def calls_per_second(api: Api, args: argparse.Namespace) -> dict:
    api.reset()
    stamp = time.time_ns()

    def v1_read(index: int) -> tuple:
        return ("v1", form("zone_settings", z=ZONE))

    def v1_write(index: int) -> tuple:
        return (
            "v1",
            form(
                "rec_new",
                z=ZONE,
                type="TXT",
                name=f"bench{index}",
                content=f"run {stamp}",
            ),
        )

    def v1_write_many(index: int) -> tuple:
        return (
            "v1",
            form(
                "rec_new",
                z=ZONE,
                type="TXT",
                name=f"bench-c{index}",
                content=f"run {stamp}",
            ),
        )

    def v4_read(index: int) -> tuple:
        return ("v4", "GET", f"/zones/{api.zone_v4}/settings/ipv6", None)

    def v4_write(index: int) -> tuple:
        return (
            "v4",
            "POST",
            f"/zones/{api.zone_v4}/dns_records",
            {
                "type": "TXT",
                "name": f"v4-bench{index}",
                "content": f"run {stamp}",
                "ttl": 1,
            },
        )

    sequential(api, 50, True, v1_read)
    sequential(api, 50, True, v4_read)
    return {
        "v1_read_new_connection_per_s": sequential(api, args.calls, False, v1_read),
        "v1_read_keep_alive_per_s": sequential(api, args.calls, True, v1_read),
        "v1_write_keep_alive_per_s": sequential(api, args.calls, True, v1_write),
        "v1_read_concurrent_per_s": concurrent(api, args.calls, args.clients, v1_read),
        "v1_write_concurrent_per_s": concurrent(
            api, args.calls, args.clients, v1_write_many
        ),
        "v4_read_keep_alive_per_s": sequential(api, args.calls, True, v4_read),
        "v4_write_keep_alive_per_s": sequential(api, args.calls, True, v4_write),
        "v4_read_concurrent_per_s": concurrent(api, args.calls, args.clients, v4_read),
    }


def write_scaling(
    api: Api, sizes: list[int], calls: int, rounds: int, pid: int | None
) -> dict:
    """Sequential creates (keep-alive) into zones that already hold `size` records: calls per
    second, and the simulator's CPU time per call (which other jobs on the machine do not
    change). The sizes take turns `rounds` times; each figure is the median."""
    samples: dict[str, list[float]] = {}
    for dummy in range(rounds):
        for size in sizes:
            for face in ("v1", "v4"):
                api.reset(large_zone_seed(size))

                def create(index: int, face: str = face) -> tuple:
                    if face == "v1":
                        return (
                            "v1",
                            form(
                                "rec_new",
                                z=ZONE,
                                type="TXT",
                                name=f"grow{index}",
                                content="grow",
                            ),
                        )
                    return (
                        "v4",
                        "POST",
                        f"/zones/{api.zone_v4}/dns_records",
                        {
                            "type": "TXT",
                            "name": f"grow{index}",
                            "content": "grow",
                            "ttl": 1,
                        },
                    )

                cpu_before = cpu_seconds(pid)
                samples.setdefault(f"{face}_write_at_{size}_per_s", []).append(
                    sequential(api, calls, True, create)
                )
                samples.setdefault(f"{face}_write_at_{size}_cpu_ms", []).append(
                    (cpu_seconds(pid) - cpu_before) * 1000 / calls
                )
    figures = {key: statistics.median(values) for key, values in samples.items()}
    for face in ("v1", "v4"):
        smallest, largest = (
            f"{face}_write_at_{sizes[0]}",
            f"{face}_write_at_{sizes[-1]}",
        )
        figures[f"{face}_write_ratio"] = (
            figures[largest + "_per_s"] / figures[smallest + "_per_s"]
        )
        if pid is not None:
            figures[f"{face}_cpu_ratio"] = (
                figures[largest + "_cpu_ms"] / figures[smallest + "_cpu_ms"]
            )
    return figures


def v1_large_zone(api: Api, records: int, rounds: int) -> dict:
    api.reset(large_zone_seed(records))
    totals, pages = [], []
    for dummy in range(rounds):
        started = time.perf_counter()
        count, page_times = load_all(api)
        totals.append(time.perf_counter() - started)
        pages.extend(page_times)
        if count != records or len(page_times) != math.ceil(records / PAGE_SIZE):
            raise RuntimeError(f"read {count} records in {len(page_times)} pages")
    return {
        "records": records,
        "pages": math.ceil(records / PAGE_SIZE),
        "all_pages_s_median": statistics.median(totals),
        "all_pages_s_min": min(totals),
        "page_ms_median": statistics.median(pages) * 1000,
        "page_ms_max": max(pages) * 1000,
    }


def v4_large_list(api: Api, records: int, rounds: int) -> dict:
    """One GET of every record (per_page above the zone's size) right after a write, so that
    each call sorts the zone anew; and all pages of 100."""
    api.reset(large_zone_seed(records))
    path = f"/zones/{api.zone_v4}/dns_records"
    one_call, paged = [], []
    for index in range(rounds):
        api.send(
            (
                "v4",
                "POST",
                path,
                {"type": "TXT", "name": f"list{index}", "content": "x"},
            )
        )
        started = time.perf_counter()
        result = api.send(("v4", "GET", f"{path}?per_page={records + rounds}", None))[
            "result"
        ]
        one_call.append(time.perf_counter() - started)
        if len(result) != records + index + 1:
            raise RuntimeError("the list missed records")
    for dummy in range(rounds):
        started, page = time.perf_counter(), 1
        while api.send(("v4", "GET", f"{path}?per_page=100&page={page}", None))[
            "result"
        ]:
            page += 1
        paged.append(time.perf_counter() - started)
    return {
        "records": records,
        "one_call_s_median": statistics.median(one_call),
        "one_call_s_max": max(one_call),
        "pages_of_100": page - 1,
        "all_pages_of_100_s_median": statistics.median(paged),
    }


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def report(figures: dict, args: argparse.Namespace) -> None:
    machine = figures["machine"]
    print(
        f"machine: {machine['nproc']} CPUs, {machine['cpu']}, Python {machine['python']}, "
        f"simulator pinned to one CPU: {machine['pinned']}"
    )
    rates = figures["calls_per_s"]
    for key, label in (
        (
            "v1_read_new_connection_per_s",
            "v1 read  (zone_settings), new connection per call",
        ),
        ("v1_read_keep_alive_per_s", "v1 read  (zone_settings), keep-alive"),
        ("v1_write_keep_alive_per_s", "v1 write (rec_new), keep-alive"),
        (
            "v1_read_concurrent_per_s",
            f"v1 read, {args.clients} concurrent keep-alive clients",
        ),
        (
            "v1_write_concurrent_per_s",
            f"v1 write, {args.clients} concurrent keep-alive clients",
        ),
        ("v4_read_keep_alive_per_s", "v4 read  (GET settings/ipv6), keep-alive"),
        ("v4_write_keep_alive_per_s", "v4 write (POST dns_records), keep-alive"),
        (
            "v4_read_concurrent_per_s",
            f"v4 read, {args.clients} concurrent keep-alive clients",
        ),
    ):
        print(f"{label + ':':56} {rates[key]:7.0f} calls/s")
    scaling = figures["write_scaling"]
    for face in ("v1", "v4"):
        line = ", ".join(
            f"{size}: {scaling[f'{face}_write_at_{size}_per_s']:.0f}/s, "
            f"{scaling[f'{face}_write_at_{size}_cpu_ms']:.2f} ms CPU"
            for size in args.sizes
        )
        cpu = (
            f", CPU per call {scaling[f'{face}_cpu_ratio']:.2f}"
            if f"{face}_cpu_ratio" in scaling
            else ""
        )
        print(
            f"{face} sequential creates by zone size: {line} "
            f"(largest/smallest: rate {scaling[f'{face}_write_ratio']:.2f}{cpu})"
        )
    large = figures["v1_large_zone"]
    print(
        f"v1 rec_load_all, {large['records']} records, {large['pages']} pages: all pages "
        f"{large['all_pages_s_median']:.2f} s (median of {args.rounds}, best {large['all_pages_s_min']:.2f} s), "
        f"page {large['page_ms_median']:.1f} ms median, {large['page_ms_max']:.1f} ms max"
    )
    listing = figures["v4_large_list"]
    print(
        f"v4 list of {listing['records']} records in one call: {listing['one_call_s_median']:.2f} s median, "
        f"{listing['one_call_s_max']:.2f} s max; {listing['pages_of_100']} pages of 100: "
        f"{listing['all_pages_of_100_s_median']:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", help="a running simulator's api_json.html URL (default: start one)"
    )
    parser.add_argument(
        "--calls", type=int, default=2000, help="calls per calls/s measurement"
    )
    parser.add_argument(
        "--clients", type=int, default=4, help="threads of the concurrent measurements"
    )
    parser.add_argument(
        "--records", type=int, default=10000, help="records of the v1 large zone"
    )
    parser.add_argument(
        "--sizes", default="1000,50000", help="zone sizes of the write measurements"
    )
    parser.add_argument(
        "--list-records",
        type=int,
        default=20000,
        help="records of the v4 list measurement",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds of the zone-size and large-zone measurements",
    )
    parser.add_argument(
        "--no-pin", action="store_true", help="do not pin the simulator to one CPU"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]

    pin = (
        not args.url
        and not args.no_pin
        and (os.cpu_count() or 1) >= 2
        and hasattr(os, "sched_setaffinity")
    )
    proc, url = (None, args.url) if args.url else start_simulator(pin)
    api = Api(url)
    figures: dict[str, object] = {
        "machine": {
            "nproc": os.cpu_count(),
            "cpu": cpu_model(),
            "python": platform.python_version(),
            "pinned": pin,
        },
        "calls": args.calls,
        "clients": args.clients,
    }
    try:
        figures["calls_per_s"] = calls_per_second(api, args)
        figures["write_scaling"] = write_scaling(
            api, args.sizes, args.calls, args.rounds, proc and proc.pid
        )
        figures["v1_large_zone"] = v1_large_zone(api, args.records, args.rounds)
        figures["v4_large_list"] = v4_large_list(api, args.list_records, args.rounds)
        api.control("reset")
    finally:
        if proc is not None:
            api.control("shutdown")
            proc.wait(timeout=30)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures, args)


if __name__ == "__main__":
    main()
