import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100, eta_min=0.001)

lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for step in range(0, 100, 10):
    print(f"step {step:3d}: lr = {lrs[step]:.6g}")
print(f"step  99: lr = {lrs[99]:.6g}  (last step trained)")
print(f"after the 100th step(): lr = {optimizer.param_groups[0]['lr']:.6g}  (= eta_min, never trained with)")
