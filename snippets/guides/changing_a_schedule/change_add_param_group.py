# docs: no-figure
import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

added_at, total, added_lr = 3, 30, 0.05  # add a group after 3 steps, with lr=0.05; run 30 steps


def warm_up_then_decay(opt):
    return [sched.LinearLR(opt, start_factor=0.5, total_iters=4), sched.ExponentialLR(opt, gamma=0.9)]


CASES = {
    "LambdaLR": lambda opt: sched.LambdaLR(opt, lambda t: 0.9**t),
    "MultiplicativeLR": lambda opt: sched.MultiplicativeLR(opt, lambda t: 0.9),
    "StepLR": lambda opt: sched.StepLR(opt, step_size=4, gamma=0.5),
    "MultiStepLR": lambda opt: sched.MultiStepLR(opt, milestones=[5, 10], gamma=0.5),
    "ConstantLR": lambda opt: sched.ConstantLR(opt, factor=0.5, total_iters=6),
    "LinearLR": lambda opt: sched.LinearLR(opt, start_factor=0.25, total_iters=6),
    "ExponentialLR": lambda opt: sched.ExponentialLR(opt, gamma=0.9),
    "SequentialLR": lambda opt: sched.SequentialLR(opt, warm_up_then_decay(opt), milestones=[6]),
    "CosineAnnealingLR": lambda opt: sched.CosineAnnealingLR(opt, T_max=10),
    "ChainedScheduler": lambda opt: sched.ChainedScheduler(warm_up_then_decay(opt), optimizer=opt),
    "ReduceLROnPlateau": lambda opt: sched.ReduceLROnPlateau(opt, patience=2, factor=0.5),
    "ReduceLROnPlateau, min_lr as a list": lambda opt: sched.ReduceLROnPlateau(opt, patience=2, min_lr=[0.0]),
    "CyclicLR": lambda opt: sched.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=4),
    "CosineAnnealingWarmRestarts": lambda opt: sched.CosineAnnealingWarmRestarts(opt, T_0=5),
    "OneCycleLR": lambda opt: sched.OneCycleLR(opt, max_lr=0.1, total_steps=total),
    "PolynomialLR": lambda opt: sched.PolynomialLR(opt, total_iters=10, power=2.0),
    "SWALR": lambda opt: SWALR(opt, swa_lr=0.01, anneal_epochs=5),
}
missing = set(sched.__all__) - {"LRScheduler"} - {label.split(",")[0] for label in CASES}
if missing:
    raise SystemExit(f"no case for {sorted(missing)}")


def outcome(build):
    """Train `total` steps, adding a second param group after `added_at`; describe what happens."""
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
    scheduler = build(optimizer)
    plateau = isinstance(scheduler, sched.ReduceLROnPlateau)
    new_group = []
    for t in range(total):
        if t == added_at:
            optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": added_lr})
            ratio = added_lr / optimizer.param_groups[0]["lr"]  # the new group's LR relative to the old one
        optimizer.step()
        try:
            scheduler.step(1.0) if plateau else scheduler.step()  # ReduceLROnPlateau: a flat metric
        except Exception as error:
            message = str(error).splitlines()[0].replace("`", "'")
            message = message if len(message) <= 70 else message[:67] + "..."
            return "raises", f"`{type(error).__name__}` in `step()` at step {t}: `{message}`", new_group
        if t >= added_at:
            old, new = (group["lr"] for group in optimizer.param_groups)
            new_group.append(new)
            if abs(new - ratio * old) > 1e-12 * abs(new):
                return "wrong LR", f"leaves the schedule at step {t + 1}: {new:.4g}", new_group
    highest = max(new_group) / added_lr
    if highest > 1 + 1e-12:
        return "wrong LR", f"raised to {highest:.3g} times the LR it was added with", new_group
    return "handled", "follows the schedule from the step it joined", new_group


print(f"| Scheduler | Verdict | What happens after `add_param_group(..., lr={added_lr})` at step {added_at} "
      f"| New group's LR: highest, last |")
print("|---|---|---|---|")
for label, build in CASES.items():
    verdict, detail, new_group = outcome(build)
    values = f"{max(new_group):.4g}, {new_group[-1]:.4g}" if new_group else "-"
    print(f"| {label} | **{verdict}** | {detail} | {values} |")
