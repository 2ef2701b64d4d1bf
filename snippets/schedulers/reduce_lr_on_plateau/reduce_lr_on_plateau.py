import torch

torch.manual_seed(0)
noise = torch.Generator().manual_seed(0)  # the synthetic validation noise has its own seed

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min")


def validation_loss(level, lr):
    """Toy validation loss: it settles towards a floor that is lower when the LR is lower."""
    floor = 0.2 + 4 * lr
    level = floor + 0.75 * (level - floor)
    noisy = level * (1 + 0.01 * torch.randn(1, generator=noise).item())
    return level, noisy


level = 2.0
lrs, losses = [], []
for epoch in range(150):
    lr = optimizer.param_groups[0]["lr"]
    lrs.append(lr)  # the LR this epoch trains with
    optimizer.step()  # stands for a whole training epoch
    level, val_loss = validation_loss(level, lr)
    losses.append(val_loss)
    scheduler.step(val_loss)  # the metric goes into step()
    new_lr = optimizer.param_groups[0]["lr"]
    if new_lr != lr:
        print(f"epoch {epoch:3d}: val_loss {val_loss:.4f}, best {scheduler.best:.4f} "
              f"-> lr {lr:.0e} becomes {new_lr:.0e}")

x_epochs = list(range(len(lrs)))  # one scheduler.step() per epoch

print(f"get_last_lr() at the end: {scheduler.get_last_lr()}")
