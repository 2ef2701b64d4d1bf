import torch


def run(cycle_momentum):
    """LR and beta1 of every batch for a fresh Adam + CyclicLR."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=1.0, betas=(0.95, 0.999))
    scheduler = torch.optim.lr_scheduler.CyclicLR(
        optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, cycle_momentum=cycle_momentum
    )
    print(f"cycle_momentum={cycle_momentum}: after construction lr = {optimizer.param_groups[0]['lr']}, "
          f"betas = {optimizer.param_groups[0]['betas']}")
    used_lr, used_beta1 = [], []
    for batch in range(300):
        used_lr.append(optimizer.param_groups[0]["lr"])
        used_beta1.append(optimizer.param_groups[0]["betas"][0])
        optimizer.step()
        scheduler.step()
    return used_lr, used_beta1


print("Adam was built with lr=1.0, betas=(0.95, 0.999)")
lrs, cycled = run(cycle_momentum=True)
_, kept = run(cycle_momentum=False)
beta1s = {"cycle_momentum=True (default)": cycled, "cycle_momentum=False": kept}
print(f"beta1 range with cycling: {min(cycled):.3f} to {max(cycled):.3f}; "
      f"beta1 at the LR peak (batch 50): {cycled[50]:.3f}")
