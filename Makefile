# Buurtplein: `make run` serves the demo site, `make test` runs every check.
# Both install what is missing first, and do nothing extra when it is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132
# The CLI must match the wasm-bindgen crate exactly; Cargo.lock is the source of truth.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help run test setup setup-test build lint unit e2e fmt bench soak

help:
	@echo "make run    build in release and serve the demo site on http://127.0.0.1:3000"
	@echo "make test   formatting, clippy (ssr and hydrate), cargo tests and browser tests"
	@echo "make bench  sizes, throughput, latency, start time and memory on a large generated database,"
	@echo "            and Lighthouse scores on the demo data"
	@echo "make soak   minutes of concurrent writes and reads, then a SIGKILL mid-load and a restart"

## Installing what is missing

setup:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
		|| rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@cargo leptos --version 2>/dev/null | grep -qx 'cargo-leptos $(CARGO_LEPTOS_VERSION)' \
		|| cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@wasm-opt --version 2>/dev/null | grep -q 'version $(BINARYEN_VERSION)\b' \
		|| npm install -g binaryen@$(BINARYEN_VERSION)
	@$(MAKE) --no-print-directory public/vendor/leaflet/leaflet.js

# Leaflet for the map pages, exactly as locked in package-lock.json, copied into public/ so
# cargo-leptos puts it in the site; nothing is fetched but the npm package.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

public/vendor/leaflet/leaflet.js: node_modules/.installed
	mkdir -p public/vendor/leaflet
	cp node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE public/vendor/leaflet/
	cp -r node_modules/leaflet/dist/images public/vendor/leaflet/
	cp node_modules/leaflet/dist/leaflet.js $@

setup-test: setup end2end/node_modules/.installed
	@command -v chromium >/dev/null \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }

# Playwright and axe-core exactly as locked; the browser is Debian's, never a download.
end2end/node_modules/.installed: end2end/package-lock.json
	cd end2end && npm ci --no-audit --no-fund
	touch $@

## Building and running

build: setup
	cargo leptos build --release --precompress

run: setup
	cargo leptos serve --release --precompress

## Checks

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy -p app -p server --all-targets --locked -- -D warnings
	cargo clippy -p app -p frontend --target wasm32-unknown-unknown --locked -- -D warnings

unit:
	cargo test -p app -p server --locked

e2e: setup-test build
	cd end2end && npx playwright test

test: setup-test
	$(MAKE) lint
	$(MAKE) unit
	$(MAKE) e2e

## Benchmarks: figures, never pass or fail

BENCH_DB ?= target/bench/large.db

$(BENCH_DB):
	mkdir -p $(dir $(BENCH_DB))
	cargo build --release -p server
	BUURTPLEIN_DB=$(BENCH_DB) target/release/server generate 1

# Lighthouse as locked, run on Debian's chromium.
bench/node_modules/.installed: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

bench: build $(BENCH_DB) bench/node_modules/.installed
	@command -v wrk >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends wrk; }
	@command -v chromium >/dev/null && command -v jq >/dev/null \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium jq; }
	BENCH_DB=$(abspath $(BENCH_DB)) cargo bench -p app --features ssr --bench store -- --noplot
	BENCH_DB=$(abspath $(BENCH_DB)) cargo bench -p server --bench site
	bench/lighthouse.sh

## Load and durability: passes or fails, in a few minutes (SOAK_SECONDS per run, default 60)

soak: setup
	cargo test --release -p server --test soak
