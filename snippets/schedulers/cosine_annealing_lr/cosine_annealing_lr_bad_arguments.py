# docs: no-figure
import torch


def lrs_at(steps, **kwargs):
    """LR after each listed number of step() calls, or where and how torch fails."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, **kwargs)
    except Exception as error:
        return f"constructor raises {type(error).__name__}: {error}"
    seen = []
    for t in range(1, max(steps) + 1):
        optimizer.step()
        try:
            scheduler.step()
        except Exception as error:
            return f"step() {t} raises {type(error).__name__}: {error}"
        if t in steps:
            seen.append(round(optimizer.param_groups[0]["lr"], 6))
    return seen


steps = (2, 5, 10, 15)
print(f"LR after {', '.join(map(str, steps))} calls to step(), SGD lr=0.1")
for kwargs in [dict(T_max=0), dict(T_max=10), dict(T_max=-10), dict(T_max=2.5),
               dict(T_max=10, eta_min=0.5), dict(T_max=10, eta_min=-0.1)]:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"CosineAnnealingLR({args}): {lrs_at(steps, **kwargs)}")
