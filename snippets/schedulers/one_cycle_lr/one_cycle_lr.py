import torch

epochs, batches_per_epoch = 10, 50

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)  # this lr is not used
scheduler = torch.optim.lr_scheduler.OneCycleLR(
    optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=batches_per_epoch
)  # total_steps = epochs * steps_per_epoch = 500

lrs, momenta, x_epochs = [], [], []
for epoch in range(epochs):
    for batch in range(batches_per_epoch):
        lrs.append(optimizer.param_groups[0]["lr"])  # the LR this batch trains with
        momenta.append(optimizer.param_groups[0]["momentum"])
        x_epochs.append(epoch + batch / batches_per_epoch)
        optimizer.step()
        scheduler.step()  # once per batch

peak = max(range(len(lrs)), key=lrs.__getitem__)
group = optimizer.param_groups[0]
print(f"batches trained: {len(lrs)} (= scheduler.total_steps = {scheduler.total_steps})")
print(f"first batch: lr = {lrs[0]:.6g} (initial_lr = {group['initial_lr']:.6g}), momentum = {momenta[0]:.4g}")
print(f"peak at batch {peak}: lr = {lrs[peak]:.6g}, momentum = {momenta[peak]:.4g}")
print(f"last batch:  lr = {lrs[-1]:.6g} (min_lr = {group['min_lr']:.6g}), momentum = {momenta[-1]:.4g}")
