import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.95)

lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for step in [0, 1, 2, 10, 25, 50, 75, 99]:
    print(f"step {step:2d}: lr = {lrs[step]:.6g}")
