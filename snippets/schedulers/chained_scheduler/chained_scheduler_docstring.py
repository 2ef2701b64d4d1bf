# docs: no-figure
import re

import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR

# The example in ChainedScheduler's docstring: its setup and the LRs it lists ("lr = X if epoch == N").
doc = ChainedScheduler.__doc__
base_lr = float(re.search(r"uses lr = ([0-9.]+) for all groups", doc).group(1))
factor, total_iters = re.search(r"ConstantLR\(\w+(?:\.\w+)?, factor=([0-9.]+), total_iters=(\d+)\)", doc).groups()
gamma = re.search(r"ExponentialLR\(\w+(?:\.\w+)?, gamma=([0-9.]+)\)", doc).group(1)
listed = {int(n): float(x) for x, n in re.findall(r"lr = ([0-9.]+)\s+if epoch == (\d+)", doc)}

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=base_lr)
constant = ConstantLR(optimizer, factor=float(factor), total_iters=int(total_iters))
scheduler = ChainedScheduler([constant, ExponentialLR(optimizer, gamma=float(gamma))])

computed = []
for epoch in range(max(listed) + 1):
    computed.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

print(f"docstring setup: lr={base_lr}, ConstantLR(factor={factor}, total_iters={total_iters}), "
      f"ExponentialLR(gamma={gamma})")
print("epoch  docstring  computed   docstring / computed")
for epoch, value in sorted(listed.items()):
    print(f"{epoch:5d}  {value:<9}  {computed[epoch]:.6f}  {value / computed[epoch]:.2f}")
