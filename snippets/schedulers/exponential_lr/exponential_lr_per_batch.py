import torch

epochs, batches_per_epoch = 20, 50


def train(gamma, step_per_batch):
    """Return the LR of every batch; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=gamma)
    used = []
    for epoch in range(epochs):
        for batch in range(batches_per_epoch):
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            if step_per_batch:
                scheduler.step()
        if not step_per_batch:
            scheduler.step()
    return used


lrs = {
    "step() per epoch, gamma=0.95": train(0.95, step_per_batch=False),
    "step() per batch, gamma=0.95": train(0.95, step_per_batch=True),
    "step() per batch, gamma=0.95**(1/50)": train(0.95 ** (1 / batches_per_epoch), step_per_batch=True),
}
x_epochs = [b / batches_per_epoch for b in range(epochs * batches_per_epoch)]
for label, used in lrs.items():
    starts = ", ".join(f"{used[e * batches_per_epoch]:.3g}" for e in (1, 10, 19))
    print(f"{label:38s} lr at the start of epochs 1, 10, 19: {starts}")
