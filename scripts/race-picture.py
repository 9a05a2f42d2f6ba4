#!/usr/bin/python3
"""Side-by-side picture of a quality race (scripts/quality-race.sh --out DIR): one row per side
(GanStudio on top, then its PyTorch twin when the race had one, then the PyTorch reference), one 8 x 8 grid of digits per mark (1, 2, 5, 10
minutes ...), from the given round. Standard library only.

Usage: scripts/race-picture.py RACE_DIR OUT.png [--round 1]
"""
import argparse
import csv
import os
import struct
import zlib


def read_png_gray(path):
    """Decodes an 8-bit grayscale, gray+alpha, RGB or RGBA PNG (no interlace) to rows of gray."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    at, idat, width, height, kind = 8, b"", 0, 0, 0
    while at < len(data):
        length, tag = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if tag == b"IHDR":
            width, height, depth, kind, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace:
                raise SystemExit(f"{path}: only 8-bit, non-interlaced PNGs")
        elif tag == b"IDAT":
            idat += body
        at += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[kind]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind_of_filter, row = line[0], bytearray(line[1:])
        for x in range(stride):
            a = row[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind_of_filter == 1:
                row[x] = (row[x] + a) & 255
            elif kind_of_filter == 2:
                row[x] = (row[x] + b) & 255
            elif kind_of_filter == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            elif kind_of_filter == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(row[::channels]))
        previous = row
    return rows


def cells_of_grid(rows, columns=8, cell=28):
    """The 28 x 28 cells of a grid PNG, whatever its gaps and scale (both sides' layouts)."""
    width = len(rows[0])
    # GanStudio's grids: (8 * 28 + 9 * gap) * scale; the reference's: 8 * 28.
    for scale in (1, 2, 3, 4):
        for gap in (0, 1, 2, 3, 4):
            if (columns * cell + (columns + 1) * gap if gap else columns * cell) * scale == width:
                out = []
                for r in range(columns):
                    for c in range(columns):
                        y0 = (gap + r * (cell + gap)) * scale
                        x0 = (gap + c * (cell + gap)) * scale
                        out.append([rows[y0 + y * scale][x0:x0 + cell * scale:scale]
                                    for y in range(cell)])
                return out
    raise SystemExit(f"unrecognised grid layout ({width} px wide)")


def write_png_gray(path, rows):
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(r) for r in rows)

    def chunk(tag, body):
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("race")
    parser.add_argument("out")
    parser.add_argument("--round", default="1")
    args = parser.parse_args()
    rows = [r for r in csv.DictReader(open(os.path.join(args.race, "results.tsv")), delimiter="\t")
            if r["round"] == args.round]
    marks = sorted({float(r["minutes"]) for r in rows})
    gap, side = 8, 8 * 29 + 1
    width = len(marks) * side + (len(marks) + 1) * gap
    names = ["ganstudio"] + [n for n in ("twin", "reference") if any(r["side"] == n for r in rows)]
    height = len(names) * side + (len(names) + 1) * gap
    canvas = [bytearray([255]) * width for _ in range(height)]
    for s, name in enumerate(names):
        for m, minutes in enumerate(marks):
            match = [r for r in rows if r["side"] == name and float(r["minutes"]) == minutes]
            if not match:
                continue
            cells = cells_of_grid(read_png_gray(match[0]["grid"]))
            top, left = gap + s * (side + gap), gap + m * (side + gap)
            for y in range(side):  # dark frame, 1 px lines between cells
                canvas[top + y][left:left + side] = bytes([60]) * side
            for i, cell in enumerate(cells):
                y0, x0 = top + 1 + (i // 8) * 29, left + 1 + (i % 8) * 29
                for y in range(28):
                    canvas[y0 + y][x0:x0 + 28] = cell[y]
    write_png_gray(args.out, canvas)
    print(f"{args.out}: rows {', '.join(names)} (top to bottom); columns "
          + ", ".join(f"{m:g} min" for m in marks))


if __name__ == "__main__":
    main()
