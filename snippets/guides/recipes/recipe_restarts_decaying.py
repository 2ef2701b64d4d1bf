# Cosine restarts with decaying peaks: every cycle of P steps starts at decay**cycle times the peak.
import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def restarts(optimizer, period, decay):
    def factor(step):
        cycle, within = divmod(step, period)
        return decay**cycle * (1 + math.cos(math.pi * within / period)) / 2

    return LambdaLR(optimizer, factor)


optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = restarts(optimizer, period=25, decay=0.6)
lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
print("peaks:", " ".join(f"step {step}: {lrs[step]:.4f}" for step in range(0, 100, 25)))
