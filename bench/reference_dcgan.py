#!/usr/bin/python3
"""A standard DCGAN in PyTorch (Python): the yardstick for GanStudio's quality per minute on a CPU.

The compact architecture of PyTorch's DCGAN example (model/networks/networks.cpp, "compact"):
  G: z(100) -> ConvT(256, 4) 4x4 -> ConvT(128, 3, s2) 7x7 -> ConvT(64, 4, s2) 14x14
     -> ConvT(1, 4, s2) 28x28; BatchNorm + ReLU between, tanh out
  D: Conv(64, 4, s2) -> Conv(128, 4, s2) + BN -> Conv(256, 4, s2) + BN -> Conv(1, 3); LeakyReLU 0.2
DCGAN initialisation (N(0, 0.02) kernels, BatchNorm gamma N(1, 0.02)), Adam 2e-4 / (0.5, 0.999),
batch 64, binary cross-entropy. One iteration, as in the example: D's gradients from a real batch
(label 1) and from G's fakes (label 0, detached) summed into one D step; then one G step on the same
fakes with label 1. Real batches come from a reshuffled pass over the data (the example's
DataLoader with shuffle=True).

Trains for --minutes of wall-clock training time and, at each --snapshot (minutes), writes
snap-<M>min.idx (--count samples, unsigned bytes N x 28 x 28, for `ganstudio-cli evaluate
--samples`), snap-<M>min.png (an 8 x 8 grid) and a line of JSON (iterations, seconds). Time spent
writing snapshots is not counted as training time. Samples are drawn as the example draws them:
G in training mode (BatchNorm batch statistics, batches of 64) unless --sample-mode eval.

Usage: bench/reference_dcgan.py --data IDX[.gz] --out DIR [--minutes 5] [--snapshot 1 --snapshot 2]
                                [--threads 2] [--count 1000] [--seed 0] [--sample-mode train|eval]
"""
import argparse
import gzip
import json
import os
import struct
import time
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx_images(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != 0x00000803:
        raise SystemExit(f"{path}: not an IDX image file (magic {magic:#x})")
    pixels = torch.frombuffer(bytearray(data[16:16 + count * rows * cols]), dtype=torch.uint8)
    return pixels.view(count, 1, rows, cols).float().sub(127.5).div(127.5)


def write_idx_images(path, images):
    count, side = images.size(0), images.size(-1)
    with open(path, "wb") as f:
        f.write(struct.pack(">IIII", 0x00000803, count, side, side))
        f.write(images.reshape(-1).numpy().tobytes())


def write_png_gray(path, pixels):
    """pixels: a 2-d uint8 tensor."""
    height, width = pixels.shape
    rows = b"".join(b"\x00" + pixels[y].numpy().tobytes() for y in range(height))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n" +
           chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


class Generator(nn.Module):
    def __init__(self, nz=100, w=(256, 128, 64)):
        super().__init__()
        self.net = nn.Sequential(
            nn.ConvTranspose2d(nz, w[0], 4, 1, 0, bias=False), nn.BatchNorm2d(w[0]), nn.ReLU(True),
            nn.ConvTranspose2d(w[0], w[1], 3, 2, 1, bias=False), nn.BatchNorm2d(w[1]), nn.ReLU(True),
            nn.ConvTranspose2d(w[1], w[2], 4, 2, 1, bias=False), nn.BatchNorm2d(w[2]), nn.ReLU(True),
            nn.ConvTranspose2d(w[2], 1, 4, 2, 1, bias=False), nn.Tanh())

    def forward(self, z):
        return self.net(z.view(z.size(0), -1, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, w=(64, 128, 256)):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, w[0], 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(w[0], w[1], 4, 2, 1, bias=False), nn.BatchNorm2d(w[1]), nn.LeakyReLU(0.2, True),
            nn.Conv2d(w[1], w[2], 4, 2, 1, bias=False), nn.BatchNorm2d(w[2]), nn.LeakyReLU(0.2, True),
            nn.Conv2d(w[2], 1, 3, 1, 0, bias=False))

    def forward(self, x):
        return self.net(x).view(-1, 1)


def weights_init(m):
    name = m.__class__.__name__
    if name.find("Conv") != -1:
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif name.find("BatchNorm") != -1:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def draw(G, count, seed, mode, batch=64):
    noise = torch.randn(count, 100, generator=torch.Generator().manual_seed(seed))
    was_training = G.training
    G.train(mode == "train")
    with torch.no_grad():
        images = torch.cat([G(noise[i:i + batch]) for i in range(0, count, batch)])
    G.train(was_training)
    return images.mul(127.5).add(127.5).round().clamp(0, 255).to(torch.uint8)[:, 0]


def grid_of(images, columns=8):
    n, side = images.size(0), images.size(-1)
    rows = (n + columns - 1) // columns
    out = torch.zeros(rows * side, columns * side, dtype=torch.uint8)
    for i in range(n):
        r, c = divmod(i, columns)
        out[r * side:(r + 1) * side, c * side:(c + 1) * side] = images[i]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--snapshot", type=float, action="append", default=[])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample-mode", choices=["train", "eval"], default="train")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    data = read_idx_images(args.data)
    G, D = Generator(), Discriminator()
    G.apply(weights_init)
    D.apply(weights_init)
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    batch = 64
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    order, cursor = torch.randperm(data.size(0)), 0

    snapshots = sorted(set(args.snapshot + [args.minutes]))
    trained_s, iterations = 0.0, 0
    for target in snapshots:
        start = time.perf_counter()
        while trained_s + (time.perf_counter() - start) < target * 60:
            if cursor + batch > order.numel():
                order, cursor = torch.randperm(data.size(0)), 0
            real = data.index_select(0, order[cursor:cursor + batch])
            cursor += batch
            D.zero_grad()
            loss_real = F.binary_cross_entropy_with_logits(D(real), ones)
            loss_real.backward()
            fakes = G(torch.randn(batch, 100))
            loss_fake = F.binary_cross_entropy_with_logits(D(fakes.detach()), zeros)
            loss_fake.backward()
            opt_d.step()
            G.zero_grad()
            loss_g = F.binary_cross_entropy_with_logits(D(fakes), ones)
            loss_g.backward()
            opt_g.step()
            iterations += 1
        trained_s += time.perf_counter() - start
        name = f"snap-{target:g}min"
        images = draw(G, args.count, args.seed + 1, args.sample_mode)
        write_idx_images(os.path.join(args.out, name + ".idx"), images)
        write_png_gray(os.path.join(args.out, name + ".png"), grid_of(images[:64]))
        print(json.dumps({"minutes": target, "iterations": iterations, "seconds": trained_s,
                          "samples": os.path.join(args.out, name + ".idx"),
                          "grid": os.path.join(args.out, name + ".png"),
                          "d_loss": float(loss_real + loss_fake) / 2, "g_loss": float(loss_g)}),
              flush=True)


if __name__ == "__main__":
    main()
