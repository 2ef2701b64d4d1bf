import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999))
print(f"betas before: {optimizer.param_groups[0]['betas']}")
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, total_steps=500)
print(f"betas after construction: {optimizer.param_groups[0]['betas']}")

lrs, beta1s = [], []
for batch in range(500):
    lrs.append(optimizer.param_groups[0]["lr"])
    beta1s.append(optimizer.param_groups[0]["betas"][0])
    optimizer.step()
    scheduler.step()

peak = max(range(500), key=lrs.__getitem__)
print(f"beta1: {beta1s[0]:.4g} at the start, {beta1s[peak]:.4g} at the LR peak (batch {peak}), "
      f"{beta1s[-1]:.4g} in the last batch")
