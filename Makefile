# powerwall-kit: every target works on a fresh clone; `make install` runs first where needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install venv system-deps test test-faults test-ha test-fast lint format codegen codegen-check verify bench soak breaks demo clean

install: $(STAMP) system-deps

## The Python environment only (what `make demo` needs).
venv: $(STAMP)

## mosquitto, for the tests' private brokers (Debian's package; needs root or sudo).
## `make demo` does not need it: without mosquitto it runs the embedded amqtt broker.
system-deps:
	@command -v mosquitto >/dev/null 2>&1 || test -x /usr/sbin/mosquitto || { \
	  echo "Installing mosquitto (the tests start private brokers)…"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq mosquitto mosquitto-clients >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo apt-get install -y -qq mosquitto mosquitto-clients >/dev/null; \
	  else echo "The tests need mosquitto: run 'sudo apt-get install mosquitto mosquitto-clients' (or as root)," \
	    "then 'make test' again. ('make demo' works without it.)" >&2; exit 1; fi; }

# Reinstall when the dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# An editable install of a mapped layout always prints setuptools' note on folders named like packages.
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Every test but the fault suite (slow end-to-end tests included); CI also runs `make test-faults`.
## On PYTEST_WORKERS workers (pytest-xdist): the end-to-end tests mostly wait on their processes, so two
## workers on a 2-core machine halve the time; tests/conftest.py keeps a file's shared world on one worker.
## PYTEST_WORKERS=0 runs them in this process, one after another.
PYTEST_WORKERS ?= 2
XDIST = $(if $(filter 0,$(PYTEST_WORKERS)),-p no:xdist,-n $(PYTEST_WORKERS) --dist loadfile)
test: install
	$(BIN)/pytest $(XDIST)

## The fault suite: faults injected through the simulator and by stopping the broker.
test-faults: install
	PWKIT_FAULT_SUMMARY=1 $(BIN)/pytest -m faults tests/faults

## Break experiments: each patch of tests/bench/breaks/ applied to a temporary copy, its tests run against it
## (about 25 minutes); the table goes to BENCHMARKS.md. One patch: python -m tests.bench.breaks NAME.
breaks: install
	$(BIN)/python -m tests.bench.breaks

## Against a real Home Assistant (pinned in tests/ha/requirements.txt), run from a Debian trixie root
## cached in $(HA_CACHE): the first run builds it (a few minutes, needs root), later runs start in seconds.
HA_CACHE ?= /var/cache/pwkit-ha
test-ha: install
	bash tests/ha/build-root.sh $(HA_CACHE) >/dev/null
	PWKIT_HA_CACHE=$(HA_CACHE) $(BIN)/pytest -m ha tests/ha

## Only the fast unit tests.
test-fast: install
	$(BIN)/pytest $(XDIST) -m 'not slow'

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@mkdir -p build/mypy/pwkit
	@for d in bridge cli client codegen simulator; do ln -sfn ../../../$$d build/mypy/pwkit/$$d; done
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Regenerate generated/ from spec/ (commit both).
codegen: install
	$(BIN)/pwkit codegen

codegen-check: install
	$(BIN)/pwkit codegen --check

## Check the repository's recordings against the spec.
verify: install
	$(BIN)/pwkit verify spec/recordings

## Measure: print a table and write BENCHMARKS.md (about 30 minutes, the peer side by side 5 of them).
## A step that fails says so in its row, and the target fails.
bench: install
	$(BIN)/python -m tests.bench
	@# Side by side with the peer (pypowerwall-server from PyPI, installed once into build/peer-venv): 5 minutes.
	$(BIN)/python -m tests.bench.peer_bench

## The memory soak: one bridge, 10 gateways, a simulated week (PWKIT_SOAK_DAYS) then 30 real minutes
## (PWKIT_SOAK_MINUTES); writes its BENCHMARKS.md section. The rule's break experiment: python -m tests.bench.breaks.figures
soak: install
	$(BIN)/python -m tests.bench.soak

## Simulator, broker and bridge together (Ctrl-C stops); no root needed: amqtt when mosquitto is missing.
demo: venv
	$(BIN)/pwkit demo

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
