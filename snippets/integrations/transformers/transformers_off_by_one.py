# transformers' warm-up schedules next to the torch construction most people write first.
import torch
from torch.optim.lr_scheduler import LinearLR, SequentialLR
from transformers import get_constant_schedule_with_warmup, get_linear_schedule_with_warmup

W, T, PEAK = 4, 12, 0.1


def trace(build, steps=T + 2):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=PEAK)
    scheduler = build(optimizer)
    used = []
    for _ in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "get_linear_schedule_with_warmup": trace(lambda opt: get_linear_schedule_with_warmup(opt, W, T)),
    "SequentialLR(LinearLR up, LinearLR down)": trace(lambda opt: SequentialLR(
        opt, [LinearLR(opt, start_factor=1 / W, total_iters=W),
              LinearLR(opt, start_factor=1.0, end_factor=0.0, total_iters=T - W)], milestones=[W])),
}
constant = {
    "get_constant_schedule_with_warmup": trace(lambda opt: get_constant_schedule_with_warmup(opt, W)),
    "LinearLR(start_factor=1/W, total_iters=W)": trace(lambda opt: LinearLR(opt, start_factor=1 / W, total_iters=W)),
    "LinearLR(start_factor=1/W, total_iters=W-1)": trace(lambda opt: LinearLR(opt, start_factor=1 / W,
                                                                              total_iters=W - 1)),
}

for title, curves, steps in [("linear warm-up, linear decay", lrs, T + 2),
                             ("linear warm-up, then constant", constant, W + 2)]:
    print(f"{title} (W={W}, T={T}, peak LR {PEAK})")
    for letter, label in zip("ABC", curves):
        print(f"  {letter}: {label}")
    print("step " + "".join(f"{letter:>10}" for letter in "ABC"[:len(curves)]))
    for step in range(steps):
        print(f"{step:4} " + "".join(f"{values[step]:10.6f}" for values in curves.values()))
    print()
