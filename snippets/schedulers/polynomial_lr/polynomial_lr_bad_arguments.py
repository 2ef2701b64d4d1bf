# docs: no-figure
import torch


def first_lrs(steps=8, **kwargs):
    """LRs of the first steps, or where and how torch fails; fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, **kwargs)
    used = []
    for step in range(steps):
        used.append(round(optimizer.param_groups[0]["lr"], 5))
        optimizer.step()
        try:
            scheduler.step()
        except ZeroDivisionError as error:
            return f"{used}, then step() {step + 1} raises ZeroDivisionError: {error}"
    return used


for kwargs in [dict(total_iters=0), dict(total_iters=-3), dict(total_iters=2.5),
               dict(power=0.0), dict(power=-1.0)]:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"PolynomialLR({args}): {first_lrs(**kwargs)}")
