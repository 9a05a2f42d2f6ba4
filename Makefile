# GanStudio. On a fresh Debian 12 machine (as root, or as a user with sudo) these two are the setup:
#   make run    installs what is missing, builds, and starts the app on the embedded digits
#   make test   installs what is missing, builds, and runs every test
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD_DIR := build

# Debian 12 packages: toolchain, LibTorch (CPU), Qt 6, QCustomPlot, yaml-cpp, OpenBLAS (fast
# matrix products for LibTorch), libpng/zlib (images, IDX .gz), GoogleTest, Xvfb (screenshots),
# Fashion-MNIST (a second real data set), giflib (training GIFs), CLI11 (the CLI's command line),
# FFmpeg's libraries (videos; the ffmpeg package's ffprobe checks them in the tests).
PACKAGES := cmake ninja-build g++ pkg-config \
  libtorch-dev libgloo-dev libopenblas0-openmp libyaml-cpp-dev zlib1g-dev libpng-dev libgif-dev libjpeg-dev libminizip-dev libcli11-dev \
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev ffmpeg \
  qt6-base-dev qt6-l10n-tools qt6-translations-l10n libqcustomplot-dev libqcustomplot2.1-qt6 \
  googletest libgtest-dev xvfb xauth dataset-fashion-mnist

# For development checks (make lint, make fuzz): clang's tools (libFuzzer is in clang's runtime);
# clang-tidy 22 (Debian 12 ships it beside 14, for Chromium's builds): it no longer matches inside
# system headers, so a source that includes LibTorch takes 8 s instead of 25 s, and make lint about
# 6 min instead of 16; Chromium for scripts/screenshot-report.sh (a report opened in a headless
# browser). (scripts/quality-race.sh and scripts/bench-compare.sh also need python3-torch.)
CLANG_TIDY_VERSION ?= 22
DEV_PACKAGES := clang clang-tidy-$(CLANG_TIDY_VERSION) libclang-rt-14-dev time chromium

# WERROR=ON turns compiler warnings into errors (CI: make test WERROR=ON).
WERROR ?= OFF

.PHONY: run test deps dev-deps configure build headless sanitize fuzz lint clean

deps:
	@$(call install_missing,$(PACKAGES))

dev-deps:
	@$(call install_missing,$(DEV_PACKAGES))

define install_missing
	missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing missing packages:" $$missing; \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

configure: deps
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset default -DGANSTUDIO_WERROR=$(WERROR)
	@[ "$(WERROR)" = OFF ] || cmake --preset default -DGANSTUDIO_WERROR=$(WERROR) > /dev/null

build: configure
	cmake --build --preset default -j $(JOBS)

# Builds only the two programs it may start (the window, or the headless trainer without a
# display); the tests wait for `make test`.
run: configure
	cmake --build --preset default -j $(JOBS) --target ganstudio ganstudio-cli
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -x $(BUILD_DIR)/app/ganstudio ]; then \
	  exec $(BUILD_DIR)/app/ganstudio; \
	else \
	  echo "No display found: running a short headless training on the embedded digits instead."; \
	  $(BUILD_DIR)/app/ganstudio-cli train --set training.iterations=300 \
	    --set outputs.sample_every=100 --out runs/make-run-$$(date +%Y%m%d-%H%M%S); \
	fi

test: build
	ctest --preset default -j $(JOBS)

# The Qt-free build (model library, CLI, benchmark, their tests): what runs on GPU servers.
headless:
	cmake --preset headless
	cmake --build --preset headless -j $(JOBS)
	ctest --preset headless -j $(JOBS)

# The Qt-free part under AddressSanitizer + UndefinedBehaviorSanitizer (clang): the model and CLI
# tests. The same build holds the libFuzzer harnesses (make fuzz), so CI compiles it once.
sanitize: deps dev-deps
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

# The libFuzzer harnesses (tests/fuzz) of the asan build, each run FUZZ_SECONDS on its corpus.
FUZZ_SECONDS ?= 30
fuzz: deps dev-deps
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS) --target fuzz_harnesses
	scripts/fuzz.sh $(FUZZ_SECONDS)

# clang-tidy (.clang-tidy) over our sources. Its own configuration (build-lint/, configured only):
# clang cannot read GCC's precompiled headers.
LINT_SOURCES = $(shell git ls-files 'model/*.cpp' 'app/*.cpp' 'ui/*.cpp')
lint: deps dev-deps
	cmake --preset default -B build-lint -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON > /dev/null
	run-clang-tidy-$(CLANG_TIDY_VERSION) -quiet -clang-tidy-binary clang-tidy-$(CLANG_TIDY_VERSION) \
	  -p build-lint -j $(JOBS) $(LINT_SOURCES)

clean:
	rm -rf $(BUILD_DIR) build-headless build-debug build-asan build-lint
