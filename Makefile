# tdkt — the two commands a newcomer needs (as root, on a fresh Debian 12):
#   make reports   builds tdkt and runs the main job on data/ into reports/
#   make test      installs the test tools and runs every test
SHELL := /bin/bash
.DEFAULT_GOAL := reports

SWIFT      ?= swift
VENV       := .venv
PYTHON     := $(VENV)/bin/python
# Independent readers used by the conformance tests (pinned).
PY_READERS := openpyxl==3.1.5 python-calamine==0.9.1 python-docx==1.2.0 odfpy==1.4.1 lxml==6.1.3
APT_BUILD  := libzip-dev zlib1g-dev pkg-config
APT_PDF    := libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation fonts-liberation2
APT_TEST   := libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils fonts-liberation fonts-liberation2 \
              jing unzip python3-venv
DATA       ?= data
# The release tool links the Swift runtime and Foundation statically: it starts in 7 ms instead
# of 11 (no dynamic loading of ICU and Foundation) and runs the W3 fill about 20 % faster (direct
# calls into the runtime); the binary also runs on a machine without Swift.
RELEASE    := $(SWIFT) build -c release --static-swift-stdlib
OUT        ?= reports

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt: cài$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: reports test deps-build deps-pdf deps-test venv build bench bench-full clean

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-pdf:
	$(call apt_install,$(APT_PDF))

deps-test: deps-build
	$(call apt_install,$(APT_TEST))

$(PYTHON):
	/usr/bin/python3 -m venv $(VENV)

$(VENV)/.readers-installed: | $(PYTHON)
	$(PYTHON) -m pip install -q --disable-pip-version-check $(PY_READERS)
	touch $@

venv: $(VENV)/.readers-installed

build: deps-build
	$(RELEASE) --product tdkt

# The main job: every plan, programme and year-end result in data/ written as DOCX, ODT, XLSX,
# ODS and PDF with reports/index.html (tdkt build), and every loose CSV export checked and turned
# into XLSX and ODS tables.
reports: build deps-pdf
	@mkdir -p $(OUT)
	.build/release/tdkt build --data $(DATA) --out $(OUT) --pdf
	@set -e; for f in $(DATA)/*.csv; do \
	  [ -e "$$f" ] || continue; \
	  n=$$(basename "$$f" .csv); \
	  .build/release/tdkt csv "$$f" > "$(OUT)/$$n.kiem-tra.txt"; \
	  .build/release/tdkt sheet "$$f" -o "$(OUT)/$$n.xlsx" --title "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"; \
	  .build/release/tdkt sheet "$$f" -o "$(OUT)/$$n.ods" --title "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"; \
	done
	@echo "Dữ liệu: $(DATA)/ — kết quả: $(OUT)/ (mở $(OUT)/index.html)"

test: deps-test venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks: tdkt next to its peers on the same input (bench/run.py: ingest, W1–W3; bench/w4.py:
# template filling against docxtpl and docx-mailmerge; bench/build.py: tdkt build with and without
# PDF against LibreOffice alone, and a 100,000-award province; results in bench/out/).
bench: deps-build
	bash bench/setup.sh
	$(RELEASE) --product tdkt
	$(RELEASE) --product TdktBench
	.build/release/TdktBench xml --rows 100000 --runs 5 --levels
	/usr/bin/python3 bench/run.py
	/usr/bin/python3 bench/w4.py
	$(MAKE) deps-pdf
	/usr/bin/python3 bench/build.py --large 100000

# The same at 1,000,000 rows (long: slow peers are measured fewer times, see --budget).
bench-full: deps-build
	bash bench/setup.sh
	$(RELEASE) --product tdkt
	$(RELEASE) --product TdktBench
	/usr/bin/python3 bench/run.py --rows 1000000 --runs 3

clean:
	rm -rf .build $(VENV)
