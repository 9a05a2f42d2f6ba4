#!/usr/bin/env python3
"""A small RGB data set of coloured shapes, for trying GanStudio on your own images.

    scripts/make-shapes.py OUT_DIR [--per-class N] [--size S] [--seed K]

Writes OUT_DIR/circle/*.png, OUT_DIR/square/*.png and OUT_DIR/triangle/*.png: S x S pictures
(default 64, 600 per class) of one shape each, in a random colour, size and place on a random
pale background. The sub-folders are the classes (data.path: OUT_DIR, model.conditional: true).
Standard library only: the PNG files are written with zlib.
"""
import argparse
import os
import random
import struct
import zlib


def write_png(path, width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def inside(shape, x, y, cx, cy, r):
    dx, dy = x - cx, y - cy
    if shape == "circle":
        return dx * dx + dy * dy <= r * r
    if shape == "square":
        return abs(dx) <= r * 0.85 and abs(dy) <= r * 0.85
    # triangle, point up: below the two slanted edges, above the base
    return -r <= dy <= r * 0.8 and abs(dx) <= (dy + r) * 0.6


def picture(shape, size, rng):
    background = [rng.randint(190, 250) for _ in range(3)]
    colour = [rng.randint(0, 200) for _ in range(3)]
    colour[rng.randrange(3)] = rng.randint(150, 255)  # one strong channel: a clear colour
    r = rng.uniform(size * 0.18, size * 0.32)
    cx = rng.uniform(r + 2, size - r - 2)
    cy = rng.uniform(r + 2, size - r - 2)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            row.extend(colour if inside(shape, x + 0.5, y + 0.5, cx, cy, r) else background)
        rows.append(row)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--per-class", type=int, default=600)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for shape in ("circle", "square", "triangle"):
        folder = os.path.join(args.out, shape)
        os.makedirs(folder, exist_ok=True)
        for i in range(args.per_class):
            write_png(os.path.join(folder, "%04d.png" % i), args.size, args.size,
                      picture(shape, args.size, rng))
    print("wrote %d pictures in 3 classes to %s" % (3 * args.per_class, args.out))


if __name__ == "__main__":
    main()
