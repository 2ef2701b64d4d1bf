# docs: no-figure
import copy
import io

import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

total = 24
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
    "CosineAnnealingWarmRestarts, T_mult=2": lambda opt, e=-1: sched.CosineAnnealingWarmRestarts(
        opt, T_0=3, T_mult=2, last_epoch=e),
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
        scheduler.step(metrics[t]) if name == "ReduceLROnPlateau" else scheduler.step()
    return used


def differences(reference, resumed, k):
    """{step: relative difference} for every step from k on where the resumed LR is not the reference."""
    return {t: abs(a - b) / abs(b) for t, (a, b) in enumerate(zip(resumed, reference[k:]), start=k)
            if abs(a - b) > 1e-12 * abs(b)}


def spans(numbers):
    """[5, 10, 11, 12] -> '5, 10-12'."""
    out, numbers = [], sorted(numbers)
    for n in numbers:
        if out and n == out[-1][1] + 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in out) or "none"


def effect(diffs, k):
    """Which of the steps k..total-1 a resume got wrong."""
    steps = sorted(diffs)
    if steps == list(range(k, total)):
        return "every step from k on"
    if steps == [k]:
        return "step k only"
    return "some steps after k"


def summary(wrong):
    """{k: diffs} -> 'k = ...: what was wrong; largest relative difference'."""
    if not wrong:
        return "exact at every k"
    by_effect = {}
    for k, diffs in wrong.items():
        by_effect.setdefault(effect(diffs, k), []).append(k)
    largest = max(max(diffs.values()) for diffs in wrong.values())
    parts = [f"k = {spans(ks)}: {what}" for what, ks in by_effect.items()]
    return "; ".join(parts) + f" (up to {largest:.2g})"


print("| Scheduler | `load_state_dict` | `last_epoch=k-1` | scheduler built after `optimizer.load_state_dict()` |")
print("|---|---|---|---|")
for name, build in CASES.items():
    optimizer = new_optimizer()
    reference = train(name, optimizer, build(optimizer), range(total))
    by_state_dict, by_last_epoch, built_late = {}, {}, {}
    for k in range(1, total - 1):  # interrupt after k steps, resume, run at least two more steps
        optimizer = new_optimizer()
        scheduler = build(optimizer)
        train(name, optimizer, scheduler, range(k))
        buffer = io.BytesIO()
        torch.save({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, buffer)

        buffer.seek(0)
        saved = torch.load(buffer)  # weights_only=True, the default

        checkpoint = copy.deepcopy(saved)  # a fresh copy for each resume (CyclicLR's load_state_dict pops a key)
        optimizer = new_optimizer()
        scheduler = build(optimizer)  # the recipe: build, then load both
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
        if diffs := differences(reference, train(name, optimizer, scheduler, range(k, total)), k):
            by_state_dict[k] = diffs

        if name not in NO_LAST_EPOCH:
            checkpoint = copy.deepcopy(saved)
            optimizer = new_optimizer()
            optimizer.load_state_dict(checkpoint["optimizer"])
            scheduler = build(optimizer, k - 1)
            if diffs := differences(reference, train(name, optimizer, scheduler, range(k, total)), k):
                by_last_epoch[k] = diffs

        checkpoint = copy.deepcopy(saved)
        optimizer = new_optimizer()
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler = build(optimizer)  # the wrong order: the constructor sees the loaded LR
        scheduler.load_state_dict(checkpoint["scheduler"])
        if diffs := differences(reference, train(name, optimizer, scheduler, range(k, total)), k):
            built_late[k] = diffs
    last_epoch = "no `last_epoch` argument" if name in NO_LAST_EPOCH else summary(by_last_epoch)
    print(f"| {name} | {summary(by_state_dict)} | {last_epoch} | {summary(built_late)} |")
