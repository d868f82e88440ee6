# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill ansible-playbook in the middle of a cf_dns_records converge, and see what goes on after it.

Usage: kill_run.py SIM_BASE EMAIL KEY WORKDIR MODE, MODE being "main" (SIGKILL the
ansible-playbook process) or "group" (SIGKILL its process group). Prints one JSON object: the
writes the simulator saw when the kill was sent and after it, the processes of the run still
alive, and what a second, undisturbed run made of the zone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

ZONE = "kill.example"
RECORDS = 300
WRITES = ("rec_new", "rec_edit", "rec_delete")
KILL_AFTER_WRITES = 20
WAIT = 60


def control(base: str, path: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def writes(base: str) -> int:
    calls = control(base, "/_sim/stats")["calls"]
    return sum(calls.get(action, 0) for action in WRITES)


def processes() -> dict[int, tuple[int, str]]:
    """``{pid: (session, command line)}`` of every live process (zombies left out)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(
                f"/proc/{entry}/stat", encoding="ascii", errors="replace"
            ) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                cmdline = (
                    handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
                )
        except OSError:
            continue
        if fields[0] != "Z":
            found[int(entry)] = (int(fields[3]), cmdline)
    return found


def left_behind(session: int, book: str) -> tuple[list[str], dict[int, str]]:
    """What the killed run left alive: its session and the module, and ansible-core's own workers.

    ansible-core puts each worker in a session of its own (``setsid``), and a worker whose
    controller is gone can block for ever handing back its result. Such a worker runs no
    module code any more; it is stopped by the harness, and reported apart.
    """
    ours = []
    workers = {}
    for pid, (sid, cmdline) in processes().items():
        if "AnsiballZ_cf_dns_records" in cmdline or sid == session:
            ours.append(cmdline)
        elif book in cmdline:
            workers[pid] = cmdline
    return ours, workers


def playbook(workdir: str, url: str, email: str, key: str) -> str:
    path = os.path.join(workdir, "converge.yml")
    records = [
        {
            "name": f"host{index}",
            "type": "A",
            "content": f"198.51.100.{index % 250 + 1}",
        }
        for index in range(RECORDS)
    ]
    play = [
        {
            "name": "Converge a zone",
            "hosts": "localhost",
            "gather_facts": False,
            "tasks": [
                {
                    "name": "Create the records",
                    "edgeops.cloudflare.cf_dns_records": {
                        "api_url": url,
                        "api_email": email,
                        "api_key": key,
                        "zone": ZONE,
                        "concurrency": 2,
                        "records": records,
                    },
                }
            ],
        }
    ]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(play, handle)
    return path


def main() -> None:
    base, email, key, workdir, mode = sys.argv[1:6]
    control(
        base,
        "/_sim/reset",
        {
            "accounts": [
                {"email": email, "key": key, "zones": [{"name": ZONE, "id": 9}]}
            ]
        },
    )
    control(base, "/_sim/faults", {"latency_ms": 40})
    book = playbook(workdir, base + "/api_json.html", email, key)
    command = [
        sys.executable,
        "-m",
        "ansible.cli.playbook",
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        f"ansible_python_interpreter={sys.executable}",
        book,
    ]
    with open(os.path.join(workdir, f"{mode}.log"), "w", encoding="utf-8") as log:
        run = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + WAIT
        while (
            writes(base) < KILL_AFTER_WRITES
            and time.monotonic() < deadline
            and run.poll() is None
        ):
            time.sleep(0.2)
        at_kill = writes(base)
        if mode == "group":
            os.killpg(run.pid, signal.SIGKILL)
        else:
            os.kill(run.pid, signal.SIGKILL)
        run.wait()
        time.sleep(3)
        after_3s = writes(base)
        time.sleep(3)
        after_6s = writes(base)
        leftover, workers = left_behind(run.pid, book)
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    control(base, "/_sim/faults", {"latency_ms": 0})
    rerun = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False
    )
    zone = next(
        zone
        for account in control(base, "/_sim/state")["accounts"]
        for zone in account["zones"]
        if zone["name"] == ZONE
    )
    names = [record["name"] for record in zone["records"]]
    print(
        json.dumps(
            {
                "mode": mode,
                "writes_at_kill": at_kill,
                "writes_after_3s": after_3s,
                "writes_after_6s": after_6s,
                "left_running": leftover,
                "ansible_workers_stopped": len(workers),
                "rerun_rc": rerun.returncode,
                "records": len(names),
                "distinct_records": len(set(names)),
                "wanted": RECORDS,
            }
        )
    )


if __name__ == "__main__":
    main()
