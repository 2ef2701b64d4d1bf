import torch
from torch.optim.lr_scheduler import LinearLR, ReduceLROnPlateau, SequentialLR

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
warmup = LinearLR(optimizer, start_factor=0.1, total_iters=5)
plateau = ReduceLROnPlateau(optimizer, factor=0.5, patience=2)
try:
    SequentialLR(optimizer, [warmup, plateau], milestones=[5])
except ValueError as error:
    print(f"ValueError: {error}")

# Workaround: switch by hand. Warm-up with LinearLR, then ReduceLROnPlateau.
val_losses = [1.0, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5, 0.5, 0.51, 0.5, 0.52, 0.5, 0.5, 0.49, 0.5, 0.5, 0.5, 0.5]
lrs = []
for epoch, val_loss in enumerate(val_losses):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    if epoch < 5:
        warmup.step()
    else:
        plateau.step(val_loss)
print("lr per epoch:", " ".join(f"{x:.4g}" for x in lrs))
