import torch

total, interrupt = 20, 12


def build_optimizer():
    model = torch.nn.Linear(2, 1)
    return torch.optim.SGD(model.parameters(), lr=0.1)


def train(optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


optimizer = build_optimizer()
uninterrupted = train(optimizer, torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5), range(total))

optimizer = build_optimizer()
train(optimizer, torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5), range(interrupt))
saved = optimizer.state_dict()  # holds each group's "lr" and "initial_lr"

# 1. last_epoch on an optimizer that has not loaded its state
optimizer = build_optimizer()
try:
    torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5, last_epoch=interrupt - 1)
except KeyError as error:
    print(f"KeyError: {error.args[0]}\n")

# 2. after optimizer.load_state_dict(): last_epoch = steps done - 1, or (wrong) = steps done
lrs = {"uninterrupted": uninterrupted}
for last_epoch in (interrupt - 1, interrupt):
    optimizer = build_optimizer()
    optimizer.load_state_dict(saved)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5, last_epoch=last_epoch)
    lrs[f"resumed with last_epoch={last_epoch}"] = uninterrupted[:interrupt] + train(
        optimizer, scheduler, range(interrupt, total))
for label, used in lrs.items():
    print(f"{label:27s} steps {interrupt}-{total - 1}: {[round(lr, 6) for lr in used[interrupt:]]}")
