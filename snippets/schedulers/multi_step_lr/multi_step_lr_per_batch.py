import torch

epochs, batches_per_epoch = 10, 20
milestones_in_epochs = [4, 7]


def train(milestones, step_per_batch):
    """Return the LR of every batch; a fresh optimizer and scheduler for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=milestones, gamma=0.1)
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


in_batches = [m * batches_per_epoch for m in milestones_in_epochs]
lrs = {
    "step() per epoch, milestones=[4, 7]": train(milestones_in_epochs, step_per_batch=False),
    "step() per batch, milestones=[4, 7]": train(milestones_in_epochs, step_per_batch=True),
    "step() per batch, milestones=[80, 140]": train(in_batches, step_per_batch=True),
}
x_epochs = [b / batches_per_epoch for b in range(epochs * batches_per_epoch)]
for label, used in lrs.items():
    drops = [b for b in range(1, len(used)) if used[b] != used[b - 1]]
    print(f"{label:40s} LR drops at batches {drops}")
