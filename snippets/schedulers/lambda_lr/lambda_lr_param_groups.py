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
scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=[
    lambda t: 0.0 if t < 20 else 1.0,  # group 0: backbone frozen for 20 steps
    lambda t: 0.97 ** t,               # group 1: head decays from the start
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
    torch.optim.lr_scheduler.LambdaLR(make_optimizer(), lr_lambda=[lambda t: 0.97 ** t])
except ValueError as error:
    print(f"one lambda in a list for two groups -> ValueError: {error}")
