import torch


def train(set_lr_at=None, with_exponential=False, steps=10):
    """LR used at each step; a fresh optimizer and schedulers for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    schedulers = [torch.optim.lr_scheduler.ConstantLR(optimizer)]  # factor=1/3, total_iters=5
    if with_exponential:
        schedulers.append(torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9))
    used = []
    for step in range(steps):
        if step == set_lr_at:
            optimizer.param_groups[0]["lr"] = 0.01  # e.g. a manual "lower the LR" intervention
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        for scheduler in schedulers:
            scheduler.step()
    return used


lrs = {
    "ConstantLR alone": train(),
    "LR set to 0.01 by hand at step 2": train(set_lr_at=2),
    "ConstantLR + ExponentialLR(gamma=0.9)": train(with_exponential=True),
}
for label, used in lrs.items():
    print(f"{label:38s} steps 4, 5, 6: " + ", ".join(f"{lr:.4g}" for lr in used[4:7]))
