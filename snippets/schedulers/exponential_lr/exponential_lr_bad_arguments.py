# docs: no-figure
import torch


def lrs_at(gamma, steps=(0, 1, 2, 3, 50, 100)):
    """LR used at the given steps; fresh optimizer and scheduler each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=gamma)
    seen = {}
    for step in range(max(steps) + 1):
        if step in steps:
            seen[step] = f"{optimizer.param_groups[0]['lr']:.4g}"
        optimizer.step()
        scheduler.step()
    return ", ".join(f"step {s}: {lr}" for s, lr in seen.items())


for gamma in [1.05, 1.0, 0.0, -0.5]:
    print(f"ExponentialLR(gamma={gamma}): {lrs_at(gamma)}")

try:
    torch.optim.lr_scheduler.ExponentialLR(torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1))
except TypeError as error:
    print(f"TypeError: {error}")
