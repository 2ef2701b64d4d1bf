import torch

steps_before, steps_after = 3, 7


def new_run():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    return model, torch.optim.SGD(model.parameters(), lr=0.1)


def step_and_record(optimizer, scheduler, steps, used):
    for _ in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()


# First run: 3 steps, then save a checkpoint.
model, optimizer = new_run()
scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer)  # factor=1/3, total_iters=5
first = []
step_and_record(optimizer, scheduler, steps_before, first)
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}


def resume(build_scheduler_first):
    model, optimizer = new_run()
    if build_scheduler_first:  # right: the constructor scales the fresh LR, the load overwrites it
        scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer)
        optimizer.load_state_dict(checkpoint["optimizer"])
    else:  # wrong: the constructor scales the LR that was just loaded
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer)
    scheduler.load_state_dict(checkpoint["scheduler"])
    used = list(first)
    step_and_record(optimizer, scheduler, steps_after, used)
    return used


lrs = {
    "scheduler built, then state loaded": resume(build_scheduler_first=True),
    "state loaded, then scheduler built": resume(build_scheduler_first=False),
}
for label, used in lrs.items():
    print(f"{label:36s} lr after resuming: " + ", ".join(f"{lr:.4g}" for lr in used[steps_before:]))
