import torch

T_max = 100
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=T_max, eta_min=0.001)

lrs = []
for step in range(3 * T_max):  # three times longer than T_max
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

for step in (0, 50, 100, 150, 200, 250, 299):
    print(f"step {step:3d}: lr = {lrs[step]:.6g}")
