# Warm-up, stable, decay (WSD): ramp over W steps, hold the peak, then decay linearly to 0 over the last D steps.
import torch
from torch.optim.lr_scheduler import ConstantLR, LinearLR, SequentialLR


def wsd(optimizer, warmup, stable, decay):
    ramp = LinearLR(optimizer, start_factor=1 / warmup, total_iters=warmup)
    hold = ConstantLR(optimizer, factor=1.0)
    down = LinearLR(optimizer, start_factor=1.0, end_factor=0.0, total_iters=decay)
    return SequentialLR(optimizer, [ramp, hold, down], milestones=[warmup, warmup + stable])


optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = wsd(optimizer, warmup=10, stable=70, decay=20)
lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
at_peak = [step for step, lr in enumerate(lrs) if lr == max(lrs)]
print(f"at the peak {max(lrs):.4f} from step {at_peak[0]} to step {at_peak[-1]}; last step: {lrs[-1]:.6f}")
