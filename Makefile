# Two commands do everything (see README): `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow test-browser lint bench clean

$(STAMP): pyproject.toml scripts/find-python.sh
	@PYBIN=$$(PYTHON="$(PYTHON)" ./scripts/find-python.sh) || exit 1; \
	 [ -x $(PY) ] || "$$PYBIN" -m venv $(VENV); \
	 echo "using $$($(PY) --version) in $(VENV)"
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[ui,test,ema,calibrate,city]'
	@# compile the model's kernels once, here, instead of in every process of the first run or test suite
	$(PY) scripts/warm_kernels.py || echo "warning: kernels not compiled ahead; the first run compiles them"
	@touch $(STAMP)

## Install and run the main job: a three-year run of the reference neighbourhood, files in out/demo.
demo: $(STAMP)
	$(VENV)/bin/wijksim run scenarios/reference.toml --seed 1 --out out/demo

## Install and run the default test suite (fast tests; statistical experiments are `make test-slow`).
## Two pytest-xdist workers (TEST_WORKERS=1 for one process); the tests of a module that share a
## module-scoped fixture stay on one worker (tests/conftest.py). Budget: 2 min on an idle 2-core machine.
## Python may keep compiled files here (in the ignored __pycache__ folders) even where the environment says not
## to: without them every run re-rewrites the tests' asserts and every command-line test recompiles wijksim
## (about 4 s of CPU per worker at collection alone).
TEST_WORKERS ?= 2
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -m "not slow and not browser" -q $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadgroup)

## Statistical experiments over many seeds (exit code 5 = none collected is fine)
test-slow: $(STAMP)
	$(PY) -m pytest -m "slow and not browser" -q || [ $$? -eq 5 ]

## Real headless-browser tests of the UI (Debian chromium)
test-browser: $(STAMP)
	$(PY) -m pytest -m "browser" -q || [ $$? -eq 5 ]

## Style (ruff) over the code, types (mypy, configured in pyproject.toml) over src/
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache
