import torch

epochs = 14
losses = [1.0] * epochs  # a metric that never improves after the first epoch


def run(cooldown):
    """LR used in each epoch; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, "min", factor=0.5, patience=1, cooldown=cooldown)
    used, reduced_at = [], []
    for epoch, metric in enumerate(losses):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(metric)
        if optimizer.param_groups[0]["lr"] != used[-1]:
            reduced_at.append(epoch)
    print(f"cooldown={cooldown}: lr reduced by the step() of epochs {reduced_at}")
    return used


lrs = {"patience=1, cooldown=0": run(0), "patience=1, cooldown=2": run(2)}
x_epochs = list(range(epochs))
