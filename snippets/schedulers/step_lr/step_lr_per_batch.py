import torch

epochs, batches_per_epoch = 12, 50


def train(step_size, step_per_batch):
    """Return the LR of every batch; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=0.5)
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
    "step() per epoch, step_size=4": train(4, step_per_batch=False),
    "step() per batch, step_size=4": train(4, step_per_batch=True),
    "step() per batch, step_size=4*50": train(4 * batches_per_epoch, step_per_batch=True),
}
for label, used in lrs.items():
    print(f"{label:35s} lr in last batch = {used[-1]:.3g}")
