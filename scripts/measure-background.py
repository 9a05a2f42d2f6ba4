#!/usr/bin/env python3
"""Which background keeps a folder's transparent pictures apart from it (data.background's default).

Composited on a background, a picture's opaque pixels that are nearly the background's colour melt
into it: their shape is lost to the networks. For each candidate background this counts the share
of opaque pixels (alpha >= 128) within 24 levels of it in every channel, over every 8-bit RGBA PNG
of the folder (the icon themes' format; others are counted as skipped).

    scripts/measure-background.py [FOLDER]      (default: data/icons, scripts/make-icon-set.sh)
"""
import struct
import sys
import zlib
from pathlib import Path

BACKGROUNDS = {"white": (255, 255, 255), "gray": (128, 128, 128), "black": (0, 0, 0)}
NEAR = 24


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def rgba_pixels(path):
    """The pixels of an 8-bit, non-interlaced RGBA PNG as a flat bytearray, or None."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour != 6 or interlace:
        return None
    raw = zlib.decompress(idat)
    stride = width * 4
    out = bytearray(height * stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        row = y * stride
        for x in range(stride):
            left = out[row + x - 4] if x >= 4 else 0
            up = out[row - stride + x] if y else 0
            corner = out[row - stride + x - 4] if y and x >= 4 else 0
            value = line[x]
            if kind == 1:
                value += left
            elif kind == 2:
                value += up
            elif kind == 3:
                value += (left + up) // 2
            elif kind == 4:
                value += paeth(left, up, corner)
            out[row + x] = value & 0xFF
    return out


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "data/icons")
    lost = {name: 0 for name in BACKGROUNDS}
    opaque = pictures = skipped = 0
    for path in sorted(folder.rglob("*.png")):
        pixels = rgba_pixels(path)
        if pixels is None:
            skipped += 1
            continue
        pictures += 1
        for i in range(0, len(pixels), 4):
            if pixels[i + 3] < 128:
                continue
            opaque += 1
            r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
            for name, (br, bg, bb) in BACKGROUNDS.items():
                if abs(r - br) < NEAR and abs(g - bg) < NEAR and abs(b - bb) < NEAR:
                    lost[name] += 1
    print(f"{folder}: {pictures} RGBA pictures ({skipped} in other formats skipped), "
          f"{opaque:,} opaque pixels")
    for name, count in sorted(lost.items(), key=lambda item: item[1]):
        print(f"  {name:5}: {100 * count / max(opaque, 1):5.2f}% of the opaque pixels melt into it")


if __name__ == "__main__":
    main()
