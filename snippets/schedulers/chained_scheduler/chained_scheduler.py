import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
constant = ConstantLR(optimizer, factor=0.1, total_iters=20)  # x0.1 for the first 20 steps
exponential = ExponentialLR(optimizer, gamma=0.9)  # x0.9 every step
scheduler = ChainedScheduler([constant, exponential], optimizer=optimizer)

lrs = []
for step in range(40):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()  # constant.step(), then exponential.step()

for step in [0, 1, 2, 19, 20, 21, 39]:
    print(f"step {step:2d}: lr = {lrs[step]:.6g}")
