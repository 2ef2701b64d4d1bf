# ReduceLROnPlateau under DistributedDataParallel: 2 CPU processes (gloo, 127.0.0.1), with and without
# averaging the validation metric across ranks before scheduler.step(metric).
# Run it as `python ddp_plateau_metric.py`: it starts its two ranks itself by running this file again.
import json
import os
import socket
import subprocess
import sys

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.optim.lr_scheduler import ReduceLROnPlateau

WORLD, EPOCHS = 2, 12


def train(rank, average_metric):
    torch.manual_seed(0)  # the same initial weights on every rank
    model = DistributedDataParallel(torch.nn.Linear(4, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = ReduceLROnPlateau(optimizer, factor=0.5, patience=1)
    shard = torch.Generator().manual_seed(1 + rank)  # each rank trains and validates on its own shard
    true_w = torch.tensor([[1.0, -2.0, 0.5, 3.0]])
    x_val = torch.randn(16, 4, generator=shard)
    y_val = x_val @ true_w.T + torch.randn(16, 1, generator=shard)
    lrs, metrics = [], []
    for epoch in range(EPOCHS):
        lrs.append(optimizer.param_groups[0]["lr"])
        for _ in range(4):
            x = torch.randn(8, 4, generator=shard)
            loss = torch.nn.functional.mse_loss(model(x), x @ true_w.T + torch.randn(8, 1, generator=shard))
            optimizer.zero_grad()
            loss.backward()  # DDP averages the gradients across ranks here
            optimizer.step()
        with torch.no_grad():
            metric = torch.nn.functional.mse_loss(model(x_val), y_val)
        if average_metric:
            dist.all_reduce(metric)  # sum over ranks ...
            metric /= WORLD  # ... then the mean: every rank steps with the same number
        metrics.append(metric.item())
        scheduler.step(metric.item())
    weights = torch.cat([p.detach().flatten() for p in model.parameters()]).tolist()
    return {"lrs": lrs, "metrics": metrics, "weights": weights}


def rank_main(rank):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", rank=rank, world_size=WORLD)  # address and port from the environment
    runs = {average: train(rank, average) for average in (False, True)}  # two trainings, fresh model each
    dist.barrier()  # no rank tears its connections down while the other still uses them
    dist.destroy_process_group()
    print(json.dumps(runs), flush=True)
    # Leave at once, skipping the interpreter's teardown (and with it the C++ threads' clean-up): on a busy
    # test machine a rank has aborted with "terminate called without an active exception" and nothing else.
    os._exit(0)


def launch():
    """Start WORLD processes running this file as ranks; return what each printed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), WORLD_SIZE=str(WORLD))
    ranks = [subprocess.Popen([sys.executable, __file__], env=dict(env, RANK=str(r)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for r in range(WORLD)]
    outputs = [rank.communicate(timeout=300) for rank in ranks]
    for rank, (out, err) in zip(ranks, outputs):
        if rank.returncode:
            raise RuntimeError(f"a rank failed (exit code {rank.returncode}):\n{err}")
    return [json.loads(out) for out, _ in outputs]


if "RANK" in os.environ:  # started by launch(): be one rank
    rank_main(int(os.environ["RANK"]))
    sys.exit()

lrs = {}
results = launch()
for average_metric in ("false", "true"):  # JSON object keys are strings
    ranks = [result[average_metric] for result in results]
    title = "metric averaged over ranks" if average_metric == "true" else "each rank's own metric"
    print(f"{title}:")
    print("epoch  " + "  ".join(f"rank {r} metric  rank {r} LR" for r in range(WORLD)))
    for epoch in range(EPOCHS):
        print(f"{epoch:5}  " + "  ".join(f"{ranks[r]['metrics'][epoch]:13.4f}  {ranks[r]['lrs'][epoch]:9.4g}"
                                         for r in range(WORLD)))
    gap = max(abs(a - b) for a, b in zip(ranks[0]["weights"], ranks[1]["weights"]))
    print(f"largest weight difference between the ranks after training: {gap:.3g}\n")
    for r in range(WORLD):
        lrs[f"rank {r}, {title}"] = ranks[r]["lrs"]
