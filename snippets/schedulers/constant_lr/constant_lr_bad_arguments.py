# docs: no-figure
import torch


def first_lrs(**kwargs):
    """LRs of the first 8 steps, or where and how torch fails; fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, **kwargs)
    except ValueError as error:
        return f"ValueError: {error}"
    used = []
    for step in range(8):
        used.append(round(optimizer.param_groups[0]["lr"], 4))
        optimizer.step()
        try:
            scheduler.step()
        except ZeroDivisionError as error:
            return f"{used}, then step() {step + 1} raises ZeroDivisionError: {error}"
    return used


for kwargs in [dict(factor=2), dict(factor=-0.5), dict(factor=0), dict(factor=1),
               dict(total_iters=0), dict(total_iters=2.5)]:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"ConstantLR({args}): {first_lrs(**kwargs)}")
