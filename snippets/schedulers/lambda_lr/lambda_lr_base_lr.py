import torch


def run(lr_lambda, halve_by_hand_at=None):
    """LR of each of 60 steps; a fresh model, optimizer and scheduler per run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lr_lambda)
    used = []
    for step in range(60):
        if step == halve_by_hand_at:
            optimizer.param_groups[0]["lr"] *= 0.5  # e.g. a callback that cuts the LR
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "lambda t: 0.95 ** t": run(lambda t: 0.95 ** t),
    "lambda t: 0.95 (constant)": run(lambda t: 0.95),
    "0.95 ** t, halved by hand at step 30": run(lambda t: 0.95 ** t, halve_by_hand_at=30),
}
print(f"{'':38s}" + "".join(f"step {s:<6d}" for s in (0, 1, 2, 30, 31)))
for label, used in lrs.items():
    print(f"{label:38s}" + "".join(f"{used[s]:<11.4g}" for s in (0, 1, 2, 30, 31)))
