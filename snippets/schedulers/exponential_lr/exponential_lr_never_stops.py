import math

import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.95)

lrs = []  # the first 300 steps, for the figure
for step in range(15001):
    lr = optimizer.param_groups[0]["lr"]
    if step < 300:
        lrs.append(lr)
    if step in (0, 45, 90, 100, 300, 1000, 5000, 15000):
        print(f"step {step:5d}: lr = {lr:.3g}")
    optimizer.step()
    scheduler.step()
print(f"one tenfold drop every {math.log(0.1) / math.log(0.95):.1f} steps, forever")
