# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Speed of the simulator on loopback: calls per second and rec_load_all over a large zone.

    python3 tests/simulator/bench_sim.py [--calls 2000] [--clients 4] [--records 10000]

Starts its own cfsim.py (no injected latency, rate limit lifted) unless --url names a running
one. Prints one line per measurement; --json prints the same figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

CFSIM = Path(__file__).resolve().parent / "cfsim.py"
EMAIL = "sample@example.com"
KEY = "8afbe6dea02407989af4dd4c97bb6e25"
ZONE = "example.com"
PAGE_SIZE = 180


def start_simulator() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, str(CFSIM), "--port", "0", "--rate-limit", "100000000/300"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http"):
        proc.kill()
        sys.exit("bench_sim: the simulator did not start")
    return proc, url


def form(action: str, **params: object) -> dict:
    return {"a": action, "tkn": KEY, "email": EMAIL, **params}


def check(response: requests.Response) -> None:
    if response.status_code != 200 or response.json()["result"] != "success":
        raise RuntimeError(f"unexpected answer {response.status_code}: {response.text[:200]}")


def sequential(url: str, calls: int, keep_alive: bool, make_form) -> float:
    """Calls per second of one client; a fresh TCP connection per call unless keep_alive."""
    session = requests.Session() if keep_alive else None
    started = time.perf_counter()
    for index in range(calls):
        data = make_form(index)
        response = session.post(url, data=data, timeout=30) if session else requests.post(url, data=data, timeout=30)
        check(response)
    return calls / (time.perf_counter() - started)


def concurrent(url: str, calls: int, clients: int, make_form) -> float:
    """Calls per second of `clients` threads, each with its own keep-alive session."""
    per_client = calls // clients
    failures: list[BaseException] = []

    def client(worker: int) -> None:
        session = requests.Session()
        try:
            for index in range(per_client):
                check(session.post(url, data=make_form(worker * per_client + index), timeout=30))
        except (RuntimeError, requests.RequestException) as error:
            failures.append(error)

    threads = [threading.Thread(target=client, args=(worker,)) for worker in range(clients)]
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
    return {"accounts": [{"email": EMAIL, "key": KEY, "zones": [{"name": ZONE, "id": 42, "records": [
        {"id": str(1000000 + index), "name": f"host{index}", "type": "A",
         "content": f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"}
        for index in range(records)]}]}]}


def load_all(session: requests.Session, url: str) -> tuple[int, list[float]]:
    """Read every page of the zone; returns the record count and the time of each page."""
    offset, page_times = 0, []
    while True:
        started = time.perf_counter()
        response = session.post(url, data=form("rec_load_all", z=ZONE, o=offset), timeout=60)
        check(response)
        recs = response.json()["response"]["recs"]
        page_times.append(time.perf_counter() - started)
        offset += recs["count"]
        if not recs["has_more"]:
            return offset, page_times


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running simulator's api_json.html URL (default: start one)")
    parser.add_argument("--calls", type=int, default=2000, help="calls per calls/s measurement")
    parser.add_argument("--clients", type=int, default=4, help="threads of the concurrent measurement")
    parser.add_argument("--records", type=int, default=10000, help="records of the large zone")
    parser.add_argument("--rounds", type=int, default=5, help="full reads of the large zone")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    proc, url = (None, args.url) if args.url else start_simulator()
    base = url.rsplit("/", 1)[0]
    figures: dict[str, object] = {
        "machine": {"nproc": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                    "requests": requests.__version__},
        "calls": args.calls, "clients": args.clients,
    }
    try:
        requests.post(base + "/_sim/reset", timeout=30).raise_for_status()
        requests.post(base + "/_sim/faults", json={"rate_limit": "100000000/300", "latency_ms": 0},
                      timeout=30).raise_for_status()

        def read(index: int) -> dict:
            return form("zone_settings", z=ZONE)

        def write(index: int) -> dict:
            return form("rec_new", z=ZONE, type="TXT", name=f"bench{index}", content=f"run {time.time_ns()}")

        def write_many(index: int) -> dict:
            return form("rec_new", z=ZONE, type="TXT", name=f"bench-c{index}", content=f"run {time.time_ns()}")

        sequential(url, 50, True, read)
        figures["read_new_connection_per_s"] = sequential(url, args.calls, False, read)
        figures["read_keep_alive_per_s"] = sequential(url, args.calls, True, read)
        figures["write_keep_alive_per_s"] = sequential(url, args.calls, True, write)
        figures["read_concurrent_per_s"] = concurrent(url, args.calls, args.clients, read)
        figures["write_concurrent_per_s"] = concurrent(url, args.calls, args.clients, write_many)

        requests.post(base + "/_sim/reset", json=large_zone_seed(args.records), timeout=120).raise_for_status()
        requests.post(base + "/_sim/faults", json={"rate_limit": "100000000/300"}, timeout=30).raise_for_status()
        session = requests.Session()
        totals, pages = [], []
        for dummy in range(args.rounds):
            started = time.perf_counter()
            count, page_times = load_all(session, url)
            totals.append(time.perf_counter() - started)
            pages.extend(page_times)
            if count != args.records or len(page_times) != math.ceil(args.records / PAGE_SIZE):
                raise RuntimeError(f"read {count} records in {len(page_times)} pages")
        figures["large_zone"] = {
            "records": args.records, "pages": math.ceil(args.records / PAGE_SIZE),
            "all_pages_s_median": statistics.median(totals), "all_pages_s_min": min(totals),
            "page_ms_median": statistics.median(pages) * 1000, "page_ms_max": max(pages) * 1000,
        }
        requests.post(base + "/_sim/reset", timeout=30)
    finally:
        if proc is not None:
            requests.post(base + "/_sim/shutdown", timeout=30)
            proc.wait(timeout=30)

    if args.json:
        print(json.dumps(figures, indent=2))
        return
    machine = figures["machine"]
    large = figures["large_zone"]
    print(f"machine: {machine['nproc']} CPUs, {machine['cpu']}, Python {machine['python']}, "
          f"requests {machine['requests']}")
    print(f"read  (zone_settings), new connection per call: {figures['read_new_connection_per_s']:7.0f} calls/s")
    print(f"read  (zone_settings), keep-alive:              {figures['read_keep_alive_per_s']:7.0f} calls/s")
    print(f"write (rec_new),       keep-alive:              {figures['write_keep_alive_per_s']:7.0f} calls/s")
    print(f"read,  {args.clients} concurrent keep-alive clients:     {figures['read_concurrent_per_s']:7.0f} calls/s")
    print(f"write, {args.clients} concurrent keep-alive clients:     {figures['write_concurrent_per_s']:7.0f} calls/s")
    print(f"rec_load_all, {large['records']} records, {large['pages']} pages: "
          f"all pages {large['all_pages_s_median']:.2f} s (median of {args.rounds}, best "
          f"{large['all_pages_s_min']:.2f} s), page {large['page_ms_median']:.1f} ms median, "
          f"{large['page_ms_max']:.1f} ms max")


if __name__ == "__main__":
    main()
