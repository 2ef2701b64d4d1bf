# docs: no-figure
# A run resumed through `last_epoch`: the optimizer comes back with lr 0.05 and initial_lr 0.1 (as
# optimizer.load_state_dict() restores them), then each scheduler is built with last_epoch=3.
# Where the constructor's first step runs in "initial mode", the restored LR stays 0.05.
import torch
from torch.optim import lr_scheduler


def restored_optimizer():
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=0.05)
    optimizer.param_groups[0]["initial_lr"] = 0.1
    return optimizer


builders = {
    "ExponentialLR(gamma=0.5)": lambda o: lr_scheduler.ExponentialLR(o, gamma=0.5, last_epoch=3),
    "MultiplicativeLR(lambda e: 0.5)": lambda o: lr_scheduler.MultiplicativeLR(o, lambda e: 0.5, last_epoch=3),
    "LinearLR(start_factor=0.5, total_iters=10)": lambda o: lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=10, last_epoch=3),
    "PolynomialLR(total_iters=10)": lambda o: lr_scheduler.PolynomialLR(o, total_iters=10, last_epoch=3),
    "CosineAnnealingLR(T_max=10)": lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=10, last_epoch=3),
    "StepLR(step_size=2)": lambda o: lr_scheduler.StepLR(o, step_size=2, last_epoch=3),
}
for name, build in builders.items():
    optimizer = restored_optimizer()
    build(optimizer)
    print(f"{name:44} lr after construction: {optimizer.param_groups[0]['lr']!r}")
