import torch
from torch.optim.lr_scheduler import OneCycleLR

torch.manual_seed(0)
total, unfreeze_at = 30, 10
backbone, head = torch.nn.Linear(4, 4), torch.nn.Linear(4, 1)
backbone.requires_grad_(False)  # frozen at first, but already in the optimizer
optimizer = torch.optim.SGD([{"params": backbone.parameters(), "lr": 0.01},
                             {"params": head.parameters()}], lr=0.1, momentum=0.9)
scheduler = OneCycleLR(optimizer, max_lr=[0.01, 0.1], total_steps=total)

lrs = {"backbone group": [], "head group": []}
before = backbone.weight.clone()
for t in range(total):
    if t == unfreeze_at:
        print(f"backbone unchanged while frozen: {torch.equal(backbone.weight, before)}")
        backbone.requires_grad_(True)
    lrs["backbone group"].append(optimizer.param_groups[0]["lr"])
    lrs["head group"].append(optimizer.param_groups[1]["lr"])
    optimizer.zero_grad()
    head(backbone(torch.randn(8, 4))).pow(2).mean().backward()
    optimizer.step()
    scheduler.step()
print(f"backbone trained after step {unfreeze_at}: {not torch.equal(backbone.weight, before)}")
ratios = {round(b / h, 12) for b, h in zip(lrs["backbone group"], lrs["head group"], strict=True)}
print(f"backbone LR / head LR at every step: {sorted(ratios)}")
