#!/usr/bin/python3
"""The seed's model and training loop in PyTorch (Python), as the yardstick for GanStudio's speed.

Same networks as model/networks/networks.cpp (the blog post's Keras DCGAN with Keras defaults: TensorFlow
"same" padding, LeakyReLU 0.3, BatchNorm momentum 0.8 / epsilon 1e-3, Glorot-uniform init, Adam
1e-4 / 0.9 / 0.999 / 1e-7) and the same loop (model/training/gan_step.cpp):

  seed-exact: fakes = G(z) in inference mode; D step on fakes (label 0); D step on a real batch
              (label 1); new z; G step through D with D frozen (its parameters take no gradient).
  fast:       one G forward in training mode feeds D's fake step (detached) and the G step.

Variants (--variant, repeatable): plain (fp32, NCHW), channels_last, bf16 (CPU autocast), and
combinations such as channels_last+bf16. Prints one JSON line per variant with the median and
spread of milliseconds per iteration after a warm-up. Data: random images in -1..1 of MNIST's
shape, resident on the device (the speed does not depend on the pixel values).

Usage: bench/pytorch_reference.py [--device cpu|cuda] [--batch 64] [--iterations 20] [--warmup 3]
                                  [--threads N] [--loop seed-exact|fast] [--variant plain ...]
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pad(size, kernel, stride):
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


class SameConv(nn.Module):
    def __init__(self, cin, cout, stride, size):
        super().__init__()
        before, after, self.out = same_pad(size, 5, stride)
        self.pad = None if before == after else (before, after, before, after)
        self.conv = nn.Conv2d(cin, cout, 5, stride, padding=before if before == after else 0)

    def forward(self, x):
        return self.conv(F.pad(x, self.pad) if self.pad else x)


def keras_bn(channels, dim=2):
    cls = nn.BatchNorm2d if dim == 2 else nn.BatchNorm1d
    return cls(channels, momentum=0.2, eps=1e-3)


class SeedGenerator(nn.Module):
    def __init__(self, nz=100, w=(64, 128, 64, 64)):
        super().__init__()
        self.w0 = w[0]
        self.dense = nn.Linear(nz, 49 * w[0])
        self.dense_norm = keras_bn(49 * w[0], dim=1)
        self.conv1, self.norm1 = nn.Conv2d(w[0], w[1], 5, padding=2), keras_bn(w[1])
        self.conv2, self.norm2 = nn.Conv2d(w[1], w[2], 5, padding=2), keras_bn(w[2])
        self.conv3, self.norm3 = nn.Conv2d(w[2], w[3], 5, padding=2), keras_bn(w[3])
        self.conv_out = nn.Conv2d(w[3], 1, 5, padding=2)

    def forward(self, z):
        x = self.dense_norm(self.dense(z)).view(z.size(0), self.w0, 7, 7)
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        if self.conv1.weight.is_contiguous(memory_format=torch.channels_last):
            x = x.contiguous(memory_format=torch.channels_last)
        x = F.leaky_relu(self.norm1(self.conv1(x)), 0.3)
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = F.leaky_relu(self.norm2(self.conv2(x)), 0.3)
        x = F.leaky_relu(self.norm3(self.conv3(x)), 0.3)
        return torch.tanh(self.conv_out(x))


class SeedDiscriminator(nn.Module):
    def __init__(self, w=(64, 64, 128, 128)):
        super().__init__()
        self.conv1 = SameConv(1, w[0], 2, 28)
        self.conv2 = SameConv(w[0], w[1], 2, self.conv1.out)
        self.conv3 = SameConv(w[1], w[2], 2, self.conv2.out)
        self.conv4 = SameConv(w[2], w[3], 1, self.conv3.out)
        self.dense = nn.Linear(w[3] * self.conv4.out ** 2, 1)

    def forward(self, x):
        x = F.leaky_relu(self.conv1(x), 0.3)
        x = F.dropout(F.leaky_relu(self.conv2(x), 0.3), 0.3, self.training)
        x = F.dropout(F.leaky_relu(self.conv3(x), 0.3), 0.4, self.training)
        x = F.dropout(F.leaky_relu(self.conv4(x), 0.3), 0.4, self.training)
        return self.dense(x.flatten(1))


def glorot(module):
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)


class Loop:
    def __init__(self, device, batch, loop, channels_last, bf16):
        self.device, self.batch, self.loop = device, batch, loop
        self.bf16 = bf16
        self.fmt = torch.channels_last if channels_last else torch.contiguous_format
        self.G, self.D = SeedGenerator().to(device), SeedDiscriminator().to(device)
        glorot(self.G)
        glorot(self.D)
        if channels_last:
            self.G = self.G.to(memory_format=torch.channels_last)
            self.D = self.D.to(memory_format=torch.channels_last)
        adam = dict(lr=1e-4, betas=(0.9, 0.999), eps=1e-7)
        self.opt_g = torch.optim.Adam(self.G.parameters(), **adam)
        self.opt_d = torch.optim.Adam(self.D.parameters(), **adam)
        self.data = torch.rand(10000, 1, 28, 28, device=device) * 2 - 1
        self.ones = torch.ones(batch, 1, device=device)
        self.zeros = torch.zeros(batch, 1, device=device)

    def autocast(self):
        kind = "cuda" if self.device.startswith("cuda") else "cpu"
        return torch.autocast(kind, dtype=torch.bfloat16, enabled=self.bf16)

    def d_step(self, images, labels):
        self.opt_d.zero_grad()
        with self.autocast():
            logits = self.D(images).float()
        loss = F.binary_cross_entropy_with_logits(logits, labels)
        loss.backward()
        self.opt_d.step()
        return loss.detach()

    def g_step(self, fakes):
        self.opt_g.zero_grad()
        for p in self.D.parameters():
            p.requires_grad_(False)
        with self.autocast():
            logits = self.D(fakes).float()
        loss = F.binary_cross_entropy_with_logits(logits, self.ones)
        loss.backward()
        for p in self.D.parameters():
            p.requires_grad_(True)
        self.opt_g.step()
        return loss.detach()

    def step(self):
        z = torch.randn(self.batch, 100, device=self.device)
        if self.loop == "fast":
            with self.autocast():
                fakes_graph = self.G(z)
            fakes = fakes_graph.detach()
        else:
            self.G.eval()
            with torch.no_grad(), self.autocast():
                fakes = self.G(z)
            self.G.train()
        d_fake = self.d_step(fakes, self.zeros)
        idx = torch.randint(0, self.data.size(0), (self.batch,), device=self.device)
        real = self.data.index_select(0, idx).contiguous(memory_format=self.fmt)
        d_real = self.d_step(real, self.ones)
        if self.loop != "fast":
            with self.autocast():
                fakes_graph = self.G(torch.randn(self.batch, 100, device=self.device))
        g_loss = self.g_step(fakes_graph)
        return torch.stack([(d_fake + d_real) / 2, g_loss]).cpu()  # one read back, as GanStudio


def run(args, variant):
    parts = set(variant.split("+"))
    loop = Loop(args.device, args.batch, args.loop, "channels_last" in parts, "bf16" in parts)
    for _ in range(args.warmup):
        loop.step()
    times = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        loop.step()
        if args.device.startswith("cuda"):
            torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "implementation": "pytorch-python",
        "torch_version": torch.__version__,
        "device": args.device,
        "threads": torch.get_num_threads(),
        "preset": "seed",
        "loop": args.loop,
        "variant": variant,
        "batch": args.batch,
        "iterations": args.iterations,
        "median_ms_per_iteration": statistics.median(times),
        "min_ms": times[0],
        "max_ms": times[-1],
        "p10_ms": times[max(0, math.floor(0.1 * len(times)))],
        "p90_ms": times[min(len(times) - 1, math.floor(0.9 * len(times)))],
    }


def kernel_profile(args, variant, iterations=50):
    """On CUDA: how much of an iteration the GPU spends in kernels, and how many it launches (the
    rest of the wall time is launch overhead and the host's work)."""
    from torch.profiler import ProfilerActivity, profile

    parts = set(variant.split("+"))
    loop = Loop(args.device, args.batch, args.loop, "channels_last" in parts, "bf16" in parts)
    for _ in range(args.warmup):
        loop.step()
    torch.cuda.synchronize()
    start = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as prof:
        for _ in range(iterations):
            loop.step()
        torch.cuda.synchronize()
    wall_ms = (time.perf_counter() - start) * 1000 / iterations
    kernel_us, kernels = 0.0, 0
    for event in prof.key_averages():
        if str(getattr(event, "device_type", "")).endswith("CUDA"):
            kernel_us += getattr(event, "self_device_time_total", None) or getattr(event, "self_cuda_time_total", 0)
            kernels += event.count
    return {"profile": "kernels", "loop": args.loop, "variant": variant,
            "wall_ms_per_iteration_profiled": wall_ms,
            "kernel_ms_per_iteration": kernel_us / 1000 / iterations,
            "kernels_per_iteration": kernels / iterations}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--loop", choices=["seed-exact", "fast"], default="seed-exact")
    parser.add_argument("--variant", action="append")
    parser.add_argument("--kernel-profile", action="store_true",
                        help="CUDA: also print kernel time and launches per iteration (torch.profiler)")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.device.startswith("cuda"):
        torch.backends.cudnn.benchmark = True
    torch.manual_seed(0)
    for variant in args.variant or ["plain"]:
        print(json.dumps(run(args, variant)), flush=True)
        if args.kernel_profile and args.device.startswith("cuda"):
            print(json.dumps(kernel_profile(args, variant)), flush=True)


if __name__ == "__main__":
    main()
