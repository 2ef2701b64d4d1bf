# docs: no-figure
import torch

for optimizer_lr in [1.0, 0.1, 1e-5]:
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=optimizer_lr, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=0.1, total_steps=100, div_factor=25.0, final_div_factor=1e4
    )
    group = optimizer.param_groups[0]
    print(f"SGD(lr={optimizer_lr:g}): lr after construction = {group['lr']:.6g}, "
          f"initial_lr = {group['initial_lr']:.6g}, min_lr = {group['min_lr']:.6g}")
