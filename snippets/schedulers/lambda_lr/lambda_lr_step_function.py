import bisect

import torch

boundaries = [40, 70, 90]  # epochs at which the factor is halved once more


def halve_at_boundaries(epoch):
    """0.5 before the first boundary, then halved again at each boundary passed."""
    return 0.5 ** (1 + bisect.bisect_right(boundaries, epoch))


model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=halve_at_boundaries)

lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

print(f"step  0: lr = {lrs[0]:.6g}")
for step in range(1, 100):
    if lrs[step] != lrs[step - 1]:
        print(f"step {step:2d}: lr = {lrs[step]:.6g}")
