import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.05, total_iters=40)

lrs = []
for epoch in range(45):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this epoch trains with
    optimizer.step()
    scheduler.step()

for epoch in [0, 1, 2, 3, 4, 39, 40, 41]:
    print(f"epoch {epoch:2d}: lr = {lrs[epoch]:.6g}")
