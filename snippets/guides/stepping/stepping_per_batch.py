import torch

epochs, batches = 10, 20


def train(total_steps, step_per_batch):
    """LR of every batch for OneCycleLR(max_lr=0.1); a fresh optimizer and scheduler per run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=total_steps)
    used = []
    for epoch in range(epochs):
        for batch in range(batches):
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            if step_per_batch:
                scheduler.step()
        if not step_per_batch:
            scheduler.step()
    return used


lrs = {
    "step() per batch, total_steps=epochs*batches": train(epochs * batches, step_per_batch=True),
    "step() per epoch, total_steps=epochs*batches": train(epochs * batches, step_per_batch=False),
}
x_epochs = [i / batches for i in range(epochs * batches)]
for label, used in lrs.items():
    print(f"{label}: peak lr = {max(used):.4g}, last lr = {used[-1]:.4g}")

try:
    train(epochs, step_per_batch=True)  # total_steps counted in epochs, stepped per batch
except ValueError as error:
    print(f"step() per batch, total_steps=epochs: ValueError: {error}")
