# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the module tests: modules run main() in-process and build their own client."""

from __future__ import annotations

import functools

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _backend
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)


@pytest.fixture(autouse=True)
def no_real_sleep(monkeypatch, clock):
    """Give the module's client the fake clock, so retries take no time, and no credentials from the environment."""
    monkeypatch.setattr(
        _backend,
        "V1Client",
        functools.partial(V1Client, sleep=clock.sleep, clock=clock),
    )
    for name in (
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_API_URL",
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_API_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)
