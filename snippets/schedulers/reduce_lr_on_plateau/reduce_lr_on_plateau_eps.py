import torch

epochs = 8


def run(eps):
    """LR used in each epoch, starting from lr=1e-7 with a metric that never improves."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-7)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, "min", factor=0.5, patience=0, eps=eps)
    used = []
    for epoch in range(epochs):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(1.0)
    print(f"eps={eps:g}: {[f'{lr:.4g}' for lr in used]}")
    return used


lrs = {"eps=1e-8 (default)": run(1e-8), "eps=0": run(0.0)}
x_epochs = list(range(epochs))
