#!/usr/bin/env bash
# Builds a folder of real-world colour pictures with transparency from what Debian ships: the
# icons of three icon themes, one sub-folder per context (actions, apps, categories, devices,
# emblems, emotes, mimetypes, places, status, web), about 1,780 RGBA pictures in 10 classes:
#   - oxygen-icon-theme, 64 x 64 (587; LGPL-3),
#   - moka-icon-theme, 64 x 64 (about 820; CC-BY-SA-4.0 or GPL-3+),
#   - gnome-icon-theme, 48 x 48 (about 370, scaled to the run's size when loaded; GPL-2+).
# The licences are in each package's /usr/share/doc/PACKAGE/copyright (copied next to the
# pictures). Only the themes' files are taken (their links are aliases of them); contexts with a
# single picture are left out. The packages are downloaded and unpacked here, never installed, so
# no root is needed. Used to measure training on a person's own pictures (docs/PERFORMANCE.md).
#
#   scripts/make-icon-set.sh [OUT]      (default: data/icons)
set -euo pipefail
out=${1:-data/icons}
work=$(mktemp -d)
chmod 755 "$work"  # apt downloads as _apt when it can
trap 'rm -rf "$work"' EXIT

# package  theme folder  size folder  prefix
themes=(
  "oxygen-icon-theme oxygen/base 64x64 oxygen"
  "moka-icon-theme Moka 64x64 moka"
  "gnome-icon-theme gnome 48x48 gnome"
)
(cd "$work" && apt-get download -q oxygen-icon-theme moka-icon-theme gnome-icon-theme > /dev/null) || {
  echo "could not download the icon themes (apt-get download; run apt-get update first?)" >&2
  exit 1
}
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

rm -rf "$out"
mkdir -p "$out/licences"
for theme in "${themes[@]}"; do
  read -r package folder size prefix <<< "$theme"
  cp "$work/root/usr/share/doc/$package/copyright" "$out/licences/$package"
  for context in "$work/root/usr/share/icons/$folder/$size"/*/; do
    name=$(basename "$context")
    mkdir -p "$out/$name"
    # Copies, not links, prefixed by the theme: names repeat across themes.
    find "$context" -maxdepth 1 -name '*.png' -type f -print0 |
      while IFS= read -r -d '' file; do cp "$file" "$out/$name/$prefix-$(basename "$file")"; done
  done
done
for class in "$out"/*/; do
  [ "$(basename "$class")" = licences ] && continue
  if [ "$(find "$class" -name '*.png' | wc -l)" -lt 2 ]; then rm -rf "$class"; fi
done
# The licences are not a class: keep them beside the folder's pictures, out of the data set.
mv "$out/licences" "$out.licences"
count=$(find "$out" -name '*.png' | wc -l)
echo "$out: $count pictures in $(ls "$out" | wc -l) classes (licences in $out.licences)"
for class in "$out"/*/; do echo "  $(basename "$class"): $(ls "$class" | wc -l)"; done
