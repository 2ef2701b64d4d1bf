import torch
from torch.optim.lr_scheduler import StepLR

total, interrupt = 40, 6


def setup(step_size):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    return optimizer, StepLR(optimizer, step_size=step_size, gamma=0.5)


def train(optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


optimizer, scheduler = setup(step_size=10)
first_part = train(optimizer, scheduler, range(interrupt))
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
lrs = {"first run, step_size=10": first_part + train(optimizer, scheduler, range(interrupt, total))}

optimizer, scheduler = setup(step_size=16)  # the new value ...
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])  # ... is replaced by the saved one
print(f"after load_state_dict: step_size = {scheduler.step_size}")
lrs["resumed with StepLR(step_size=16)"] = first_part + train(optimizer, scheduler, range(interrupt, total))

optimizer, scheduler = setup(step_size=16)
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])
scheduler.step_size = 16  # set it again after loading
lrs["resumed, step_size set after loading"] = first_part + train(optimizer, scheduler, range(interrupt, total))

for label, used in lrs.items():
    drops = [t for t in range(1, total) if used[t] < used[t - 1]]
    print(f"{label:38s} LR drops at steps {drops}")
