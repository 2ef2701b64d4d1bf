import os
import tempfile

import torch

total, interrupt = 30, 12


def build():
    """Model, optimizer and scheduler, always built in this order."""
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total)
    return model, optimizer, scheduler


def train(model, optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.zero_grad()
        model(torch.randn(8, 2)).pow(2).mean().backward()
        optimizer.step()
        scheduler.step()
    return used


uninterrupted = train(*build(), range(total))

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "checkpoint.pt")

    # First run: stop after `interrupt` steps and save.
    model, optimizer, scheduler = build()
    before = train(model, optimizer, scheduler, range(interrupt))
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict()}, path)

    # Second run: build everything as usual, THEN load the three state dicts.
    model, optimizer, scheduler = build()
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    after = train(model, optimizer, scheduler, range(interrupt, total))

lrs = {"uninterrupted": uninterrupted, f"stopped at step {interrupt}, resumed": before + after}
print(f"LR at step {interrupt}: uninterrupted {uninterrupted[interrupt]:.6g}, resumed {after[0]:.6g}")
print("resumed run identical to the uninterrupted one:", before + after == uninterrupted)
