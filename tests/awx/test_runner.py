# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX path: the demo playbook run by ansible-runner, the engine of AWX and ansible-navigator.

The credentials reach the job exactly as the custom credential type of docs/awx/ injects them:
its injector templates are rendered the way AWX renders them (a Jinja sandbox, with only the
inputs that were filled in) and the result is the job's environment, nothing else. The tests
start the simulator themselves and need the collection where Ansible finds it: run them in the
staged collection with ANSIBLE_COLLECTIONS_PATH set, as `make awx` does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import ansible_runner
import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

COLLECTION_ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
)
AWX_DOCS = os.path.join(COLLECTION_ROOT, "docs", "awx")
SIMULATOR = os.path.join(COLLECTION_ROOT, "tests", "simulator", "cfsim.py")
PLAYBOOK = "edgeops.cloudflare.demo"
DEFAULT_API_URL = "https://www.cloudflare.com/api_json.html"
READY_LINE = re.compile(r"^(https?://127\.0\.0\.1:\d+)/api_json\.html$", re.MULTILINE)
READY_TIMEOUT = 30


def collections_path() -> str:
    """The folder that holds ansible_collections/edgeops/cloudflare (this checkout, staged)."""
    configured = os.environ.get("ANSIBLE_COLLECTIONS_PATH")
    if configured:
        return configured
    parts = COLLECTION_ROOT.split(os.sep)
    if parts[-3:-2] != ["ansible_collections"]:
        pytest.fail(
            "run these tests in a staged collection (.../ansible_collections/edgeops/cloudflare) "
            "or set ANSIBLE_COLLECTIONS_PATH; `make awx` does both"
        )
    return os.sep.join(parts[:-3])


def load_yaml(name: str) -> dict:
    with open(os.path.join(AWX_DOCS, name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def injected_environment(inputs: dict) -> dict:
    """The environment variables AWX sets for a job that uses a credential with these inputs."""
    injectors = load_yaml("credential_type_injectors.yml")
    namespace = {field: value for field, value in inputs.items() if value}
    sandbox = ImmutableSandboxedEnvironment()
    return {
        name: sandbox.from_string(template).render(**namespace)
        for name, template in injectors["env"].items()
    }


def sim_json(url: str, data: bytes | None = None) -> dict:
    with urllib.request.urlopen(url, data=data, timeout=10) as response:
        return json.load(response)


@pytest.fixture(name="simulator")
def simulator_fixture(tmp_path):
    """A simulator with the built-in state: yields (endpoint URL, base URL, account e-mail, API key)."""
    log_path = tmp_path / "simulator.log"
    with (
        open(log_path, "w", encoding="utf-8") as log,
        subprocess.Popen(
            [sys.executable, SIMULATOR, "--port", "0"],
            stdout=log,
            stderr=subprocess.STDOUT,
        ) as process,
    ):
        try:
            deadline = time.monotonic() + READY_TIMEOUT
            match = None
            while (
                match is None and process.poll() is None and time.monotonic() < deadline
            ):
                time.sleep(0.1)
                match = READY_LINE.search(log_path.read_text(encoding="utf-8"))
            if match is None:
                pytest.fail(
                    "the simulator did not start:\n"
                    + log_path.read_text(encoding="utf-8")
                )
            account = sim_json(match.group(1) + "/_sim/state")["accounts"][0]
            yield match.group(0), match.group(1), account["email"], account["key"]
        finally:
            process.terminate()
            process.wait(timeout=10)


def run_demo(private_data_dir: str, envvars: dict, extravars: dict, verbosity: int):
    """Run the demo playbook with ansible-runner as AWX would: credentials in the environment only."""
    os.makedirs(private_data_dir)
    return ansible_runner.run(
        private_data_dir=private_data_dir,
        playbook=PLAYBOOK,
        inventory=f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}",
        envvars=envvars,
        extravars=extravars,
        cmdline="--diff",
        verbosity=verbosity,
        quiet=True,
    )


def transcript(runner) -> str:
    """Everything the run showed: its stdout and every event, as text."""
    with runner.stdout as stdout:
        output = stdout.read()
    return output + "\n".join(json.dumps(event, default=str) for event in runner.events)


def test_credential_type_sets_what_the_modules_read():
    inputs = load_yaml("credential_type_inputs.yml")
    fields = {field["id"]: field for field in inputs["fields"]}
    assert sorted(fields) == ["api_key", "api_url", "email"]
    assert fields["api_key"]["secret"] is True
    assert not fields["email"].get("secret") and not fields["api_url"].get("secret")
    assert inputs["required"] == ["email", "api_key"]

    env = injected_environment({"email": "ops@example.com", "api_key": "k" * 32})
    assert env == {
        "CLOUDFLARE_EMAIL": "ops@example.com",
        "CLOUDFLARE_API_KEY": "k" * 32,
        "CLOUDFLARE_API_URL": DEFAULT_API_URL,
    }
    env = injected_environment(
        {
            "email": "ops@example.com",
            "api_key": "k" * 32,
            "api_url": "http://127.0.0.1:8080/api_json.html",
        }
    )
    assert env["CLOUDFLARE_API_URL"] == "http://127.0.0.1:8080/api_json.html"


def test_injected_names_are_the_modules_fallbacks():
    """The credential type injects exactly the environment fallbacks of the v1 connection options."""
    sys.path.insert(0, collections_path())
    try:
        from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
            connection_spec,
        )
    finally:
        sys.path.pop(0)
    options = connection_spec().argument_spec
    fallbacks = {
        name
        for option in ("api_email", "api_key", "api_url")
        for name in options[option]["fallback"][1]
    }
    assert set(load_yaml("credential_type_injectors.yml")["env"]) == fallbacks


def test_demo_through_ansible_runner_with_injected_credentials(simulator, tmp_path):
    url, base, email, key = simulator
    envvars = injected_environment({"email": email, "api_key": key, "api_url": url})
    envvars["ANSIBLE_COLLECTIONS_PATH"] = collections_path()
    envvars["PATH"] = (
        os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    )

    # The first job changes the zone and sends the IP access lists; the most verbose output
    # (-vvvv) must not show the key either.
    first = run_demo(
        str(tmp_path / "first"), envvars, {"demo_send_access_list": True}, verbosity=4
    )
    assert (first.status, first.rc) == ("successful", 0), transcript(first)
    assert first.stats["changed"].get("localhost", 0) > 0
    shown = transcript(first)
    assert "app.example.com" in shown  # the diffs are in it
    assert key not in shown

    # The second job, as the demo's second run, must change nothing.
    second = run_demo(str(tmp_path / "second"), envvars, {}, verbosity=0)
    assert (second.status, second.rc) == ("successful", 0), transcript(second)
    assert second.stats["changed"].get("localhost", 0) == 0
    assert key not in transcript(second)

    calls = sim_json(base + "/_sim/stats")["calls"]
    assert calls["wl"] == 1 and calls["ban"] == 1
    assert calls["zone_file_purge"] == 2
