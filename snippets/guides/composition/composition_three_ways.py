import torch
from torch.optim.lr_scheduler import ChainedScheduler, ExponentialLR, LinearLR, SequentialLR


def pair(optimizer):
    """The same two sub-schedulers for every run: a 5-step warm-up and an exponential decay."""
    return LinearLR(optimizer, start_factor=0.1, total_iters=5), ExponentialLR(optimizer, gamma=0.85)


def run(combine):
    """LR used at each of 20 steps; a fresh model, optimizer and sub-schedulers per run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    warmup, decay = pair(optimizer)
    if combine == "SequentialLR":
        scheduler = SequentialLR(optimizer, schedulers=[warmup, decay], milestones=[5])
        step = scheduler.step
    elif combine == "ChainedScheduler":
        scheduler = ChainedScheduler([warmup, decay], optimizer=optimizer)
        step = scheduler.step
    else:  # no wrapper: call both, one after the other
        def step():
            warmup.step()
            decay.step()
    used = []
    for _ in range(20):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        step()
    return used


lrs = {
    "SequentialLR(milestones=[5])": run("SequentialLR"),
    "ChainedScheduler": run("ChainedScheduler"),
    "warmup.step(); decay.step()": run("back to back"),
}
print("step " + " ".join(f"{t:>7d}" for t in range(0, 20, 2)))
for label, used in lrs.items():
    print(f"{label}:\n     " + " ".join(f"{lr:7.5f}" for lr in used[::2]))
same = lrs["ChainedScheduler"] == lrs["warmup.step(); decay.step()"]
print(f"ChainedScheduler and back-to-back steps give identical LRs: {same}")
