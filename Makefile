# Every target sets up what it needs on a fresh machine (Python 3.11 and network to PyPI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed-stamp
EVAL_DIR := build/eval

.PHONY: setup system-packages demo test eval eval-polnear cv-polnear bench-events train-attribution lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@pkg-config --exists icu-i18n 2>/dev/null || { echo "PyICU builds against the system ICU:" \
		"install pkg-config and ICU's headers (Debian: apt-get install pkg-config libicu-dev)" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# System packages the tests need (ICU's headers, PostgreSQL, chromium), installed when missing.
system-packages:
	tools/system_packages.sh

demo: setup
	rm -f newstrace.db newstrace.db-wal newstrace.db-shm
	$(BIN)/newstrace ingest examples/reports/reports.jsonl --db newstrace.db
	$(BIN)/newstrace summary --db newstrace.db
	$(BIN)/newstrace quotes --db newstrace.db --limit 8
	$(BIN)/newstrace timeline --db newstrace.db --limit 8

test: system-packages setup
	$(BIN)/python -m pytest

eval: setup
	rm -rf $(EVAL_DIR) && mkdir -p $(EVAL_DIR)
	$(BIN)/newstrace ingest $(SHARED)/seeds/000_e24d5f9e5822f34f.txt --published 2025-03-07 --db $(EVAL_DIR)/seeds.db
	$(BIN)/newstrace ingest $(SHARED)/seeds/001_8eacbb188f3962ce.txt --published 2024-07-18 --db $(EVAL_DIR)/seeds.db
	$(BIN)/newstrace export --db $(EVAL_DIR)/seeds.db -o $(EVAL_DIR)/seeds.jsonl
	$(BIN)/python $(SHARED)/eval/score.py $(EVAL_DIR)/seeds.jsonl
	@echo "events on our held-out reports (tests/data/events/heldout.jsonl):"
	$(BIN)/python bench/eval_events.py tests/data/events/heldout.jsonl

# PolNeAR attribution figures on the dev split (never the test split), and for scale how well
# PolNeAR's own annotators agree on the train articles several of them annotated:
#   make eval-polnear POLNEAR=path/to/PolNeAR/.git
eval-polnear: setup
	@test -n "$(POLNEAR)" || { echo "usage: make eval-polnear POLNEAR=path/to/PolNeAR/.git" >&2; exit 2; }
	mkdir -p build/polnear
	$(BIN)/python $(SHARED)/eval/polnear/convert.py $(POLNEAR) --split dev --out build/polnear/dev.jsonl
	@echo "rules alone:"
	$(BIN)/python bench/polnear.py build/polnear/dev.jsonl --rules-only --out build/polnear/rules.jsonl
	$(BIN)/python $(SHARED)/eval/polnear/score.py build/polnear/dev.jsonl build/polnear/rules.jsonl
	@echo "rules with the shipped attribution model:"
	$(BIN)/python bench/polnear.py build/polnear/dev.jsonl --out build/polnear/pred.jsonl
	$(BIN)/python $(SHARED)/eval/polnear/score.py build/polnear/dev.jsonl build/polnear/pred.jsonl
	@echo "the annotators against each other (the 16 train articles several annotated):"
	$(BIN)/python $(SHARED)/eval/polnear/convert.py $(POLNEAR) --split train --annotator-policy all \
		--out build/polnear/train_all.jsonl
	$(BIN)/python bench/polnear_agreement.py build/polnear/train_all.jsonl \
		--gold build/polnear/agreement_gold.jsonl --pred build/polnear/agreement_pred.jsonl
	$(BIN)/python $(SHARED)/eval/polnear/score.py build/polnear/agreement_gold.jsonl \
		build/polnear/agreement_pred.jsonl

# Do the attribution rules and model hold on articles they were not tuned on? 5-fold
# cross-validation by article over PolNeAR train and dev together (never the test split): the
# model trained on four folds, the fifth scored, rules alone beside it. Parses and features are
# cached under CV_CACHE, so a rerun after a rule change skips the parsing; CV_BASELINE (an
# earlier run's build/polnear/cv.json, copied aside) prints each fold's change; CV_MODELS (the
# "fold models" folder an earlier run printed) scores with those models instead of retraining.
#   make cv-polnear POLNEAR=path/to/PolNeAR/.git [CV_BASELINE=old_cv.json] [CV_MODELS=folder]
CV_CACHE ?= build/polnear/cv_cache
cv-polnear: setup
	@test -n "$(POLNEAR)" || { echo "usage: make cv-polnear POLNEAR=path/to/PolNeAR/.git" >&2; exit 2; }
	mkdir -p build/polnear
	$(BIN)/python $(SHARED)/eval/polnear/convert.py $(POLNEAR) --split train --out build/polnear/train.jsonl
	$(BIN)/python $(SHARED)/eval/polnear/convert.py $(POLNEAR) --split dev --out build/polnear/dev.jsonl
	$(BIN)/python bench/polnear_cv.py build/polnear/train.jsonl build/polnear/dev.jsonl \
		--cache $(CV_CACHE) --scorer $(SHARED)/eval/polnear/score.py --json build/polnear/cv.json \
		$(if $(CV_BASELINE),--baseline $(CV_BASELINE)) $(if $(CV_MODELS),--models-from $(CV_MODELS))

# Does newstrace find the main event of real reports? The Giveme5W1H gold standard (96 news
# articles, each main event annotated as who, what, when ...; kept outside the repository):
#   make bench-events GIVEME5W1H=path/to/Giveme5W1H/examples/datasets/gold_standard
bench-events: setup
	@test -n "$(GIVEME5W1H)" || { echo "usage: make bench-events GIVEME5W1H=path/to/gold_standard" >&2; exit 2; }
	$(BIN)/python bench/giveme5w1h.py $(GIVEME5W1H)

# Events and quotes of real reports judged by hand, one by one (bench/data/judged_*.jsonl hold
# ids, offsets and verdicts; the texts stay outside the repository and
# bench/data/judged_corpora.json names the commits they come from). Lists what changed since:
#   make bench-judged GIVEME5W1H=path/to/gold_standard POLNEAR_DEV=path/to/polnear_dev.jsonl \
#       BBC=path/to/bbc BBC_FULL=path/to/full/bbc
.PHONY: bench-judged
bench-judged: setup
	@test -n "$(GIVEME5W1H)" -a -n "$(POLNEAR_DEV)" || { echo "usage: make bench-judged GIVEME5W1H=path/to/gold_standard POLNEAR_DEV=path/to/dev.jsonl" >&2; exit 2; }
	$(BIN)/python bench/judged.py --giveme5w1h $(GIVEME5W1H) --polnear-dev $(POLNEAR_DEV) \
		$(if $(BBC),--bbc $(BBC)) $(if $(BBC_FULL),--bbc-full $(BBC_FULL)) -v

# Wire copy: near-duplicate pairs linked (precision, recall) among BBC News stories, the
# corpus's own duplicates and republications generated from its stories, and the stage's time
# at DOCUMENTS documents (the rest made of sentences recombined across stories). The corpus
# stays outside the repository:
#   make bench-wirecopy BBC=path/to/bbc [DOCUMENTS=100000]
DOCUMENTS ?= 10000
.PHONY: bench-wirecopy
bench-wirecopy: setup
	@test -n "$(BBC)" || { echo "usage: make bench-wirecopy BBC=path/to/bbc [DOCUMENTS=100000]" >&2; exit 2; }
	$(BIN)/python bench/wirecopy.py $(BBC) --documents $(DOCUMENTS)

# Is the shipped treaty membership what the rebuild tool makes of the saved sources (kept
# outside the repository; see docs/gazetteer.md)?
#   make check-treaty-data UNTC=path/to/untc/html IEADB=path/to/all-csv-files.zip
.PHONY: check-treaty-data
check-treaty-data: setup
	@test -n "$(UNTC)" -a -n "$(IEADB)" || { echo "usage: make check-treaty-data UNTC=dir IEADB=zip" >&2; exit 2; }
	$(BIN)/python tools/build_treaty_membership.py --untc $(UNTC) --ieadb $(IEADB) --check

# Retrain the shipped attribution model on the PolNeAR train split (about 4 minutes):
#   make train-attribution POLNEAR=path/to/PolNeAR/.git
train-attribution: setup
	@test -n "$(POLNEAR)" || { echo "usage: make train-attribution POLNEAR=path/to/PolNeAR/.git" >&2; exit 2; }
	mkdir -p build/polnear
	$(BIN)/python $(SHARED)/eval/polnear/convert.py $(POLNEAR) --split train --out build/polnear/train.jsonl
	rm -f build/polnear/attribution.candidates.npz
	$(BIN)/python tools/train_attribution.py build/polnear/train.jsonl \
		--cache build/polnear/attribution.candidates.npz --out src/newstrace/data/models/attribution.npz

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy

# Throughput per stage (on BENCH_CORPUS, a JSONL file with "text" per line, if given; the
# PolNeAR converter's output serves), cross-document entity linking at 10,000 documents, the
# CLI views and the HTTP API over synthetic stores.
bench: setup bench-views bench-api
	$(BIN)/python bench/throughput.py $(BENCH_CORPUS)
	$(BIN)/python bench/readers.py
	$(BIN)/python bench/crossdoc.py --documents 10000

# The time of each CLI view over synthetic stores of VIEW_DOCUMENTS documents (rows inserted,
# no NLP; made once under build/bench): does it grow no faster than its answer? 1,000 and
# 10,000 unless told; the README's figures add 100,000 (its store takes some minutes to make):
#   make bench-views VIEW_DOCUMENTS=1000,10000,100000
VIEW_DOCUMENTS ?= 1000,10000
.PHONY: bench-views
bench-views: setup
	$(BIN)/python bench/views.py --documents $(VIEW_DOCUMENTS)

# API latency (median, p99) with API_CLIENTS concurrent clients (one load each) on loopback
# against a synthetic store of API_DOCUMENTS documents served by uvicorn in API_WORKERS
# processes, and the server's memory. One process unless told: the README's figures are of
# `serve --workers 2`, `make bench-api API_WORKERS=2` (there with 15-second loads).
API_DOCUMENTS ?= 10000
API_CLIENTS ?= 1,8
API_WORKERS ?= 1
.PHONY: bench-api
bench-api: setup
	$(BIN)/python bench/api.py --documents $(API_DOCUMENTS) --clients $(API_CLIENTS) \
	    --workers $(API_WORKERS)

# Main text of web pages: our HTML reader against trafilatura's defaults, word-level F1 on
# scrapinghub's article-extraction-benchmark (kept outside the repository):
#   make bench-html AEB=path/to/article-extraction-benchmark
.PHONY: bench-html
bench-html: setup
	@test -n "$(AEB)" || { echo "usage: make bench-html AEB=path/to/article-extraction-benchmark" >&2; exit 2; }
	$(BIN)/python bench/html_extraction.py $(AEB)

# newstrace against spaCy's parse alone with 1 and 2 processes, on real reports kept outside the
# repository (any inputs ingest reads; the BBC News collection's folder, say); ENGINES of ingest,
# dask (newstrace batch on a local Dask cluster), local (newstrace batch without Dask):
#   make bench-scaling CORPUS=path/to/bbc [SCALING_DOCUMENTS=2000] [WORKERS=1,2] [ENGINES=ingest,dask]
#                      [RUNS=ingest:1,ingest:2,dask:2]   (only those; floors kept in build/bench/floors)
# The cost of adding 1,000 real documents to stores of SIZES documents (made once under
# build/bench/cost: real ones and synthetic ones), in processor time a document:
#   make bench-cost CORPUS=path/to/bbc [SIZES=1000,10000,100000]
SCALING_DOCUMENTS ?= 2000
WORKERS ?= 1,2
ENGINES ?= ingest,dask
RUNS ?=
SIZES ?= 1000,10000,100000
.PHONY: bench-scaling bench-cost
bench-scaling: setup
	@test -n "$(CORPUS)" || { echo "usage: make bench-scaling CORPUS=path/to/reports" >&2; exit 2; }
	$(BIN)/python bench/scaling.py $(CORPUS) --documents $(SCALING_DOCUMENTS) --workers $(WORKERS) \
		--engines $(ENGINES) $(if $(RUNS),--runs $(RUNS))
bench-cost: setup
	@test -n "$(CORPUS)" || { echo "usage: make bench-cost CORPUS=path/to/reports" >&2; exit 2; }
	$(BIN)/python bench/scaling.py $(CORPUS) --sizes $(SIZES)

# Each stage's processor time a document over STAGE_DOCUMENTS documents of CORPUS (anything
# ingest reads), the spaCy parse done once and left out, least of STAGE_REPEAT repeats:
#   make bench-stages CORPUS=path/to/reports.jsonl [STAGE_DOCUMENTS=300] [STAGE_REPEAT=3]
STAGE_DOCUMENTS ?= 300
STAGE_REPEAT ?= 3
.PHONY: bench-stages
bench-stages: setup
	@test -n "$(CORPUS)" || { echo "usage: make bench-stages CORPUS=path/to/reports" >&2; exit 2; }
	$(BIN)/python bench/stages.py $(CORPUS) --documents $(STAGE_DOCUMENTS) --repeat $(STAGE_REPEAT)

# The writer's processor time a document, by part, storing analyses made beforehand
# (bench/writer.py; WRITER_ANALYSES=FILE keeps the analyses for the next run):
#   make bench-writer CORPUS=path/to/reports [WRITER_DOCUMENTS=300] [WRITER_ANALYSES=FILE]
WRITER_DOCUMENTS ?= 300
.PHONY: bench-writer
bench-writer: setup
	@test -n "$(CORPUS)" || { echo "usage: make bench-writer CORPUS=path/to/reports" >&2; exit 2; }
	$(BIN)/python bench/writer.py $(CORPUS) --documents $(WRITER_DOCUMENTS) \
		$(if $(WRITER_ANALYSES),--analyses $(WRITER_ANALYSES))

# Fuzz the cleaning, date, attribution and event stages, and the HTTP API from its OpenAPI
# document, with many more examples than `make test` runs (tests/test_fuzz.py,
# tests/test_api_fuzz.py; NEWSTRACE_FUZZ picks the profile).
.PHONY: fuzz
fuzz: setup
	NEWSTRACE_FUZZ=deep $(BIN)/python -m pytest tests/test_fuzz.py tests/test_api_fuzz.py \
		--hypothesis-show-statistics

# Ingests killed at random moments and run again, and two ingests into one database at once:
# every document stored exactly once (TRIALS kill-and-resume trials, default 10). SQLite unless
# DB=postgresql (a throwaway server) or DB=postgresql://user:password@host/database. The same
# for newstrace batch on Dask with 2 workers: make bench-crash-batch [TRIALS=10]
TRIALS ?= 10
.PHONY: bench-crash bench-crash-batch
bench-crash: setup
	$(BIN)/python bench/crash_resume.py --trials $(TRIALS) $(if $(DB),--db $(DB))
bench-crash-batch: setup
	$(BIN)/python bench/crash_resume.py --batch dask --workers 2 --trials $(TRIALS) --documents 60

clean:
	rm -rf build newstrace.db newstrace.db-wal newstrace.db-shm
