import torch


def run(scheduler_class, lr_lambda, steps=60):
    """LR of each step; a fresh model, optimizer and scheduler per run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = scheduler_class(optimizer, lr_lambda=lr_lambda)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


same_lambda = lambda epoch: 0.95 ** epoch  # noqa: E731 - one function, two schedulers
lrs = {
    "LambdaLR: 0.1 * 0.95**t": run(torch.optim.lr_scheduler.LambdaLR, same_lambda),
    "MultiplicativeLR: lr(t-1) * 0.95**t": run(torch.optim.lr_scheduler.MultiplicativeLR, same_lambda),
}
print(f"{'step':>4s}  {'LambdaLR':>12s}  {'MultiplicativeLR':>16s}")
for step in [0, 1, 2, 3, 5, 10, 20]:
    print(f"{step:4d}  {lrs['LambdaLR: 0.1 * 0.95**t'][step]:12.6g}  "
          f"{lrs['MultiplicativeLR: lr(t-1) * 0.95**t'][step]:16.6g}")
