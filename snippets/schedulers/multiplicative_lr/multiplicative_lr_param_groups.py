import torch


def make_optimizer():
    """Two param groups: a pretrained backbone with a small LR and a new head."""
    torch.manual_seed(0)
    backbone, head = torch.nn.Linear(4, 4), torch.nn.Linear(4, 1)
    return torch.optim.SGD([
        {"params": backbone.parameters(), "lr": 0.01},
        {"params": head.parameters(), "lr": 0.1},
    ])


optimizer = make_optimizer()
scheduler = torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lr_lambda=[
    lambda epoch: 0.98,                              # group 0: shrink a little every step
    lambda epoch: 0.5 if epoch % 20 == 0 else 1.0,   # group 1: halve every 20 steps
])

lrs = {"group 0: backbone, lr=0.01": [], "group 1: head, lr=0.1": []}
for step in range(60):
    for group, curve in zip(optimizer.param_groups, lrs.values()):
        curve.append(group["lr"])
    optimizer.step()
    scheduler.step()

for step in [0, 19, 20, 59]:
    print(f"step {step:2d}: " + ", ".join(f"{curve[step]:.4g}" for curve in lrs.values()))

try:
    torch.optim.lr_scheduler.MultiplicativeLR(make_optimizer(), lr_lambda=[lambda epoch: 0.98])
except ValueError as error:
    print(f"one lambda in a list for two groups -> ValueError: {error}")

optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": 0.05})
optimizer.step()
try:
    scheduler.step()
except ValueError as error:
    print(f"step() after add_param_group -> ValueError: {error}")
