import torch
from torch.optim.swa_utils import SWALR

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(
    [{"params": [model.weight], "lr": 0.1}, {"params": [model.bias], "lr": 0.2}]
)
scheduler = SWALR(optimizer, swa_lr=[0.01, 0.05], anneal_epochs=4, anneal_strategy="linear")

lrs = {"group 0: 0.1 -> 0.01": [], "group 1: 0.2 -> 0.05": []}
for step in range(7):
    for group, trace in zip(optimizer.param_groups, lrs.values()):
        trace.append(group["lr"])
    optimizer.step()
    scheduler.step()

for label, trace in lrs.items():
    print(f"{label}:", " ".join(f"{x:.4f}" for x in trace))
