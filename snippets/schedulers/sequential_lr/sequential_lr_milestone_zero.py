import torch
from torch.optim.lr_scheduler import ExponentialLR, LinearLR, SequentialLR


def run(milestones):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    warmup = LinearLR(optimizer, start_factor=0.1, total_iters=3)
    decay = ExponentialLR(optimizer, gamma=0.5)
    scheduler = SequentialLR(optimizer, [warmup, decay], milestones=milestones)
    used = []
    for step in range(6):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {"milestones=[3]": run([3]), "milestones=[0] (no warm-up)": run([0])}
for label, used in lrs.items():
    print(f"{label:28s}", " ".join(f"{x:.4g}" for x in used))
