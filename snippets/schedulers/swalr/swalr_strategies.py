import torch
from torch.optim.swa_utils import SWALR


def run(strategy):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = SWALR(optimizer, swa_lr=0.01, anneal_epochs=10, anneal_strategy=strategy)
    used = []
    for step in range(15):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {"anneal_strategy='cos'": run("cos"), "anneal_strategy='linear'": run("linear")}
for label, used in lrs.items():
    print(f"{label:25s}", " ".join(f"{x:.4f}" for x in used))
