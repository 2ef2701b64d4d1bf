# Inverse square root: a linear ramp over W steps, then the LR falls as sqrt(W / step).
import torch
from torch.optim.lr_scheduler import LambdaLR


def inverse_sqrt(optimizer, warmup):
    return LambdaLR(optimizer, lambda step: step / warmup if step < warmup else (warmup / step) ** 0.5)


optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = inverse_sqrt(optimizer, warmup=10)
lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
print(f"step 0: {lrs[0]}  step 10: {lrs[10]:.4f}  step 40: {lrs[40]:.4f}  step 90: {lrs[90]:.6f}")
