import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR, SequentialLR

steps = 20


def run(compose):
    """Same two sub-schedulers, fresh optimizer, composed by ChainedScheduler or SequentialLR."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    subs = [ConstantLR(optimizer, factor=0.1, total_iters=2), ExponentialLR(optimizer, gamma=0.9)]
    scheduler = compose(optimizer, subs)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "ChainedScheduler: both act every step": run(lambda opt, subs: ChainedScheduler(subs, optimizer=opt)),
    "SequentialLR(milestones=[2]): one at a time": run(lambda opt, subs: SequentialLR(opt, subs, milestones=[2])),
}
for label, used in lrs.items():
    print(f"{label:44s}", " ".join(f"{x:.4g}" for x in used[:6]))
