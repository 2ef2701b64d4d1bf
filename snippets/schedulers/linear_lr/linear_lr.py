import torch


def train(steps=12, **kwargs):
    """LR used at each step; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, **kwargs)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "defaults": train(),  # start_factor=1/3, end_factor=1.0, total_iters=5
    "warm-up": train(start_factor=0.1, total_iters=8),
    "decay": train(start_factor=1.0, end_factor=0.2, total_iters=8),
}
print("step  " + "  ".join(f"{name:>8s}" for name in lrs))
for step in range(12):
    print(f"{step:4d}  " + "  ".join(f"{used[step]:8.5f}" for used in lrs.values()))
