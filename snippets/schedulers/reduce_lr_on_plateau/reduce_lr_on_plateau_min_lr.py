import torch

epochs = 8

model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))
optimizer = torch.optim.SGD([
    {"params": model[0].parameters(), "lr": 1.0},
    {"params": model[1].parameters(), "lr": 0.5},
])
# One floor per param group; a single float would apply to every group.
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
    optimizer, "min", factor=0.5, patience=0, min_lr=[0.1, 0.2])

lrs = {"group 0: lr=1.0, min_lr=0.1": [], "group 1: lr=0.5, min_lr=0.2": []}
for epoch in range(epochs):
    for label, group in zip(lrs, optimizer.param_groups):
        lrs[label].append(group["lr"])
    optimizer.step()
    scheduler.step(1.0)  # never improves: every epoch after the first is bad
for label, used in lrs.items():
    print(f"{label}: {[round(lr, 6) for lr in used]}")
x_epochs = list(range(epochs))
