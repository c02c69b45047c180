# Two commands do all the set-up: `make demo` (install, then analyse the seed article)
# and `make test` (install, then lint, type-check and run the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint pytest bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/newsbot analyse seeds/cartels.txt

lint: install
	$(BIN)/ruff check bot adapters newsbot tests
	$(BIN)/mypy bot adapters newsbot

pytest: install
	$(BIN)/pytest -q

test: lint pytest

bench: install
	$(BIN)/newsbot bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
