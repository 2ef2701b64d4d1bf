import torch
from torch.optim.swa_utils import SWALR, AveragedModel

torch.manual_seed(0)
inputs = torch.randn(64, 4)
targets = inputs @ torch.tensor([1.0, -2.0, 0.5, 3.0]) + 1.0 * torch.randn(64)

model = torch.nn.Linear(4, 1)
swa_model = AveragedModel(model)  # keeps the running average of the weights
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
epochs, swa_start = 30, 20
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=40)
swa_scheduler = SWALR(optimizer, swa_lr=0.02, anneal_epochs=5, anneal_strategy="cos")


def full_loss(net):
    with torch.no_grad():
        return torch.nn.functional.mse_loss(net(inputs).squeeze(1), targets).item()


lrs, losses = [], []
for epoch in range(epochs):
    lrs.append(optimizer.param_groups[0]["lr"])
    for batch in torch.randperm(64).split(4):  # sixteen mini-batches of 4
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(inputs[batch]).squeeze(1), targets[batch])
        loss.backward()
        optimizer.step()
    losses.append(full_loss(model))
    if epoch >= swa_start:
        swa_model.update_parameters(model)
        swa_scheduler.step()
    else:
        scheduler.step()

for epoch in [0, 19, 20, 21, 23, 25, 29]:
    print(f"epoch {epoch:2d}: lr = {lrs[epoch]:.6f}")
print(f"loss of the last weights:     {full_loss(model):.5f}")
print(f"loss of the averaged weights: {full_loss(swa_model):.5f} ({swa_model.n_averaged.item()} snapshots)")
