import torch

epochs, batches_per_epoch = 20, 25


def train(step_per_batch):
    """LR of every batch; step_size_up=50 is meant as 50 batches (two epochs)."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50)
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


lrs = {"step() per batch": train(step_per_batch=True), "step() per epoch": train(step_per_batch=False)}
x_epochs = [b / batches_per_epoch for b in range(epochs * batches_per_epoch)]
for label, used in lrs.items():
    print(f"{label:17s} highest lr in {epochs} epochs = {max(used):.4f}")
