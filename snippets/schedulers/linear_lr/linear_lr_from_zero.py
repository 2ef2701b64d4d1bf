import torch


def optimizer_for_run():
    model = torch.nn.Linear(2, 1)
    return torch.optim.SGD(model.parameters(), lr=0.1)


try:
    torch.optim.lr_scheduler.LinearLR(optimizer_for_run(), start_factor=0.0, total_iters=5)
except ValueError as error:
    print(f"LinearLR(start_factor=0.0): ValueError: {error}")


def train(make_scheduler, steps=8):
    """LR used at each step; a fresh optimizer and scheduler for each run."""
    optimizer = optimizer_for_run()
    scheduler = make_scheduler(optimizer)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "LinearLR(start_factor=1e-8, total_iters=5)":
        train(lambda opt: torch.optim.lr_scheduler.LinearLR(opt, start_factor=1e-8, total_iters=5)),
    "LambdaLR(lambda t: min(1.0, t / 5))":
        train(lambda opt: torch.optim.lr_scheduler.LambdaLR(opt, lambda t: min(1.0, t / 5))),
}
for label, used in lrs.items():
    print(f"{label:44s} " + ", ".join(f"{lr:.3g}" for lr in used))
