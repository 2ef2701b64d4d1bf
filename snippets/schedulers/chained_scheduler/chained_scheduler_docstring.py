# docs: no-figure
import re

import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR

# The example in ChainedScheduler's docstring lists "lr = X if epoch == N" for this setup.
listed = {int(n): float(x) for x, n in re.findall(r"lr = ([0-9.]+)\s+if epoch == (\d+)", ChainedScheduler.__doc__)}

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler = ChainedScheduler([ConstantLR(optimizer, factor=0.1, total_iters=20), ExponentialLR(optimizer, gamma=0.9)])

computed = []
for epoch in range(max(listed) + 1):
    computed.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

print("epoch  docstring  computed   docstring / computed")
for epoch, value in sorted(listed.items()):
    print(f"{epoch:5d}  {value:<9}  {computed[epoch]:.6f}  {value / computed[epoch]:.1f}")
