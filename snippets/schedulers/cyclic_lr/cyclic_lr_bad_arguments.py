# docs: no-figure
import torch


def first_lrs(**kwargs):
    """LRs of the first 6 batches, or how torch fails; a fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    try:
        scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, **kwargs)
    except Exception as error:
        return f"constructor raises {type(error).__name__}: {error}"
    used = []
    for batch in range(6):
        used.append(round(optimizer.param_groups[0]["lr"], 6))
        optimizer.step()
        scheduler.step()
    return used


cases = [
    dict(base_lr=0.01, max_lr=0.1, step_size_up=2, mode="triangle"),
    dict(base_lr=0.01, max_lr=0.1, step_size_up=0),
    dict(base_lr=[0.01, 0.02], max_lr=0.1, step_size_up=2),
    dict(base_lr=0.1, max_lr=0.01, step_size_up=2),
    dict(base_lr=0.01, max_lr=0.1, step_size_up=2, mode="exp_range", gamma=1.5),
    dict(base_lr=0.01, max_lr=0.1, step_size_up=2, scale_fn=lambda x: 1.0, scale_mode="cycles"),
]
for kwargs in cases:
    args = ", ".join(f"{k}={'<lambda>' if callable(v) else repr(v)}" for k, v in kwargs.items())
    print(f"CyclicLR({args}):\n    {first_lrs(**kwargs)}")

# A built-in mode overrides scale_mode without a word: exp_range always scales by step count.
optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(
    optimizer, base_lr=0.01, max_lr=0.1, mode="exp_range", gamma=0.9, scale_mode="cycle"
)
print(f"mode='exp_range', scale_mode='cycle' -> scheduler.scale_mode = {scheduler.scale_mode!r}")
