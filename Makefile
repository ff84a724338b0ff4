# Every target sets up what it needs on a fresh machine (Python 3.11 and network to PyPI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed-stamp
EVAL_DIR := build/eval

.PHONY: setup demo test eval lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: setup
	rm -f newstrace.db
	$(BIN)/newstrace ingest examples/reports/reports.jsonl --db newstrace.db
	$(BIN)/newstrace summary --db newstrace.db

test: setup
	$(BIN)/python -m pytest

eval: setup
	rm -rf $(EVAL_DIR) && mkdir -p $(EVAL_DIR)
	$(BIN)/newstrace ingest $(SHARED)/seeds/000_e24d5f9e5822f34f.txt --published 2025-03-07 --db $(EVAL_DIR)/seeds.db
	$(BIN)/newstrace ingest $(SHARED)/seeds/001_8eacbb188f3962ce.txt --published 2024-07-18 --db $(EVAL_DIR)/seeds.db
	$(BIN)/newstrace export --db $(EVAL_DIR)/seeds.db -o $(EVAL_DIR)/seeds.jsonl
	$(BIN)/python $(SHARED)/eval/score.py $(EVAL_DIR)/seeds.jsonl

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf build newstrace.db
