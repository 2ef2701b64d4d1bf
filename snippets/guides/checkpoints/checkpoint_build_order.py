import torch

total, interrupt = 25, 12


def build_optimizer():
    model = torch.nn.Linear(2, 1)
    return torch.optim.SGD(model.parameters(), lr=0.1)


def build_scheduler(optimizer):
    return torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=20)


def train(optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


optimizer = build_optimizer()
uninterrupted = train(optimizer, build_scheduler(optimizer), range(total))

optimizer = build_optimizer()
scheduler = build_scheduler(optimizer)
train(optimizer, scheduler, range(interrupt))
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}

lrs = {"uninterrupted": uninterrupted}
for order in ("scheduler built, then both loaded", "optimizer loaded, then scheduler built"):
    optimizer = build_optimizer()
    if order.startswith("scheduler built"):
        scheduler = build_scheduler(optimizer)
        optimizer.load_state_dict(checkpoint["optimizer"])
    else:
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler = build_scheduler(optimizer)  # the constructor multiplies the loaded LR by start_factor
    scheduler.load_state_dict(checkpoint["scheduler"])
    print(f"{order}: lr at step {interrupt} = {optimizer.param_groups[0]['lr']:.6g}")
    lrs[order] = uninterrupted[:interrupt] + train(optimizer, scheduler, range(interrupt, total))
print(f"uninterrupted: lr at step {interrupt} = {uninterrupted[interrupt]:.6g}")
