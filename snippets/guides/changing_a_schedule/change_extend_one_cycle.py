import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, OneCycleLR

planned, interrupt, extended = 40, 30, 60  # a 40-step one-cycle run, stopped at 30, to finish at 60


def setup(total_steps):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
    return optimizer, OneCycleLR(optimizer, max_lr=0.1, total_steps=total_steps)


def train(optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


def resumed():
    """Build as in the first run, load the checkpoint taken after `interrupt` steps."""
    optimizer, scheduler = setup(planned)
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return optimizer, scheduler


optimizer, scheduler = setup(planned)
first_part = train(optimizer, scheduler, range(interrupt))
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
lrs = {"planned: 40 steps": first_part + train(optimizer, scheduler, range(interrupt, planned))}

# 1. Resume unchanged and keep going: step() number 41 raises.
optimizer, scheduler = resumed()
try:
    train(optimizer, scheduler, range(interrupt, extended))
except ValueError as error:
    print(f"unchanged:  ValueError: {error}")

# 2. Edit total_steps only: no error, but the phases keep their old end, and the LR climbs again.
optimizer, scheduler = resumed()
scheduler.total_steps = extended
lrs["total_steps set to 60 after loading"] = first_part + train(optimizer, scheduler, range(interrupt, extended))

# 3. A new 60-step OneCycleLR, replayed to step 30: the run continues on the 60-step curve (a jump at 30).
stand_in, schedule = setup(extended)
train(stand_in, schedule, range(interrupt))
optimizer, scheduler = setup(extended)
optimizer.load_state_dict(checkpoint["optimizer"])
for group, new_group in zip(optimizer.param_groups, stand_in.param_groups, strict=True):
    group.update({key: value for key, value in new_group.items() if key != "params"})
scheduler.load_state_dict(schedule.state_dict())
lrs["new 60-step OneCycleLR, replayed"] = first_part + train(optimizer, scheduler, range(interrupt, extended))

# 4. Keep the LR reached at step 30 and anneal it to the same final LR over the 30 steps left.
optimizer, _ = resumed()
for group in optimizer.param_groups:
    group["initial_lr"] = group["lr"]  # the new scheduler's base LR is the LR reached so far
last = extended - 1 - interrupt  # scheduler steps from step 30 to the last step, 59
tail = CosineAnnealingLR(optimizer, T_max=last, eta_min=optimizer.param_groups[0]["min_lr"])
lrs["cosine from step 30 to the same final LR"] = first_part + train(optimizer, tail, range(interrupt, extended))

for label, used in lrs.items():
    values = ", ".join(f"{t}: {used[t]:.3g}" for t in (interrupt - 1, interrupt, planned - 1, extended - 1)
                       if t < len(used))
    print(f"{label:42s} LR at steps {values}; highest after step {interrupt}: {max(used[interrupt:]):.3g}")
