import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
    optimizer, mode="min", patience=10, threshold=0.5, threshold_mode="abs")

# 0.01 sets best; every later value is at or below 0.01, none rises above 0.51.
losses = [0.01] + [0.005, 0.0] * 8
lrs = []
for epoch, metric in enumerate(losses):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step(metric)
    lr = optimizer.param_groups[0]["lr"]
    if epoch == 0:
        edge = scheduler.best - scheduler.threshold
        print(f"best = {scheduler.best}, so a value improves only if it is below "
              f"best - threshold = {edge:g}")
    else:
        print(f"value {epoch:2d} after the baseline: {metric:5.3f} -> best {scheduler.best}, "
              f"num_bad_epochs {scheduler.num_bad_epochs:2d}, lr {lr:g}")

x_epochs = list(range(len(lrs)))  # one scheduler.step() per epoch


def improves_on_001(value):
    """A fresh scheduler with the same settings: baseline 0.01, then value."""
    fresh_optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=1.0)
    fresh = torch.optim.lr_scheduler.ReduceLROnPlateau(
        fresh_optimizer, mode="min", patience=10, threshold=0.5, threshold_mode="abs")
    fresh.step(0.01)
    fresh.step(value)
    return fresh.num_bad_epochs == 0


for value in [0.6, 0.51, 0.3, 0.0, -0.49, -0.5]:
    print(f"after best 0.01, {value:5.2f} is {'an improvement' if improves_on_001(value) else 'a bad epoch'}")
