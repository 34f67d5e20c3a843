"""PyTorch twin of bench/workloads.json for `replearn bench`: same models, losses, batch sizes; one JSON line per workload.

usage: python3 torch_twin.py WORKLOADS_JSON STEPS WARMUP THREADS NAME...
"""
import json
import sys

import torch
from torch import nn

from twin_timing import thread_label, time_workloads  # bench/ is on sys.path: the script runs from there


def act(name):
    return {"relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "linear": nn.Identity()}[name]


def network(w):
    layers, channels, features = [], (w["input"][-1] if len(w["input"]) == 3 else None), w["input"][0]
    for spec in w["layers"]:
        if "dense" in spec:
            layers += [nn.Linear(features, spec["dense"]), act(spec["act"])]
            features = spec["dense"]
        elif "conv" in spec:
            layers += [nn.Conv2d(channels, spec["conv"], spec["kernel"], padding="same"), act(spec["act"])]
            channels = spec["conv"]
        elif "pool" in spec:
            layers.append(nn.MaxPool2d(spec["pool"]))
        else:
            layers.append(nn.Upsample(scale_factor=spec["up"], mode="nearest"))
    return nn.Sequential(*layers)


def stepper(w):
    torch.manual_seed(1)
    net = network(w)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    shape = [w["batch"]] + ([w["input"][2], w["input"][0], w["input"][1]] if len(w["input"]) == 3 else w["input"])
    pool = [dict(a=torch.rand(shape), b=torch.rand(shape), c=torch.rand(shape), same=(torch.rand(w["batch"]) > 0.5).float()) for _ in range(3)]
    bce = nn.BCELoss()
    state = {"k": 0}

    def loss(batch):
        if w["kind"] == "autoencoder":
            return bce(net(batch["a"]), batch["a"])
        if w["kind"] == "contrastive":
            d = torch.sqrt(torch.clamp(((net(batch["a"]) - net(batch["b"])) ** 2).sum(1), min=1e-12))
            y = batch["same"]
            return (y * d ** 2 + (1 - y) * torch.relu(w["margin"] - d) ** 2).mean()
        a, p, n = net(batch["a"]), net(batch["b"]), net(batch["c"])
        return torch.relu(((a - p) ** 2).sum(1) - ((a - n) ** 2).sum(1) + w["margin"]).mean()

    def run():
        opt.zero_grad()
        loss(pool[state["k"]]).backward()
        opt.step()
        state["k"] = (state["k"] + 1) % len(pool)

    return run


def main():
    file, steps, warmup, threads, *names = sys.argv[1:]
    steps, warmup = int(steps), int(warmup)
    torch.set_num_threads(int(threads))
    time_workloads(json.load(open(file)), names, stepper, steps, warmup, f"pytorch {torch.__version__} ({thread_label(threads)})")


if __name__ == "__main__":
    main()
