# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Put a stand-in for get-pip.py where ansible-test looks before it downloads the real one.

ansible-test bootstraps pip into every virtual environment it makes by downloading
get-pip-<version>.py from a host these machines cannot reach. It first looks for
~/.ansible/test/cache/get_pip_<version>.py; the stand-in written there installs the same pip
version from the package index instead. Existing files are left alone.
"""

from __future__ import annotations

import os
import pathlib
import re
import sys

import ansible_test

STAND_IN = '''\
"""Stand-in for get-pip.py: ensurepip, then install the pip version ansible-test asks for."""
import subprocess
import sys

ARGS = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + ARGS)
'''


def pip_versions() -> set[str]:
    """Return the pip versions the installed ansible-test bootstraps."""
    source = (
        pathlib.Path(ansible_test.__file__).parent
        / "_internal"
        / "python_requirements.py"
    )
    versions = set(re.findall(r"\bpip='([0-9.]+)'", source.read_text(encoding="utf-8")))
    if not versions:
        raise SystemExit(
            f"cannot find the pip version ansible-test bootstraps in {source}"
        )
    return versions


def main() -> int:
    cache = pathlib.Path(os.path.expanduser("~/.ansible/test/cache"))
    cache.mkdir(parents=True, exist_ok=True)
    for version in sorted(pip_versions()):
        path = cache / f"get_pip_{version.replace('.', '_')}.py"
        if not path.exists():
            path.write_text(STAND_IN, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
