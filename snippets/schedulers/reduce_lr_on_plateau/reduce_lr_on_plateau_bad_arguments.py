# docs: no-figure
import torch


def first_lrs(**kwargs):
    """LR after each of 4 steps with a constant metric, or what torch raises; fresh objects each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    try:
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **kwargs)
    except (ValueError, TypeError) as error:
        return f"constructor raises {type(error).__name__}: {error}"
    seen = []
    for step in range(4):
        optimizer.step()
        scheduler.step(1.0)
        seen.append(round(optimizer.param_groups[0]["lr"], 6))
    return seen


cases = [
    dict(factor=1.0), dict(mode="minimum"), dict(threshold_mode="relative"),
    dict(min_lr=[0.0, 0.0]), dict(verbose=True),
    dict(factor=0.0, patience=0), dict(factor=-0.5, patience=0), dict(patience=-1),
    dict(threshold=-0.1, patience=0), dict(cooldown=-1, patience=0),
]
for kwargs in cases:
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    print(f"ReduceLROnPlateau({args}): {first_lrs(**kwargs)}")

optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=1.0)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
try:
    scheduler.step()  # the metric is required
except TypeError as error:
    print(f"step() without a metric raises TypeError: {error}")
