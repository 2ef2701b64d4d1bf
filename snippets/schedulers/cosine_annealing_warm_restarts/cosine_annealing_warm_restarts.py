import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=50, T_mult=2, eta_min=0.001)

lrs, cycle_starts = [], []
for step in range(400):
    if scheduler.T_cur == 0:  # the scheduler has just restarted: a new cycle begins here
        cycle_starts.append((step, scheduler.T_i))
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for number, (start, length) in enumerate(cycle_starts, start=1):
    last = start + length - 1
    shown = f"steps {start:3d}-{last:3d}" if last < len(lrs) else f"steps {start:3d}-..."
    print(f"cycle {number}: {shown} (length {length:3d}), lr at start = {lrs[start]:.6g}")
for step in (25, 49, 100, 149, 250, 349):
    print(f"step {step:3d}: lr = {lrs[step]:.6g}")
