import torch

epochs, batches_per_epoch = 6, 25


def train(mode):
    """LR of every batch; T_0=2, T_mult=2 meant as epochs. Fresh objects for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=2, T_mult=2)
    used = []
    for epoch in range(epochs):
        for i in range(batches_per_epoch):
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            if mode == "batch":
                scheduler.step()  # T_0 now counts batches
            elif mode == "fraction":
                scheduler.step(epoch + (i + 1) / batches_per_epoch)
        if mode == "epoch":
            scheduler.step()
    return used


lrs = {
    "step() per epoch": train("epoch"),
    "step() per batch: T_0 counts batches": train("batch"),
    "step(epoch + (i + 1) / batches) per batch": train("fraction"),
}
x_epochs = [b / batches_per_epoch for b in range(epochs * batches_per_epoch)]
for label, used in lrs.items():
    restarts = sum(1 for a, b in zip(used, used[1:]) if b > a)
    print(f"{label:42s} restarts in {epochs} epochs: {restarts}")
