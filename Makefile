# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/lagebild: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: $(BIN)/lagebild
	$(BIN)/lagebild demo

test: $(BIN)/lagebild
	$(BIN)/ruff check lagebild tests bench
	$(BIN)/ruff format --check lagebild tests bench
	$(BIN)/pytest -q

bench: $(BIN)/lagebild
	$(BIN)/python bench/sentences.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/clustering.py
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/check.py --semantic
	$(BIN)/python bench/brief.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) *.egg-info lagebild-demo.db* lagebild-demo.html test-output
