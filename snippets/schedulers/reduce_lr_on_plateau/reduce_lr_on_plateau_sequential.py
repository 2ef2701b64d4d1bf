# docs: no-figure
import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min")

try:
    torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, plateau], milestones=[5])
except ValueError as error:
    print(f"ValueError: {error}")
try:
    torch.optim.lr_scheduler.ChainedScheduler([warmup, plateau])
except ValueError as error:
    print(f"ValueError: {error}")
