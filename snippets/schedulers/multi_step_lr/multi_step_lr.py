import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[200, 350], gamma=0.5)

lrs = []
for step in range(500):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for step in range(1, 500):
    if lrs[step] != lrs[step - 1]:
        print(f"step {step:3d}: lr {lrs[step - 1]:.6g} -> {lrs[step]:.6g}")
print(f"last step (499): lr = {lrs[-1]:.6g}")
