# docs: no-figure
# docs: expect-warning UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`
import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR, LinearLR, SequentialLR


def run(chained_first=None):
    """A ChainedScheduler alone, or as the first or second phase of a SequentialLR; fresh optimizer."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    chained = ChainedScheduler([ConstantLR(optimizer, factor=0.5, total_iters=2),
                                ExponentialLR(optimizer, gamma=0.9)])
    if chained_first is None:
        scheduler = chained
    else:
        other = LinearLR(optimizer, start_factor=0.1, total_iters=3)
        phases = [chained, other] if chained_first else [other, chained]
        scheduler = SequentialLR(optimizer, phases, milestones=[3])
    used = []
    try:
        for step in range(6):
            used.append(round(optimizer.param_groups[0]["lr"], 6))
            optimizer.step()
            scheduler.step()
    except NotImplementedError:
        return f"{used}, then NotImplementedError at the milestone"
    return used


print("ChainedScheduler alone: ", run())
print("ChainedScheduler first: ", run(chained_first=True))
print("ChainedScheduler second:", run(chained_first=False))
