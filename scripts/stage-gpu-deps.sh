#!/usr/bin/env bash
# Stage the Debian-built libraries the Qt-free build needs besides LibTorch (yaml-cpp, libpng,
# giflib, zlib, libjpeg, minizip, CLI11, Gloo's headers, GoogleTest) into DIR (default .gpu-deps),
# for a GPU machine that reaches no package registry. It extends ../shared/device/stage-deps.sh, which stages yaml-cpp only.
# Then: echo /.gpu-deps/ >> .git/info/exclude, and name .gpu-deps in the device run's carry.
set -euo pipefail
dir=${1:-.gpu-deps}
mkdir -p "$dir"
for pkg in libyaml-cpp-dev libyaml-cpp0.7 libpng-dev libpng16-16 libgif-dev libgif7 \
           zlib1g-dev zlib1g libjpeg62-turbo-dev libjpeg62-turbo libminizip-dev libminizip1 \
           libcli11-dev libgloo-dev libgtest-dev googletest; do
  dpkg -L "$pkg" | while read -r f; do
    [ -f "$f" ] || [ -L "$f" ] || continue
    case "$f" in /usr/share/doc/*|/usr/share/man/*) continue ;; esac
    mkdir -p "$dir$(dirname "$f")"
    cp -a "$f" "$dir$f"
  done
done
# libgtest-dev ships sources and static libraries under /usr/lib; that is all the tests need.
echo "staged under $dir/usr (use \$PWD/$dir/usr in CMAKE_PREFIX_PATH)"
