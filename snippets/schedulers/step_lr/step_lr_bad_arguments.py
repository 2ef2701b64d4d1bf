# docs: no-figure
import torch


def first_lrs(**kwargs):
    """LRs of the first 4 steps, or where and how torch fails; fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, **kwargs)
    except Exception as error:
        return f"constructor raises {type(error).__name__}: {error}"
    lrs = []
    for step in range(4):
        lrs.append(round(optimizer.param_groups[0]["lr"], 6))
        optimizer.step()
        try:
            scheduler.step()
        except Exception as error:
            return f"step() {step + 1} raises {type(error).__name__}: {error}"
    return lrs


for kwargs in [dict(step_size=0), dict(step_size=-1), dict(step_size=1.5),
               dict(step_size=1, gamma=2.0), dict(step_size=1, gamma=-1.0)]:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"StepLR({args}): {first_lrs(**kwargs)}")
