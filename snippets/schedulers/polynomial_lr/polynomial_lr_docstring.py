import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=50, power=0.9)

lrs = []
for epoch in range(55):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this epoch trains with
    optimizer.step()
    scheduler.step()

for epoch in [0, 1, 2, 3, 49, 50, 51]:
    print(f"epoch {epoch:2d}: lr = {lrs[epoch]:.6g}")
