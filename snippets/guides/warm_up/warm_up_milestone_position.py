# docs: no-figure
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

W, T, PEAK = 10, 100, 0.1


def warm_up_then_cosine(total_iters, milestone):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=PEAK)
    warm_up = LinearLR(optimizer, start_factor=1 / W, total_iters=total_iters)
    cosine = CosineAnnealingLR(optimizer, T_max=T - milestone)
    scheduler = SequentialLR(optimizer, [warm_up, cosine], milestones=[milestone])
    used = []
    for step in range(20):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "total_iters=10, milestones=[10]": warm_up_then_cosine(10, 10),
    "total_iters=10, milestones=[9]": warm_up_then_cosine(10, 9),
    "total_iters=10, milestones=[11]": warm_up_then_cosine(10, 11),
    "total_iters=9, milestones=[9]": warm_up_then_cosine(9, 9),
}
print("steps 7 to 12:")
for label, used in lrs.items():
    print(f"  {label:32s} {', '.join(f'{lr:.5f}' for lr in used[7:13])}")
