# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""--tls with --cert-dir: HTTPS with a self-signed certificate for 127.0.0.1 (README)."""

from __future__ import annotations

import socket

import pytest
import requests

from conftest import EMAIL, KEY, Sim

CREDENTIALS = {"a": "zone_load_multi", "tkn": KEY, "email": EMAIL}


@pytest.fixture(scope="module")
def tls_sim(tmp_path_factory):
    cert_dir = tmp_path_factory.mktemp("certs")
    server = Sim(["--tls", "--cert-dir", str(cert_dir)])
    server.cert_dir = cert_dir
    server.verify = str(cert_dir / "cert.pem")
    yield server
    server.stop()


def test_https_url_and_files(tls_sim):
    assert tls_sim.url.startswith("https://127.0.0.1:")
    assert (tls_sim.cert_dir / "cert.pem").is_file()
    assert (tls_sim.cert_dir / "key.pem").is_file()


def test_https_with_the_certificate(tls_sim):
    response = requests.post(
        tls_sim.url,
        data=CREDENTIALS,
        verify=str(tls_sim.cert_dir / "cert.pem"),
        timeout=15,
    )
    assert response.status_code == 200
    assert response.json()["result"] == "success"


def test_default_verification_fails(tls_sim):
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(tls_sim.url, data=CREDENTIALS, timeout=15)
    response = requests.post(
        tls_sim.url,
        data=CREDENTIALS,
        verify=str(tls_sim.cert_dir / "cert.pem"),
        timeout=15,
    )
    assert (
        response.json()["result"] == "success"
    ), "a refused handshake does not hurt the server"


def test_localhost_name_is_in_the_certificate(tls_sim):
    port = tls_sim.url.split(":")[2].split("/")[0]
    response = requests.get(
        f"https://localhost:{port}/api_json.html",
        params=CREDENTIALS,
        verify=str(tls_sim.cert_dir / "cert.pem"),
        timeout=15,
    )
    assert response.json()["result"] == "success"


def test_plain_http_to_the_tls_port(tls_sim):
    port = int(tls_sim.url.split(":")[2].split("/")[0])
    try:
        requests.get(
            f"http://127.0.0.1:{port}/api_json.html", params=CREDENTIALS, timeout=5
        )
    except requests.exceptions.RequestException:
        pass
    response = requests.post(
        tls_sim.url, data=CREDENTIALS, verify=tls_sim.verify, timeout=15
    )
    assert response.json()["result"] == "success"


def test_idle_connection_does_not_block_the_tls_server(tls_sim):
    """A client that connects and sends nothing (a port probe) must not stall other clients."""
    port = int(tls_sim.url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=15):
        response = requests.post(
            tls_sim.url, data=CREDENTIALS, verify=tls_sim.verify, timeout=5
        )
        assert response.json()["result"] == "success"


def test_certificate_is_reused(tls_sim, start_sim):
    cert = (tls_sim.cert_dir / "cert.pem").read_bytes()
    second = start_sim("--tls", "--cert-dir", str(tls_sim.cert_dir))
    second.verify = tls_sim.verify
    assert second.call("zone_load_multi")["result"] == "success"
    assert (tls_sim.cert_dir / "cert.pem").read_bytes() == cert
    assert second.shutdown() == 0
