# docs: no-figure
import torch
from torch.optim.swa_utils import SWALR


def attempt(**kwargs):
    """Build SWALR on a fresh optimizer (lr=0.1) and step it 3 times; report the LRs or the error."""
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    try:
        scheduler = SWALR(optimizer, **kwargs)
    except Exception as error:
        print(f"SWALR({args}): {type(error).__name__}: {error}")
        return
    used = []
    for step in range(4):
        used.append(round(optimizer.param_groups[0]["lr"], 6))
        optimizer.step()
        scheduler.step()
    print(f"SWALR({args}): accepted, lrs {used}")


attempt()
attempt(swa_lr=0.01, anneal_epochs=-1)
attempt(swa_lr=0.01, anneal_epochs=2.0)
attempt(swa_lr=0.01, anneal_epochs=True)
attempt(swa_lr=0.01, anneal_strategy="exp")
attempt(swa_lr=0.01, anneal_strategy="Cos")
attempt(swa_lr=[0.01, 0.02])
attempt(swa_lr=-0.01, anneal_epochs=2)
