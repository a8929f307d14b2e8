# Headroom: `make run` runs the main example; `make test` installs test dependencies and
# runs every test. Both work on a fresh Debian machine with Swift.

SWIFT     ?= swift
# Debug builds in tests; one job at a time keeps a 2-core machine responsive.
JOBS      ?= 2
BIN_DIR    = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)
# Debian packages the tests need (libedit for the REPL from issue 3 on).
APT_DEPS  ?= libedit-dev

.PHONY: all build release run test deps fmt lint clean

all: build

build:
	$(SWIFT) build -j $(JOBS)

release:
	$(SWIFT) build -c release -j $(JOBS)

## run: build and run the main example, examples/anton.plan (no server needed).
run: release
	$(BIN_DIR)/headroom examples/anton.plan

## deps: install what the tests need, when missing (Debian/Ubuntu, as root or with sudo).
deps:
	@missing=""; for p in $(APT_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## test: install dependencies, build, and run every test (unit, golden, CLI).
test: deps
	$(SWIFT) build -j $(JOBS)
	$(SWIFT) test -j $(JOBS)

## fmt / lint: swift-format with .swift-format.
fmt:
	swift-format format --in-place --recursive Sources Tests

lint:
	swift-format lint --recursive Sources Tests

clean:
	rm -rf .build
