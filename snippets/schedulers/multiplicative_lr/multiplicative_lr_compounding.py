import torch


def run(lr_lambda, steps=80):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lr_lambda=lr_lambda)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "0.5 if epoch >= 40 else 1.0 (a level)": run(lambda epoch: 0.5 if epoch >= 40 else 1.0),
    "0.5 if epoch == 40 else 1.0 (a one-off factor)": run(lambda epoch: 0.5 if epoch == 40 else 1.0),
}
for label, used in lrs.items():
    print(f"{label:48s} step 39: {used[39]:.3g}  step 40: {used[40]:.3g}  "
          f"step 41: {used[41]:.3g}  step 79: {used[79]:.3g}")
