import torch


def run(scheduler_class, steps=6):
    """LRs used and the epochs the scheduler passed to the function."""
    calls = []

    def halve(epoch):
        calls.append(epoch)
        return 0.5

    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = scheduler_class(optimizer, lr_lambda=halve)
    after_constructor = list(calls)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used, after_constructor, calls


lrs = {}
for scheduler_class in (torch.optim.lr_scheduler.LambdaLR, torch.optim.lr_scheduler.MultiplicativeLR):
    used, after_constructor, calls = run(scheduler_class)
    lrs[scheduler_class.__name__] = used
    print(f"{scheduler_class.__name__}: calls after constructor {after_constructor}, "
          f"after 6 steps {calls}")
    print(f"    LRs used: {[round(lr, 6) for lr in used]}")
