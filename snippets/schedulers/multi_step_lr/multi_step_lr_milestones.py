import torch


def train(milestones, steps=6):
    """LR used at each step with the given milestones; fresh optimizer and scheduler."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=milestones, gamma=0.1)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    print(f"milestones={milestones}: stored as {dict(scheduler.milestones)}, "
          f"lrs = {', '.join(f'{lr:.3g}' for lr in used)}")
    return used


lrs = {
    "[1, 3]": train([1, 3]),
    "[3, 1] (unsorted)": train([3, 1]),
    "[3, 1, 3] (3 repeated)": train([3, 1, 3]),
}
