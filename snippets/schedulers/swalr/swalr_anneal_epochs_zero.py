import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.optim.swa_utils import SWALR

epochs, swa_start = 20, 12


def run(build_swalr_early):
    """Main cosine schedule, then SWALR(anneal_epochs=0) from swa_start; fresh optimizer."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
    swa_scheduler = SWALR(optimizer, swa_lr=0.03, anneal_epochs=0) if build_swalr_early else None
    used = []
    for epoch in range(epochs):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if epoch >= swa_start:
            if swa_scheduler is None:
                swa_scheduler = SWALR(optimizer, swa_lr=0.03, anneal_epochs=0)
            swa_scheduler.step()
        else:
            scheduler.step()
    return used


lrs = {"SWALR built at the start": run(True), "SWALR built at swa_start": run(False)}
for label, used in lrs.items():
    print(f"{label:25s} epoch 0: {used[0]:.4g}, epoch {swa_start}: {used[swa_start]:.4g}, "
          f"last: {used[-1]:.4g}")
