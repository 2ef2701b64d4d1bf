import torch
from torch.optim.lr_scheduler import ExponentialLR
from torch.optim.swa_utils import SWALR

epochs, swa_start = 20, 8


def run(mode):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = ExponentialLR(optimizer, gamma=0.9)
    swa_scheduler = SWALR(optimizer, swa_lr=0.05, anneal_epochs=4, anneal_strategy="linear")
    used = []
    for epoch in range(epochs):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if epoch < swa_start:
            scheduler.step()
        elif mode == "either":  # the intended pattern: one scheduler at a time
            swa_scheduler.step()
        elif mode == "SWALR then main":
            swa_scheduler.step()
            scheduler.step()
        else:
            scheduler.step()
            swa_scheduler.step()
    return used


lrs = {
    "main, then SWALR only": run("either"),
    "both: SWALR.step(), then main.step()": run("SWALR then main"),
    "both: main.step(), then SWALR.step()": run("main then SWALR"),
}
for label, used in lrs.items():
    print(f"{label:38s}", " ".join(f"{x:.4f}" for x in used[swa_start:swa_start + 6]), "... last:", f"{used[-1]:.4f}")
