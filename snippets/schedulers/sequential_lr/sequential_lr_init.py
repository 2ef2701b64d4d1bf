# docs: no-figure
import torch
from torch.optim.lr_scheduler import ExponentialLR, LinearLR, SequentialLR

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def lr():
    return optimizer.param_groups[0]["lr"]


first = LinearLR(optimizer, start_factor=0.5, total_iters=4)
print(f"after LinearLR(start_factor=0.5):      lr = {lr():.6g}")
second = LinearLR(optimizer, start_factor=0.1, total_iters=4)
print(f"after LinearLR(start_factor=0.1):      lr = {lr():.6g}")
optimizer.param_groups[0]["lr"] = 0.3  # an edit made before SequentialLR is built
print(f"after setting the lr by hand:          lr = {lr():.6g}")
scheduler = SequentialLR(optimizer, [first, second], milestones=[3])
print(f"after SequentialLR:                    lr = {lr():.6g}")
print(f"last_epoch of the sub-schedulers: {first.last_epoch}, {second.last_epoch}")
