import torch
from torch.optim.lr_scheduler import LambdaLR, LinearLR

W, PEAK = 10, 0.1

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=PEAK)
try:
    LinearLR(optimizer, start_factor=0.0, total_iters=W)
except ValueError as error:
    print(f"LinearLR(start_factor=0.0): ValueError: {error}")


def first_steps(optimizer_class, factor):
    """LR of the first steps, and whether the first optimizer.step() moved the weights."""
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    optimizer = optimizer_class(model.parameters(), lr=PEAK)
    scheduler = LambdaLR(optimizer, factor)
    inputs, targets = torch.randn(8, 2), torch.randn(8, 1)
    used, moved = [], []
    for step in range(15):
        before = [p.detach().clone() for p in model.parameters()]
        loss = torch.nn.functional.mse_loss(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
        moved.append(any(not torch.equal(b, p) for b, p in zip(before, model.parameters())))
    return used, moved


lrs = {}
for name, factor in [("t/W (starts at 0)", lambda t: min(1.0, t / W)),
                     ("(t+1)/W (starts at PEAK/W)", lambda t: min(1.0, (t + 1) / W))]:
    for optimizer_class in (torch.optim.SGD, torch.optim.AdamW):
        used, moved = first_steps(optimizer_class, factor)
        print(f"{name:27s} {optimizer_class.__name__:5s}: lr at step 0 = {used[0]:.3f}, "
              f"step 0 moved the weights: {moved[0]}, step 1 moved them: {moved[1]}")
    lrs[name] = used
