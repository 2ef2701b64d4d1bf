# docs: no-figure
import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.Adagrad(model.parameters(), lr=0.01)  # has neither momentum nor betas
try:
    torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50)
except ValueError as error:
    print(f"ValueError: {error}")

scheduler = torch.optim.lr_scheduler.CyclicLR(
    optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, cycle_momentum=False
)
used = []
for batch in range(101):
    used.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()
print(f"cycle_momentum=False works: lr at batches 0, 50, 100 = {used[0]:.4g}, {used[50]:.4g}, {used[100]:.4g}")
