# GanStudio. On a fresh Debian 12 machine (as root, or as a user with sudo) these two are the setup:
#   make run    installs what is missing, builds, and starts the app on the embedded digits
#   make test   installs what is missing, builds, and runs every test
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD_DIR := build

# Debian 12 packages: toolchain, LibTorch (CPU), Qt 6, QCustomPlot, yaml-cpp, OpenBLAS (fast
# matrix products for LibTorch), libpng/zlib (images, IDX .gz), GoogleTest, Xvfb (screenshots),
# Fashion-MNIST (a second real data set), giflib (training GIFs), CLI11 (the CLI's command line).
PACKAGES := cmake ninja-build g++ pkg-config \
  libtorch-dev libopenblas0-openmp libyaml-cpp-dev zlib1g-dev libpng-dev libgif-dev libcli11-dev \
  qt6-base-dev libqcustomplot-dev libqcustomplot2.1-qt6 \
  googletest libgtest-dev xvfb xauth dataset-fashion-mnist

.PHONY: run test deps build headless clean

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing missing packages:" $$missing; \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset default
	cmake --build --preset default -j $(JOBS)

run: build
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

clean:
	rm -rf $(BUILD_DIR) build-headless build-debug
