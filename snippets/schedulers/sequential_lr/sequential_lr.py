import torch

warmup_steps, total_steps = 5, 30
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=warmup_steps)
cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps - warmup_steps)
scheduler = torch.optim.lr_scheduler.SequentialLR(
    optimizer, schedulers=[warmup, cosine], milestones=[warmup_steps]
)

lrs = []
for step in range(total_steps):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for step in [0, 1, 4, 5, 6, 15, 29]:
    phase = "warm-up (LinearLR)" if step < warmup_steps else "cosine"
    print(f"step {step:2d}: lr = {lrs[step]:.6f}  {phase}")
