import torch

epochs, batches_per_epoch = 7, 20
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
# T_0 and T_mult count epochs: cycles of 1, 2 and 4 epochs
scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=1, T_mult=2, eta_min=0.001)

lrs, x_epochs = [], []
for epoch in range(epochs):
    for i in range(batches_per_epoch):
        x_epochs.append(epoch + i / batches_per_epoch)  # where this batch sits, in epochs
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        # the position of the NEXT batch: batch i trains at exactly epoch + i / batches_per_epoch
        scheduler.step(epoch + (i + 1) / batches_per_epoch)
    print(f"end of epoch {epoch}: last_epoch = {scheduler.last_epoch}, T_cur = {scheduler.T_cur:.2f}, "
          f"T_i = {scheduler.T_i}, next lr = {optimizer.param_groups[0]['lr']:.6g}")
