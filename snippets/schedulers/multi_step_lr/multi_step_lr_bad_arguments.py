# docs: no-figure
import torch


def first_lrs(**kwargs):
    """LRs of the first 5 steps, or how torch fails; fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, **kwargs)
    except Exception as error:
        return f"constructor raises {type(error).__name__}: {error}"
    used = []
    for step in range(5):
        used.append(round(optimizer.param_groups[0]["lr"], 6))
        optimizer.step()
        scheduler.step()
    return used


for kwargs in [dict(milestones=2), dict(milestones=[0, 2]), dict(milestones=[-1, 1.5]),
               dict(milestones=[]), dict(milestones=[2], gamma=2.0)]:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"MultiStepLR({args}): {first_lrs(**kwargs)}")
