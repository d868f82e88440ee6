# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One retry round of cf_dns_records: the time to resolve its pending changes against the re-read zone.

After a round with transient failures, cf_dns_records reads the zone again, writes what is
still missing and then decides, for every change still pending, whether the zone shows it
(issue 13 item 15). Each case builds a zone of Z records of which P were created by the round
(so they come last in the zone, as the module sees it) and P pending creates of those
records, then times the last step of `_retry_rounds` as the checkout has it: `_zone_after`,
then `_resolve` per pending change (a scan of the zone), or `_ZoneIndex` and `_settle`.
Every checkout is imported from its own root in a child process. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

from run import labelled_root, machine, revision, seconds, write_report

# A case whose first timing takes longer than this is not repeated.
REPEAT_BELOW_SECONDS = 10.0


def parse_case(text: str) -> tuple[int, int]:
    pending, zone = text.split(":")
    if not 0 < int(pending) <= int(zone):
        raise argparse.ArgumentTypeError(
            f"a case is PENDING:ZONE with 0 < PENDING <= ZONE, got {text!r}"
        )
    return int(pending), int(zone)


def time_round(pending: int, zone_size: int, repeat: int) -> dict:
    """Best CPU and wall seconds of one round's resolution in the imported checkout (runs in the child)."""
    # pylint: disable=import-error,import-outside-toplevel
    from ansible_collections.edgeops.cloudflare.plugins.module_utils import (
        _records_bulk_module as bulk,
    )
    from ansible_collections.edgeops.cloudflare.plugins.module_utils._records import (
        Operation,
        Record,
    )
    from ansible_collections.edgeops.cloudflare.plugins.module_utils._records_bulk import (
        APPLIED,
        FAILED,
    )

    def record(number: int, record_id: str | None) -> Record:
        content = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        return Record(
            name=f"host{number:06d}.bench.example",
            type="A",
            content=content,
            ttl=1,
            proxied=False,
            id=record_id,
        )

    current = [
        record(number, str(100000 + number)) for number in range(zone_size - pending)
    ]
    created = range(zone_size - pending, zone_size)
    later = [
        bulk.Outcome(
            APPLIED, Operation("create", None, record(number, str(100000 + number)))
        )
        for number in created
    ]
    outcomes = [
        bulk.Outcome(
            FAILED,
            Operation("create", None, record(number, None)),
            "HTTP 502",
            transient=True,
        )
        for number in created
    ]
    indexed = hasattr(bulk, "_ZoneIndex")

    def resolve() -> list:
        # pylint: disable=protected-access
        if indexed:
            index = bulk._ZoneIndex(bulk._zone_after(current, later))
            latest = {bulk._change_key(outcome.operation): outcome for outcome in later}
            return [
                (
                    outcome
                    if outcome.status == APPLIED
                    else bulk._settle(outcome, index, latest)
                )
                for outcome in outcomes
            ]
        records = bulk._zone_after(current, later)
        return [
            outcome if outcome.status == APPLIED else bulk._resolve(outcome, records)
            for outcome in outcomes
        ]

    best_cpu = best_wall = float("inf")
    for dummy in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        resolved = resolve()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if sum(1 for outcome in resolved if outcome.status == APPLIED) != pending:
            raise SystemExit(
                "the round did not resolve every pending change as applied"
            )
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
        if wall > REPEAT_BELOW_SECONDS:
            break
    return {"code": "index" if indexed else "scan", "cpu": best_cpu, "wall": best_wall}


def measure(root: str, pending: int, zone_size: int, repeat: int) -> dict:
    """Run time_round in a child process that imports the module_utils of ``root``."""
    with tempfile.TemporaryDirectory(prefix="edgeops-cloudflare-resolve-") as tree:
        namespace = os.path.join(tree, "ansible_collections", "edgeops")
        os.makedirs(namespace)
        os.symlink(root, os.path.join(namespace, "cloudflare"))
        env = dict(os.environ, PYTHONPATH=tree)
        load_before = os.getloadavg()[0]
        child = subprocess.run(
            [
                sys.executable,
                os.path.abspath(__file__),
                "--child",
                str(pending),
                str(zone_size),
                str(repeat),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return dict(json.loads(child.stdout), load=max(load_before, os.getloadavg()[0]))


def render(rows: list[dict], header: list[str]) -> str:
    lines = (
        ["# One retry round: resolving the pending changes", ""]
        + header
        + [
            "",
            "| pending | zone records | checkout | code | CPU s | wall s | load |",
            "| ---: | ---: | --- | --- | ---: | ---: | ---: |",
        ]
    )
    for row in rows:
        cpu, wall = precise(row["cpu"]), precise(row["wall"])
        lines.append(
            f"| {row['pending']:,} | {row['zone']:,} | {row['label']} | {row['code']} | {cpu} | {wall} "
            f"| {row['load']:.1f} |"
        )
    return "\n".join(lines)


def precise(value: float) -> str:
    return f"{value:.4f}" if value < 1 else seconds(value)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        pending, zone_size, repeat = (int(value) for value in sys.argv[2:5])
        print(json.dumps(time_round(pending, zone_size, repeat)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", required=True, help="Markdown file that receives the table"
    )
    parser.add_argument(
        "--root",
        action="append",
        type=labelled_root,
        dest="checkouts",
        help="[LABEL=]DIR: a checkout to import; repeat it to compare (default: this one)",
    )
    parser.add_argument(
        "--cases",
        type=lambda text: [parse_case(case) for case in text.split(",")],
        default=[(100, 50000), (5000, 20000)],
        help="PENDING:ZONE,... (default 100:50000,5000:20000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help=f"timings per case, the best kept; one only when it takes over {REPEAT_BELOW_SECONDS:g} s "
        "(default %(default)d)",
    )
    args = parser.parse_args()
    checkouts = args.checkouts or [
        labelled_root(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ]
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join(["python", "benchmarks/retry_resolve.py"] + sys.argv[1:])
    described = "; ".join(
        f"{label} = {root} ({revision(root)})" for label, root in checkouts
    )
    header = [
        f"- Date: {date}",
        f"- Command: `{command}`",
        f"- Machine: {machine(dict(os.environ))}",
        f"- Checkouts: {described}",
        '- "code": scan (`_resolve` looks through the zone for each pending change) or index (`_ZoneIndex`); '
        'CPU s and wall s: the best of the timings; "load": the higher 1-minute load average of the start and end',
    ]
    rows = []
    for pending, zone_size in args.cases:
        for label, root in checkouts:
            print(
                f"timing {label}: {pending} pending on {zone_size} records ...",
                file=sys.stderr,
                flush=True,
            )
            rows.append(
                dict(
                    measure(root, pending, zone_size, args.repeat),
                    pending=pending,
                    zone=zone_size,
                    label=label,
                )
            )
            write_report(args.output, render(rows, header))
    report = render(rows, header)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
