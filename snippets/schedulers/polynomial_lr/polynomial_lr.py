import torch


def train(steps=14, **kwargs):
    """LR used at each step; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, **kwargs)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "defaults": train(),  # total_iters=5, power=1.0
    "power=0.5": train(total_iters=10, power=0.5),
    "power=1.0": train(total_iters=10, power=1.0),
    "power=2.0": train(total_iters=10, power=2.0),
}
print("step  " + "  ".join(f"{name:>9s}" for name in lrs))
for step in range(14):
    print(f"{step:4d}  " + "  ".join(f"{used[step]:9.5f}" for used in lrs.values()))
