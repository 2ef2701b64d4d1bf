# Warm-up + cosine: a linear ramp over W steps, then half a cosine down to 0 at step T.
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def warmup_cosine(optimizer, warmup, total):
    ramp = LinearLR(optimizer, start_factor=1 / warmup, total_iters=warmup)
    decay = CosineAnnealingLR(optimizer, T_max=total - warmup)
    return SequentialLR(optimizer, [ramp, decay], milestones=[warmup])


optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)  # the peak LR
scheduler = warmup_cosine(optimizer, warmup=10, total=100)
lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
print(f"step 0: {lrs[0]:.4f}  peak at step {lrs.index(max(lrs))}: {max(lrs):.4f}  last step: {lrs[-1]:.6f}")
