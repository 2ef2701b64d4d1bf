import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=200, gamma=0.5)

lrs = []
for step in range(800):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for step in range(0, 800, 100):
    print(f"step {step:3d}: lr = {lrs[step]:.6g}")
