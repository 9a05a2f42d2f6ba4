#!/usr/bin/python3
"""GanStudio's CPU default written in plain PyTorch (Python): the "twin" that the engine is measured
against, so that the recipe (which anyone can copy into a notebook) and the engine are told apart.

The recipe, as `ganstudio-cli train` resolves it with no settings (model/config/presets.cpp):
  G: z(100) -> ConvT(64, 4) 4x4 -> ConvT(32, 3, s2) 7x7 -> ConvT(16, 4, s2) 14x14 -> ConvT(1, 4, s2)
     28x28; BatchNorm + ReLU between, tanh out (PyTorch's DCGAN example at a quarter of its widths)
  D: Conv(16, 4, s2) -> Conv(32, 4, s2) + BN -> Conv(64, 4, s2) + BN -> Conv(1, 3); LeakyReLU 0.2
  DCGAN initialisation; Adam 4e-4 / (0.5, 0.999) / 1e-8 for both; batch 64; binary cross-entropy;
  the fast loop: one G forward in training mode feeds D's fake step (detached, label 0), then a D
  step on a real batch drawn uniformly with replacement (label 1), then G's step through D with D's
  parameters frozen (label 1); then G's moving average (decay min(0.999, (1 + t) / (10 + t))), whose
  eval-mode copy draws the samples. One read-back of the losses per iteration, as GanStudio's trainer.
Written the way a PyTorch user writes it: bench/reference_dcgan.py's nn.Sequential pair at these widths,
NCHW, torch.optim.Adam.

Two modes:
  --speed: random images of MNIST's shape resident in memory; after --warmup iterations, prints one
           JSON line with the median and spread of milliseconds per iteration (as
           bench/pytorch_reference.py does; --variant channels_last also exists).
  training (--data IDX --out DIR): trains for --minutes of wall-clock time and writes snapshots as
           bench/reference_dcgan.py does (snap-<M>min.idx / .png and a JSON line each), for
           scripts/quality-race.sh --twin.

Usage: bench/pytorch_twin.py --speed [--iterations 40] [--warmup 5] [--threads 2] [--variant plain]
       bench/pytorch_twin.py --data IDX[.gz] --out DIR [--minutes 5] [--snapshot M ...] [--threads 2]
                             [--count 1000] [--seed 0]
"""
import argparse
import copy
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_dcgan import (Discriminator, Generator, draw, grid_of, read_idx_images,  # noqa: E402
                             weights_init, write_idx_images, write_png_gray)


class Twin:
    def __init__(self, data, channels_last=False, batch=64):
        self.data, self.batch = data, batch
        self.fmt = torch.channels_last if channels_last else torch.contiguous_format
        self.G, self.D = Generator(w=(64, 32, 16)), Discriminator(w=(16, 32, 64))
        self.G.apply(weights_init)
        self.D.apply(weights_init)
        if channels_last:
            self.G = self.G.to(memory_format=torch.channels_last)
            self.D = self.D.to(memory_format=torch.channels_last)
        self.G_avg = copy.deepcopy(self.G).eval()
        adam = dict(lr=4e-4, betas=(0.5, 0.999), eps=1e-8)
        self.opt_g = torch.optim.Adam(self.G.parameters(), **adam)
        self.opt_d = torch.optim.Adam(self.D.parameters(), **adam)
        self.ones, self.zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
        self.iteration = 0

    def d_step(self, images, labels):
        self.opt_d.zero_grad()
        loss = F.binary_cross_entropy_with_logits(self.D(images), labels)
        loss.backward()
        self.opt_d.step()
        return loss.detach()

    def step(self):
        fakes = self.G(torch.randn(self.batch, 100))
        d_fake = self.d_step(fakes.detach(), self.zeros)
        index = torch.randint(0, self.data.size(0), (self.batch,))
        d_real = self.d_step(self.data.index_select(0, index).contiguous(memory_format=self.fmt),
                             self.ones)
        self.opt_g.zero_grad()
        for p in self.D.parameters():
            p.requires_grad_(False)
        g_loss = F.binary_cross_entropy_with_logits(self.D(fakes), self.ones)
        g_loss.backward()
        for p in self.D.parameters():
            p.requires_grad_(True)
        self.opt_g.step()
        self.iteration += 1
        t = self.iteration
        decay = min(0.999, (1 + t) / (10 + t))
        with torch.no_grad():
            for a, p in zip(self.G_avg.parameters(), self.G.parameters()):
                a.lerp_(p, 1 - decay)
            for a, b in zip(self.G_avg.buffers(), self.G.buffers()):
                a.copy_(b)
        return torch.stack([(d_fake + d_real) / 2, g_loss]).tolist()  # one read-back


def speed(args):
    for variant in args.variant or ["plain"]:
        twin = Twin(torch.rand(10000, 1, 28, 28) * 2 - 1, channels_last=variant == "channels_last")
        for _ in range(args.warmup):
            twin.step()
        times = []
        for _ in range(args.iterations):
            start = time.perf_counter()
            twin.step()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(json.dumps({
            "implementation": "pytorch-python", "recipe": "cpu-default twin",
            "torch_version": torch.__version__, "threads": torch.get_num_threads(),
            "variant": variant, "iterations": args.iterations,
            "median_ms_per_iteration": statistics.median(times), "min_ms": times[0],
            "max_ms": times[-1], "p10_ms": times[max(0, math.floor(0.1 * len(times)))],
            "p90_ms": times[min(len(times) - 1, math.floor(0.9 * len(times)))]}), flush=True)


def train(args):
    os.makedirs(args.out, exist_ok=True)
    twin = Twin(read_idx_images(args.data))
    snapshots = sorted(set(args.snapshot + [args.minutes]))
    trained_s = 0.0
    for target in snapshots:
        start = time.perf_counter()
        while trained_s + (time.perf_counter() - start) < target * 60:
            d_loss, g_loss = twin.step()
        trained_s += time.perf_counter() - start
        name = f"snap-{target:g}min"
        images = draw(twin.G_avg, args.count, args.seed + 1, "eval")  # as GanStudio samples
        write_idx_images(os.path.join(args.out, name + ".idx"), images)
        write_png_gray(os.path.join(args.out, name + ".png"), grid_of(images[:64]))
        print(json.dumps({"minutes": target, "iterations": twin.iteration, "seconds": trained_s,
                          "samples": os.path.join(args.out, name + ".idx"),
                          "grid": os.path.join(args.out, name + ".png"),
                          "d_loss": d_loss, "g_loss": g_loss}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--variant", action="append", choices=["plain", "channels_last"])
    parser.add_argument("--data")
    parser.add_argument("--out")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--snapshot", type=float, action="append", default=[])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.speed:
        speed(args)
    elif args.data and args.out:
        train(args)
    else:
        parser.error("--speed, or --data and --out")


if __name__ == "__main__":
    main()
