import torch

epochs, batches_per_epoch = 10, 50


def train(step_per_batch):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=batches_per_epoch
    )
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
    print(f"{label:17s} highest lr = {max(used):.4g}, last lr = {used[-1]:.4g}")
