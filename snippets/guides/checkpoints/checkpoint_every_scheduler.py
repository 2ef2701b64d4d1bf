# docs: no-figure
import io

import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

total, interrupt = 30, 12
generator = torch.Generator().manual_seed(0)
metrics = [1 / (1 + t) + 0.1 * torch.rand(1, generator=generator).item() for t in range(total)]


def warmup_then_decay(opt, last_epoch=-1):
    return [sched.LinearLR(opt, start_factor=0.1, total_iters=5, last_epoch=last_epoch),
            sched.ExponentialLR(opt, gamma=0.9, last_epoch=last_epoch)]


# name -> function(optimizer, last_epoch) building a fresh scheduler (and fresh sub-schedulers)
CASES = {
    "LambdaLR": lambda opt, e=-1: sched.LambdaLR(opt, lambda t: 0.9**t, last_epoch=e),
    "MultiplicativeLR": lambda opt, e=-1: sched.MultiplicativeLR(opt, lambda t: 0.9, last_epoch=e),
    "StepLR": lambda opt, e=-1: sched.StepLR(opt, step_size=5, gamma=0.5, last_epoch=e),
    "MultiStepLR": lambda opt, e=-1: sched.MultiStepLR(opt, milestones=[8, 20], last_epoch=e),
    "ConstantLR": lambda opt, e=-1: sched.ConstantLR(opt, factor=0.5, total_iters=15, last_epoch=e),
    "LinearLR": lambda opt, e=-1: sched.LinearLR(opt, start_factor=0.2, total_iters=20, last_epoch=e),
    "ExponentialLR": lambda opt, e=-1: sched.ExponentialLR(opt, gamma=0.9, last_epoch=e),
    "SequentialLR": lambda opt, e=-1: sched.SequentialLR(opt, warmup_then_decay(opt), milestones=[5],
                                                         last_epoch=e),
    "CosineAnnealingLR": lambda opt, e=-1: sched.CosineAnnealingLR(opt, T_max=total, last_epoch=e),
    "ChainedScheduler": lambda opt, e=-1: sched.ChainedScheduler(warmup_then_decay(opt), optimizer=opt),
    "ReduceLROnPlateau": lambda opt, e=-1: sched.ReduceLROnPlateau(opt, patience=1, factor=0.5),
    "CyclicLR": lambda opt, e=-1: sched.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=4, last_epoch=e),
    "CosineAnnealingWarmRestarts": lambda opt, e=-1: sched.CosineAnnealingWarmRestarts(opt, T_0=8, last_epoch=e),
    "OneCycleLR": lambda opt, e=-1: sched.OneCycleLR(opt, max_lr=0.1, total_steps=total, last_epoch=e),
    "PolynomialLR": lambda opt, e=-1: sched.PolynomialLR(opt, total_iters=20, power=2.0, last_epoch=e),
    "SWALR": lambda opt, e=-1: SWALR(opt, swa_lr=0.01, anneal_epochs=20, last_epoch=e),
}
NO_LAST_EPOCH = {"ChainedScheduler", "ReduceLROnPlateau"}  # their constructors have no last_epoch
missing = set(sched.__all__) - {"LRScheduler"} - set(CASES)
if missing:
    raise SystemExit(f"no case for {sorted(missing)}")


def new_optimizer():
    model = torch.nn.Linear(2, 1)
    return torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def train(name, optimizer, scheduler, steps):
    used = []
    for t in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if name == "ReduceLROnPlateau":
            scheduler.step(metrics[t])
        else:
            scheduler.step()
    return used


def max_rel_diff(a, b):
    return max(abs(x - y) / max(abs(x), 1e-300) for x, y in zip(a, b, strict=True))


print(f"| Scheduler | LR at step {interrupt} | `load_state_dict` resume: max rel. difference "
      f"| `last_epoch={interrupt - 1}` resume: max rel. difference |")
print("|---|---|---|---|")
for name, build in CASES.items():
    optimizer = new_optimizer()
    reference = train(name, optimizer, build(optimizer), range(total))

    optimizer = new_optimizer()
    scheduler = build(optimizer)
    train(name, optimizer, scheduler, range(interrupt))
    buffer = io.BytesIO()
    torch.save({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, buffer)

    buffer.seek(0)
    checkpoint = torch.load(buffer)  # weights_only=True, the default
    optimizer = new_optimizer()
    scheduler = build(optimizer)  # recipe: build, then load both
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    by_state_dict = max_rel_diff(reference[interrupt:], train(name, optimizer, scheduler, range(interrupt, total)))

    if name in NO_LAST_EPOCH:
        by_last_epoch = "no `last_epoch` argument"
    else:
        optimizer = new_optimizer()
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler = build(optimizer, interrupt - 1)
        diff = max_rel_diff(reference[interrupt:], train(name, optimizer, scheduler, range(interrupt, total)))
        by_last_epoch = f"**{diff:.2g}**" if diff else "0"
    print(f"| {name} | {reference[interrupt]:.6g} | {by_state_dict:.2g} | {by_last_epoch} |")
