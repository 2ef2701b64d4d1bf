import torch


def run(three_phase):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=0.1, total_steps=500, three_phase=three_phase
    )
    used_lr, used_momentum = [], []
    for batch in range(500):
        used_lr.append(optimizer.param_groups[0]["lr"])
        used_momentum.append(optimizer.param_groups[0]["momentum"])
        optimizer.step()
        scheduler.step()
    return used_lr, used_momentum


lrs, momenta = {}, {}
for three_phase in [False, True]:
    lrs[f"three_phase={three_phase}"], momenta[f"three_phase={three_phase}"] = run(three_phase)

print("batch  two phases  three phases")
for batch in [0, 149, 298, 400, 499]:
    print(f"{batch:5d}  {lrs['three_phase=False'][batch]:<10.4g}  {lrs['three_phase=True'][batch]:.4g}")
