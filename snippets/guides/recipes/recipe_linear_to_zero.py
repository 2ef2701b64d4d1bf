# Linear decay to zero over the whole run: one LinearLR, no warm-up.
import torch
from torch.optim.lr_scheduler import LinearLR

optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = LinearLR(optimizer, start_factor=1.0, end_factor=0.0, total_iters=100)
lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
print(f"first step: {lrs[0]:.4f}  last step: {lrs[-1]:.6f}  after the run: {optimizer.param_groups[0]['lr']}")
