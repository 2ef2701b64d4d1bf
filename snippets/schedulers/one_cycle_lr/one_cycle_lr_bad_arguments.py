# docs: no-figure
import torch


def build(optimizer_class=torch.optim.SGD, **kwargs):
    """Build a OneCycleLR on a fresh optimizer and report what happens."""
    model = torch.nn.Linear(2, 1)
    extra = {"momentum": 0.9} if optimizer_class is torch.optim.SGD else {}
    optimizer = optimizer_class(model.parameters(), lr=0.1, **extra)
    try:
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, **kwargs)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return f"accepted, total_steps = {scheduler.total_steps}"


cases = [
    dict(),
    dict(epochs=10),
    dict(total_steps=100.0),
    dict(total_steps=100, pct_start=1),
    dict(total_steps=100, anneal_strategy="cosine"),
    dict(total_steps=100, epochs=10, steps_per_epoch=50),
    dict(optimizer_class=torch.optim.Adagrad, total_steps=100),
]
for kwargs in cases:
    args = ", ".join(f"{k}={v.__name__ if isinstance(v, type) else repr(v)}" for k, v in kwargs.items())
    print(f"OneCycleLR(max_lr=0.1{', ' + args if args else ''}):\n    {build(**kwargs)}")
