import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer)  # factor=1/3, total_iters=5

lrs = []
for step in range(10):
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this step trains with
    optimizer.step()
    scheduler.step()

for step, lr in enumerate(lrs):
    print(f"step {step}: lr = {lr:.6g}")
