#!/usr/bin/env bash
# Builds the Debian package, checks it (file name, lintian, AppStream, desktop entry, man pages),
# installs it with apt into a clean Debian 12 chroot (debootstrap) and runs both programs there:
# ganstudio-cli trains a few iterations, ganstudio starts offscreen, trains and quits. Prints a
# table of checks. Needs root and the network (Debian's mirror); not run by CI (minutes).
#
#   scripts/package-check.sh [--keep-chroot]
#
# Environment: BUILD_DIR (build-package), CHROOT (/var/tmp/ganstudio-chroot, reused when it
# exists), MIRROR (http://deb.debian.org/debian).
set -uo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "package-check: needs root (debootstrap, chroot)" >&2; exit 1; }
build=${BUILD_DIR:-build-package}
root=${CHROOT:-/var/tmp/ganstudio-chroot}
mirror=${MIRROR:-http://deb.debian.org/debian}
keep=0; [ "${1:-}" = --keep-chroot ] && keep=1
logs=$build/package-check; mkdir -p "$logs"
declare -a names results
check() {  # name command...: runs it, logs it, records pass or fail
  local name=$1; shift
  local log; log="$logs/$(echo "$name" | tr -c "A-Za-z0-9\n" - | tr -s -).log"
  if "$@" > "$log" 2>&1; then results+=(pass); else results+=("FAIL (see $log)"); fi
  names+=("$name")
  echo "${results[-1]}: $name"
}
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' ||
         DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$1" > /dev/null; }
for p in debootstrap lintian appstream desktop-file-utils; do need $p; done

build_package() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr &&
    cmake --build "$build" -j "$(nproc)" &&
    (cd "$build" && rm -f ganstudio_*.deb && cpack -G DEB)
}
check "build the package" build_package
deb=$(ls "$build"/ganstudio_*_amd64.deb 2>/dev/null | head -1)
check "Debian file name" bash -c "[[ \$(basename '$deb') =~ ^ganstudio_[0-9.]+_amd64\.deb$ ]]"
check "Recommends" bash -c "dpkg-deb -f '$deb' Recommends | grep -q libopenblas0-openmp && dpkg-deb -f '$deb' Recommends | grep -q dataset-fashion-mnist"
check "no placeholder homepage" bash -c "! dpkg-deb -f '$deb' Homepage | grep -qi example"
lintian_run() {
  # Tags we keep are explained in docs/PACKAGING.md; any other error or warning fails.
  lintian --tag-display-limit 0 "$deb" > "$logs/lintian.txt" 2>&1
  cat "$logs/lintian.txt"
  local unexplained
  unexplained=$(grep -E '^[EW]: ' "$logs/lintian.txt" |
    grep -vE ': (malformed-contact|syntax-error-in-debian-changelog)( |$)')
  [ -z "$unexplained" ] || { echo "unexplained: $unexplained"; return 1; }
}
check "lintian (E and W tags explained)" lintian_run
extract=$build/package-contents; rm -rf "$extract"; dpkg-deb -x "$deb" "$extract"
check "appstreamcli validate" appstreamcli validate --no-net "$extract"/usr/share/metainfo/org.ganstudio.GanStudio.metainfo.xml
check "desktop-file-validate" desktop-file-validate "$extract"/usr/share/applications/org.ganstudio.GanStudio.desktop
check "man pages" bash -c "zcat '$extract'/usr/share/man/man1/ganstudio.1.gz | grep -q '^.TH GANSTUDIO' && zcat '$extract'/usr/share/man/man1/ganstudio-cli.1.gz | grep -q '^.TH GANSTUDIO-CLI'"

make_chroot() {
  [ -x "$root/usr/bin/apt-get" ] && return 0
  rm -rf "$root" && debootstrap --variant=minbase bookworm "$root" "$mirror"
}
check "debootstrap Debian 12" make_chroot
mount -t proc proc "$root/proc" 2> /dev/null
trap 'umount "$root/proc" 2> /dev/null; [ $keep = 1 ] || true' EXIT
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
check "apt-get install ./ganstudio_*.deb" in_root bash -c \
  "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/$(basename "$deb")"
check "ganstudio-cli train (5 iterations)" in_root bash -c \
  "rm -rf /tmp/cli-run && ganstudio-cli train --set training.iterations=5 --set model.g_widths=[16,8,4] --set model.d_widths=[4,8,16] --out /tmp/cli-run --quiet && test -f /tmp/cli-run/checkpoints/iter_0000005.pt"
check "ganstudio offscreen (start, train, quit)" in_root bash -c \
  "rm -rf /tmp/gui-run && QT_QPA_PLATFORM=offscreen timeout 120 ganstudio --start --quit-when-finished --set training.iterations=3 --set model.g_widths=[16,8,4] --set model.d_widths=[4,8,16] --set outputs.run_dir=/tmp/gui-run && test -f /tmp/gui-run/checkpoints/iter_0000003.pt"
check "man ganstudio-cli" in_root bash -c "test -f /usr/share/man/man1/ganstudio-cli.1.gz"

echo
printf '%-45s %s\n' check result
failed=0
for i in "${!names[@]}"; do
  printf '%-45s %s\n' "${names[$i]}" "${results[$i]}"
  [ "${results[$i]}" = pass ] || failed=1
done
exit $failed
