import torch
from torch.optim.lr_scheduler import ConstantLR, ExponentialLR, SequentialLR

steps, stop_after = 10, 5


def build(optimizer, last_epoch=-1):
    warmup = ConstantLR(optimizer, factor=0.1, total_iters=2, last_epoch=last_epoch)
    decay = ExponentialLR(optimizer, gamma=0.9, last_epoch=last_epoch)
    return SequentialLR(optimizer, [warmup, decay], milestones=[3], last_epoch=last_epoch)


def new_optimizer():
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)


def train(optimizer, scheduler, first, last, used):
    for step in range(first, last):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


# First run: stop after 5 steps and save a checkpoint.
optimizer = new_optimizer()
scheduler = build(optimizer)
first_run = train(optimizer, scheduler, 0, stop_after, [])
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
uninterrupted = train(optimizer, scheduler, stop_after, steps, list(first_run))

# Resume A: build everything as new, then load both state dicts.
optimizer = new_optimizer()
scheduler = build(optimizer)
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])
with_state_dict = train(optimizer, scheduler, stop_after, steps, list(first_run))

# Resume B: load the optimizer, then build the schedulers with last_epoch = steps done - 1.
optimizer = new_optimizer()
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler = build(optimizer, last_epoch=stop_after - 1)
with_last_epoch = train(optimizer, scheduler, stop_after, steps, list(first_run))

lrs = {
    "uninterrupted": uninterrupted,
    "resumed with load_state_dict()": with_state_dict,
    "resumed with last_epoch=4": with_last_epoch,
}
for label, used in lrs.items():
    print(f"{label:31s} steps {stop_after}-{steps - 1}:", " ".join(f"{x:.5g}" for x in used[stop_after:]))
