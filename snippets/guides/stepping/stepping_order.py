# docs: expect-warning UserWarning: Detected call of
import torch


def train(scheduler_first):
    """LR used in each of 9 epochs; a fresh model, optimizer and scheduler per run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)
    used = []
    for epoch in range(9):
        if scheduler_first:
            scheduler.step()  # the pre-1.1 habit: step the schedule at the start of the epoch
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()  # stands in for a whole epoch of optimizer steps
        if not scheduler_first:
            scheduler.step()
    return used


lrs = {
    "optimizer.step() then scheduler.step()": train(scheduler_first=False),
    "scheduler.step() then optimizer.step()": train(scheduler_first=True),
}
x_epochs = list(range(9))
for label, used in lrs.items():
    print(f"{label}: {[round(lr, 6) for lr in used]}")
