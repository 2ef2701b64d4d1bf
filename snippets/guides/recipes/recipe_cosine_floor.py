# Cosine with a floor: half a cosine from the peak down to eta_min (here 10% of the peak), not to 0.
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = CosineAnnealingLR(optimizer, T_max=100, eta_min=0.01)
lrs = []
for step in range(101):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
print(f"step 0: {lrs[0]:.4f}  step 50: {lrs[50]:.4f}  step 100: {lrs[100]:.6f}  lowest: {min(lrs):.6f}")
