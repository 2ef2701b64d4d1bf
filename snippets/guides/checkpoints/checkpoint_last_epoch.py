import torch

total = 20


def build_optimizer():
    model = torch.nn.Linear(2, 1)
    return torch.optim.SGD(model.parameters(), lr=0.1)


def build_scheduler(optimizer, last_epoch=-1):
    return torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5, last_epoch=last_epoch)


def train(optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


optimizer = build_optimizer()
uninterrupted = train(optimizer, build_scheduler(optimizer), range(total))

# 1. last_epoch on an optimizer that has not loaded its state
optimizer = build_optimizer()
try:
    build_scheduler(optimizer, last_epoch=11)
except KeyError as error:
    print(f"KeyError: {error.args[0]}\n")

# 2. stop after k steps, load the optimizer state, build the scheduler with last_epoch=k-1
lrs = {"uninterrupted": uninterrupted}
for k in (12, 10):  # 10 is a multiple of step_size, 12 is not
    optimizer = build_optimizer()
    train(optimizer, build_scheduler(optimizer), range(k))
    saved = optimizer.state_dict()  # holds each group's "lr" and "initial_lr"

    optimizer = build_optimizer()
    optimizer.load_state_dict(saved)
    scheduler = build_scheduler(optimizer, last_epoch=k - 1)
    lrs[f"resumed at step {k}, last_epoch={k - 1}"] = uninterrupted[:k] + train(optimizer, scheduler, range(k, total))
for label, used in lrs.items():
    print(f"{label:34s} steps 10-19: {[round(lr, 6) for lr in used[10:]]}")
