# docs: no-figure
import torch


def first_lrs(**kwargs):
    """LRs of the first 7 steps, or the constructor's error; fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, **kwargs)
    except ValueError as error:
        return f"ValueError: {error}"
    used = []
    for step in range(7):
        used.append(round(optimizer.param_groups[0]["lr"], 5))
        optimizer.step()
        scheduler.step()
    return used


for kwargs in [dict(start_factor=1.5), dict(end_factor=2.0), dict(end_factor=-0.1),
               dict(total_iters=0), dict(total_iters=-2), dict(total_iters=2.5)]:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"LinearLR({args}): {first_lrs(**kwargs)}")
