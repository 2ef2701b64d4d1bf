# docs: no-figure
# What state_dict() holds for every scheduler of torch.optim.lr_scheduler.__all__ and SWALR,
# after a few steps: each key with the type of its value, and the attributes it leaves out.
# Printed as a Markdown table.
import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

torch.manual_seed(0)


def sgd():
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)


def build(name, optimizer):
    """One scheduler of each class, with ordinary arguments."""
    make = {
        "LambdaLR": lambda: sched.LambdaLR(optimizer, lambda t: 0.9**t),
        "MultiplicativeLR": lambda: sched.MultiplicativeLR(optimizer, lambda t: 0.9),
        "StepLR": lambda: sched.StepLR(optimizer, step_size=3),
        "MultiStepLR": lambda: sched.MultiStepLR(optimizer, milestones=[2, 4]),
        "ConstantLR": lambda: sched.ConstantLR(optimizer),
        "LinearLR": lambda: sched.LinearLR(optimizer),
        "ExponentialLR": lambda: sched.ExponentialLR(optimizer, gamma=0.9),
        "SequentialLR": lambda: sched.SequentialLR(
            optimizer, [sched.ConstantLR(optimizer), sched.ExponentialLR(optimizer, 0.9)], milestones=[2]),
        "CosineAnnealingLR": lambda: sched.CosineAnnealingLR(optimizer, T_max=10),
        "ChainedScheduler": lambda: sched.ChainedScheduler(
            [sched.ConstantLR(optimizer), sched.ExponentialLR(optimizer, 0.9)]),
        "ReduceLROnPlateau": lambda: sched.ReduceLROnPlateau(optimizer),
        "CyclicLR": lambda: sched.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, step_size_up=3),
        "CosineAnnealingWarmRestarts": lambda: sched.CosineAnnealingWarmRestarts(optimizer, T_0=3),
        "OneCycleLR": lambda: sched.OneCycleLR(optimizer, max_lr=0.1, total_steps=10),
        "PolynomialLR": lambda: sched.PolynomialLR(optimizer, total_iters=5),
        "SWALR": lambda: SWALR(optimizer, swa_lr=0.05, anneal_epochs=3),
    }
    return make[name]()


def type_name(value):
    """`list[float]`, `dict`, `Counter`, ...: the type of a value, with a list's element types."""
    if isinstance(value, list):
        inner = sorted({type_name(v) for v in value})
        return f"list[{' | '.join(inner)}]" if inner else "list"
    return type(value).__name__


names = [n for n in sched.__all__ if n != "LRScheduler"] + ["SWALR"]
print("| Scheduler | `state_dict()` keys (type of the value) | Attributes it leaves out |")
print("|---|---|---|")
for name in names:
    optimizer = sgd()
    scheduler = build(name, optimizer)
    for _ in range(3):
        optimizer.step()
        scheduler.step(*([1.0] if name == "ReduceLROnPlateau" else []))
    state = scheduler.state_dict()
    cells = ", ".join(f"`{key}` ({type_name(value)})" for key, value in sorted(state.items()))
    left_out = ", ".join(f"`{key}`" for key in sorted(set(vars(scheduler)) - set(state)))
    print(f"| {name} | {cells} | {left_out} |")
