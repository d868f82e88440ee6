# edgeops.cloudflare: `make demo` and `make test` (see README.md).
#
# One Python column per run: PYTHON=python3.11 gives ansible-core 2.19, a Python 3.12
# interpreter gives ansible-core 2.21 (pins in tests/requirements/py<X.Y>.txt). Each column gets
# its own virtual environment, .venv-<X.Y>. CORE=2.20 with Python 3.12 runs the sanity and units
# gates on ansible-core 2.20, the series between the two columns (.venv-3.12-core2.20, pins in
# tests/requirements/py3.12-core2.20.txt). ansible-test needs the collection under
# .../ansible_collections/edgeops/cloudflare/, so the gates run in a copy of the checkout
# made there (a symlink does not work).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
# The interpreter behind PYTHON, never a pyenv shim.
PY_EXE := $(shell $(PYTHON) -c 'import sys; print(sys.executable)' 2>/dev/null)
ifeq ($(PY_EXE),)
$(error "$(PYTHON)" does not run: set PYTHON to a working Python 3.11 or 3.12 interpreter)
endif
PYV := $(shell $(PY_EXE) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
CORE ?=
COLUMN := $(PYV)$(if $(CORE),-core$(CORE))
PINS := tests/requirements/py$(COLUMN).txt
IMPORTER_PINS := tests/requirements/importer-py$(PYV).txt
ifeq ($(wildcard $(PINS)),)
$(error no pinned tools for Python $(PYV)$(if $(CORE), with ansible-core $(CORE)) ($(PINS) is missing): use Python 3.11 or 3.12, and CORE=2.20 only with 3.12)
endif
PIP_VERSION := 26.3
# ansible-core series per Python column, used by `make lock`.
CORE_SPEC_3.11 := ansible-core>=2.19,<2.20
CORE_SPEC_3.12 := ansible-core>=2.21,<2.22

VENV := $(CURDIR)/.venv-$(COLUMN)
IMPORTER_VENV := $(CURDIR)/.venv-importer-$(PYV)
# Outside the checkout, so that no tool walking the checkout (or git) finds a second copy; one
# per make run (make's pid), so that runs in parallel do not clash. Ended runs' copies are
# removed by the next run's `stage`.
STAGES := $(or $(TMPDIR),/tmp)/edgeops-cloudflare-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
STAGE := $(STAGES)/py$(PYV)-$(shell echo $$PPID)
COLLECTION := $(STAGE)/ansible_collections/edgeops/cloudflare
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
# Built per run (columns may run in parallel); `make tarball` also copies it to dist/.
TARBALL := $(STAGE)/dist/edgeops-cloudflare-$(VERSION).tar.gz

export PATH := $(VENV)/bin:$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(STAGE)
# Ansible's home (ansible-lint and molecule put $ANSIBLE_HOME/collections first in the
# collection path) inside the run's copy: a collection left in ~/.ansible/collections must not
# shadow the one under test.
export ANSIBLE_HOME := $(STAGE)/ansible-home

GATES := changelog docs lint style sanity units simulator contract integration molecule awx commands build

.PHONY: help demo test bench $(GATES) stage tarball venv venv-bin lock clean distclean

help:
	@echo 'make demo         build and install the collection, run playbooks/demo.yml twice against the simulator'
	@echo 'make test         every gate below (what CI runs), for PYTHON=$(PYTHON) (Python $(PYV))'
	@echo '  changelog       antsibull-changelog lint'
	@echo '  docs            antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs'
	@echo '  lint            every module in the action group, then ansible-lint (production profile)'
	@echo '  style           ruff, black --check, mypy on plugins/, reuse lint'
	@echo '  sanity          ansible-test sanity, no ignore files'
	@echo '  units           ansible-test units (tests/unit)'
	@echo '  simulator       pytest tests/simulator (the simulator against its spec)'
	@echo '  contract        pytest tests/contract (the backends against the simulator, over loopback HTTP)'
	@echo '  awx             pytest tests/awx: the demo through ansible-runner with the AWX credential type; ansible-builder create of the EE'
	@echo '  integration     ansible-test integration (targets against the simulator)'
	@echo '  molecule        molecule test, each scenario of extensions/molecule'
	@echo '  commands        pytest tests/commands: every command block of README.md and the guides in docs/docsite/rst/, run as written'
	@echo '  build           ansible-galaxy collection build, then galaxy-importer on the tarball'
	@echo 'make tarball      only build dist/edgeops-cloudflare-$(VERSION).tar.gz'
	@echo 'make lock         re-pin tests/requirements/py$(PYV).txt and importer-py$(PYV).txt (with CORE=2.20: py$(PYV)-core2.20.txt)'
	@echo 'make bench        benchmarks/run.py: API calls and wall time, cf_dns_records vs a loop vs uri (about an hour)'
	@echo 'make clean        remove dist/ and the staged copies of ended runs; distclean also the .venv-*'

test: $(GATES)
	@echo 'make test: every gate passed (Python $(PYV), ansible-core $(shell $(VENV)/bin/python -c 'import ansible; print(ansible.__version__)' 2>/dev/null))'

demo: tarball
	$(VENV)/bin/python scripts/demo.py --tarball $(TARBALL) --simulator tests/simulator/cfsim.py

venv: $(VENV)/.installed

# The bin folder of this column's virtual environment, for `export PATH="$(make -s venv-bin):$PATH"`.
venv-bin: $(VENV)/.installed
	@echo $(VENV)/bin

$(VENV)/.installed: $(PINS)
	rm -rf $(VENV)
	$(PY_EXE) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q pip==$(PIP_VERSION)
	$(VENV)/bin/python -m pip install -q -r $(PINS)
	touch $@

$(IMPORTER_VENV)/.installed: $(IMPORTER_PINS)
	rm -rf $(IMPORTER_VENV)
	$(PY_EXE) -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/python -m pip install -q pip==$(PIP_VERSION)
	$(IMPORTER_VENV)/bin/python -m pip install -q -r $(IMPORTER_PINS)
	touch $@

# A fresh copy of the checkout for the gates; ansible-test also gets its pip bootstrap stand-in.
stage: $(VENV)/.installed
	$(PY_EXE) scripts/stage_collection.py $(STAGE) >/dev/null
	mkdir -p $(ANSIBLE_HOME)
	$(VENV)/bin/python scripts/ansible_test_pip_bootstrap.py

# $(call gate,COMMAND): run COMMAND in the staged collection, report its time, then stop (and
# fail on) any process it left running there.
gate = echo '== $@: $(subst ','"'"',$(1))'; started=$$SECONDS status=0; (cd $(COLLECTION) && $(1)) || status=$$?; \
	echo "== $@: $$((SECONDS - started)) s, exit $$status"; \
	$(VENV)/bin/python scripts/stop_strays.py $(COLLECTION); exit $$status

changelog: stage
	@$(call gate,antsibull-changelog lint && antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml)

docs: stage
	@$(call gate,antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs .)

lint: stage
	@$(call gate,$(VENV)/bin/python scripts/check_action_group.py . && ansible-lint)

# ruff and black over every Python file, mypy over plugins/, REUSE over the whole checkout.
# Caches go to the run's folder, outside the copy that sanity reads next.
style: stage
	@$(call gate,ruff check --no-cache . && black --check --quiet --config black.toml . \
	  && MYPYPATH=$(STAGE) mypy --config-file .mypy.ini --cache-dir $(STAGE)/mypy-cache \
	     --explicit-package-bases --namespace-packages -p ansible_collections.edgeops.cloudflare.plugins \
	  && REUSE_ENCODING_MODULE=charset_normalizer reuse lint --quiet)

sanity: stage
	@$(call gate,ansible-test sanity --python $(PYV) --color no)

units: stage
	@$(call gate,ansible-test units --python $(PYV) --color no)

simulator: stage
	@$(call gate,$(VENV)/bin/python -m pytest -p no:cacheprovider tests/simulator)

contract: stage
	@$(call gate,$(VENV)/bin/python -m pytest -p no:cacheprovider tests/contract)

integration: stage
	@$(call gate,ansible-test integration --python $(PYV) --color no --continue-on-error)

# API calls and wall time of cf_dns_records against a loop of cf_dns_record and a uri playbook on
# API v1, and of cf_dns_records on API v4 (benchmarks/README.md). Options go in BENCH_ARGS, e.g.
# BENCH_ARGS='--sizes 100,1000 --loop-max 100', or BENCH_ARGS='--apis v4' for the v4 rows alone.
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(VENV)/bin/python benchmarks/run.py --output benchmarks/results/bench-py$(PYV).md $(BENCH_ARGS)

awx: stage
	@$(call gate,$(VENV)/bin/python -m pytest -p no:cacheprovider tests/awx)

commands: stage
	@$(call gate,$(VENV)/bin/python -m pytest -p no:cacheprovider tests/commands)

# One scenario at a time, each with its own state folder in the staged copy: molecule's default
# (~/.ansible/tmp/molecule.<hash of the folder name>.<scenario>) is shared by every checkout.
molecule: stage
	@$(call gate,status=0; for config in extensions/molecule/*/molecule.yml; do \
	  scenario=$$(basename $$(dirname $$config)); \
	  MOLECULE_EPHEMERAL_DIRECTORY=$(STAGE)/molecule/$$scenario molecule test -s $$scenario || status=1; \
	done; exit $$status)

tarball: stage
	cd $(COLLECTION) && ansible-galaxy collection build --force --output-path $(dir $(TARBALL))
	mkdir -p dist
	cp $(TARBALL) dist/

build: tarball $(IMPORTER_VENV)/.installed
	@$(call gate,PATH=$(IMPORTER_VENV)/bin:$$PATH python -m galaxy_importer.main $(TARBALL))

# Re-pin the tools and galaxy-importer of this Python column from the *.in files. With CORE,
# pin only what the sanity and units gates need (core.in) on that ansible-core series, at the
# versions the column's own pins hold.
ifeq ($(CORE),)
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PY_EXE) -m venv $$tmp/tools && $(PY_EXE) -m venv $$tmp/importer && \
	$$tmp/tools/bin/python -m pip install -q pip==$(PIP_VERSION) && \
	$$tmp/tools/bin/python -m pip install -q '$(CORE_SPEC_$(PYV))' -r tests/requirements/tools.in && \
	$$tmp/importer/bin/python -m pip install -q pip==$(PIP_VERSION) && \
	$$tmp/importer/bin/python -m pip install -q -r tests/requirements/importer.in && \
	{ echo '# Pinned by `make lock PYTHON=python$(PYV)` from tools.in and $(CORE_SPEC_$(PYV)).'; \
	  $$tmp/tools/bin/python -m pip freeze; } > $(PINS) && \
	{ echo '# Pinned by `make lock PYTHON=python$(PYV)` from importer.in.'; \
	  $$tmp/importer/bin/python -m pip freeze; } > $(IMPORTER_PINS)
else
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PY_EXE) -m venv $$tmp/tools && \
	$$tmp/tools/bin/python -m pip install -q pip==$(PIP_VERSION) && \
	grep -v '^ansible-core==' tests/requirements/py$(PYV).txt > $$tmp/constraints.txt && \
	$$tmp/tools/bin/python -m pip install -q 'ansible-core==$(CORE).*' -r tests/requirements/core.in -c $$tmp/constraints.txt && \
	{ echo '# Pinned by `make lock PYTHON=python$(PYV) CORE=$(CORE)` from core.in and ansible-core $(CORE).'; \
	  $$tmp/tools/bin/python -m pip freeze; } > $(PINS)
endif

# Copies of runs still going (in another shell, say) are left alone.
clean:
	rm -rf dist
	$(PY_EXE) scripts/stage_collection.py --prune-only $(STAGE)

distclean: clean
	rm -rf .venv-*
