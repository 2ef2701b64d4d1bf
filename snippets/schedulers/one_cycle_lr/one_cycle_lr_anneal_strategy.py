import torch


def run(anneal_strategy):
    """LR and momentum of every batch of a fresh 500-batch one-cycle run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=0.1, total_steps=500, anneal_strategy=anneal_strategy
    )
    used_lr, used_momentum = [], []
    for batch in range(500):
        used_lr.append(optimizer.param_groups[0]["lr"])
        used_momentum.append(optimizer.param_groups[0]["momentum"])
        optimizer.step()
        scheduler.step()
    return used_lr, used_momentum


lrs, momenta = {}, {}
for strategy in ["cos", "linear"]:
    lrs[f"anneal_strategy='{strategy}'"], momenta[f"anneal_strategy='{strategy}'"] = run(strategy)

cos, linear = lrs.values()
print("batch  cos       linear")
for batch in [0, 75, 149, 250, 325, 400, 499]:
    print(f"{batch:5d}  {cos[batch]:<9.4g} {linear[batch]:.4g}")
