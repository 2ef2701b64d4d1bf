import torch


def run(cycle_momentum):
    """A plain SGD (lr=0.5, no momentum) handed to CyclicLR; returns LR and momentum per batch."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)  # momentum defaults to 0
    group = optimizer.param_groups[0]
    before = (group["lr"], group["momentum"])
    scheduler = torch.optim.lr_scheduler.CyclicLR(
        optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, cycle_momentum=cycle_momentum
    )
    print(f"cycle_momentum={cycle_momentum!s:5}: (lr, momentum) {before} -> {(group['lr'], group['momentum'])}")
    used_lr, used_momentum = [], []
    for batch in range(200):
        used_lr.append(group["lr"])
        used_momentum.append(group["momentum"])
        optimizer.step()
        scheduler.step()
    return used_lr, used_momentum


lrs, with_cycling = run(cycle_momentum=True)
_, without = run(cycle_momentum=False)
momenta = {"cycle_momentum=True (default)": with_cycling, "cycle_momentum=False": without}
