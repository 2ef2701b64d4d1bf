# docs: no-figure
import torch


def build(**kwargs):
    """Build the scheduler on a fresh optimizer; report what torch says."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, **kwargs)
    except ValueError as error:
        return None, f"ValueError: {error}"
    return (optimizer, scheduler), "accepted"


for kwargs in [dict(T_0=10, T_mult=0.5), dict(T_0=10, T_mult=1.5), dict(T_0=10, T_mult=2.0),
               dict(T_0=10, T_mult=0), dict(T_0=0), dict(T_0=-10), dict(T_0=2.5),
               dict(T_0=10, eta_min="0.001")]:
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    print(f"CosineAnnealingWarmRestarts({args}): {build(**kwargs)[1]}")

objects, verdict = build(T_0=10, eta_min=0.5)  # eta_min above the initial LR of 0.1
optimizer, scheduler = objects
used = []
for step in range(6):
    used.append(round(optimizer.param_groups[0]["lr"], 6))
    optimizer.step()
    scheduler.step()
print(f"CosineAnnealingWarmRestarts(T_0=10, eta_min=0.5): {verdict}, lr rises: {used}")

try:
    scheduler.step(-1)
except ValueError as error:
    print(f"scheduler.step(-1): ValueError: {error}")
