# Thin wrapper around CMake. `make run` and `make test` install whatever Debian packages are
# missing first (scripts/install-deps.sh), so they work on a fresh machine.

BUILD      ?= build
ASAN_BUILD ?= build-asan
DEB_BUILD  ?= build-deb
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps test-deps configure run test test-release test-asan test-make-run install format \
        format-check fuzz bench clean deb test-deb

all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@./scripts/install-deps.sh

test-deps:
	@./scripts/install-deps.sh --test

configure:
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) $(CMAKE_ARGS)

# Start the kiosk on the demo catalogue (the database is created and seeded on first run).
run: deps all
	$(BUILD)/ocop-kiosk $(RUN_ARGS)

# Every test, twice: a normal build, then an AddressSanitizer + UBSan build; each libFuzzer
# harness briefly (fuzz-smoke); then the Debian package (built once, then checked and installed into a throw-away Debian 12 root).
test: test-deps format-check test-release test-asan fuzz-smoke test-deb test-make-run

# A build folder first configured by `make run` on a machine without the test packages has no
# tests: configuring again with OCOP_TESTS_REQUIRED=ON adds them (or stops, saying what is missing).
test-release:
	cmake -S . -B $(BUILD) -DOCOP_TESTS=ON -DOCOP_TESTS_REQUIRED=ON $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DOCOP_SANITIZE=ON -DOCOP_TESTS=ON \
	    -DOCOP_TESTS_REQUIRED=ON $(CMAKE_ARGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --output-on-failure -j $(JOBS)

install: all
	cmake --install $(BUILD)

# The Debian package, ocop-kiosk_VERSION_ARCH.deb in $(DEB_BUILD)/ (debhelper; see debian/ and
# scripts/make-deb.sh). Install it with `sudo apt install ./$(DEB_BUILD)/ocop-kiosk_*.deb`.
deb: test-deps
	@./scripts/make-deb.sh $(DEB_BUILD)

# The package's metadata, contents, lintian and unit; then `apt install` of it into a throw-away
# Debian 12 root (debootstrap, cached in $(DEB_BUILD)/root-cache) and the installed program run.
# `make run` on a machine without the test packages (hidden from pkg-config), in a new build folder.
test-make-run:
	sh tests/pkg/test_make_run.sh

test-deb: deb
	sh tests/pkg/test_deb.sh $(DEB_BUILD)/ocop-kiosk_*_*.deb
	sh tests/pkg/test_install_root.sh $(DEB_BUILD)/ocop-kiosk_*_*.deb

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@if git grep -n -e '^<<<<<<< ' -e '^>>>>>>> ' -- . ':!Makefile' 2>/dev/null; then \
	    echo "format: merge conflict markers left in the files above"; exit 1; fi
	@if command -v clang-format >/dev/null; then \
	    clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h') && echo "format: ok"; \
	else echo "format: clang-format not installed, skipped"; fi

# libFuzzer harnesses for every parser of untrusted input (clang); FUZZ_SECONDS per harness.
# Each harness starts from its seeds in tests/fuzz/seeds/NAME and keeps what it finds in
# build-fuzz/corpus/NAME (the source tree is not written to). A finding stops the run and
# leaves crash-* in build-fuzz/. `make test` runs each for FUZZ_SMOKE_SECONDS (fuzz-smoke).
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 15
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

fuzz: test-deps
	@test -f build-fuzz/CMakeCache.txt || \
	    CC=clang cmake -S . -B build-fuzz -DOCOP_FUZZ=ON -DOCOP_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS) --target fuzzers
	@set -e; for src in tests/fuzz/fuzz_*.c; do \
	    name=$$(basename $$src .c); \
	    mkdir -p build-fuzz/corpus/$$name; \
	    seeds=../tests/fuzz/seeds/$$name; [ -d tests/fuzz/seeds/$$name ] || seeds=; \
	    echo "== $$name: $(FUZZ_SECONDS) s"; \
	    (cd build-fuzz && ./$$name -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 \
	        -print_final_stats=1 \
	        corpus/$$name $$seeds); \
	done

bench: all
	./$(BUILD)/ocop-kiosk bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DEB_BUILD) build-fuzz
