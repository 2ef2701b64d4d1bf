import torch

# A negative metric that gets slightly WORSE (higher) every epoch, e.g. a log-likelihood loss.
losses = [-1.0 + 0.005 * epoch for epoch in range(12)]


def run(threshold_mode):
    """LR used in each epoch; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, "min", factor=0.5, patience=2, threshold=0.01, threshold_mode=threshold_mode)
    used, bests = [], []
    for metric in losses:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(metric)
        bests.append(round(scheduler.best, 3))
    print(f"{threshold_mode}: best after each step {bests}")
    print(f"{threshold_mode}: lr used in each epoch {used}")
    return used


print(f"metric given to step(): {[round(m, 3) for m in losses]}")
lrs = {"threshold_mode='rel'": run("rel"), "threshold_mode='abs'": run("abs")}
x_epochs = list(range(len(losses)))
