# docs: no-figure
import inspect

import torch
from torch.optim import lr_scheduler
from torch.optim.swa_utils import SWALR

# For each scheduler: the constructor arguments measured in scheduler.step() calls,
# and how often a usual training loop calls step().
CADENCE = {
    "LambdaLR": (["lr_lambda"], "per epoch"),
    "MultiplicativeLR": (["lr_lambda"], "per epoch"),
    "StepLR": (["step_size"], "per epoch"),
    "MultiStepLR": (["milestones"], "per epoch"),
    "ConstantLR": (["total_iters"], "per epoch"),
    "LinearLR": (["total_iters"], "per epoch (per batch for a short warm-up)"),
    "ExponentialLR": ([], "per epoch"),
    "PolynomialLR": (["total_iters"], "per epoch"),
    "CosineAnnealingLR": (["T_max"], "per epoch, or per batch with `T_max` in batches"),
    "CosineAnnealingWarmRestarts": (["T_0"], "per epoch, or per batch as `step(epoch + (i + 1) / batches)` after batch `i`"),
    "CyclicLR": (["step_size_up", "step_size_down"], "**per batch**"),
    "OneCycleLR": (["total_steps", "epochs", "steps_per_epoch"], "**per batch**"),
    "ReduceLROnPlateau": (["patience", "cooldown"], "per validation, as `step(metric)`"),
    "SequentialLR": (["milestones"], "the cadence of its sub-schedulers"),
    "ChainedScheduler": ([], "the cadence of its sub-schedulers"),
    "SWALR": (["anneal_epochs"], "per epoch of the SWA phase"),
}

classes = [getattr(lr_scheduler, name) for name in lr_scheduler.__all__ if name != "LRScheduler"] + [SWALR]
missing = [cls.__name__ for cls in classes if cls.__name__ not in CADENCE]
if missing:
    raise SystemExit(f"no cadence written for {missing}")

print("| Scheduler | Arguments counted in `step()` calls | Usual cadence of `step()` |")
print("|---|---|---|")
for cls in classes:
    counted, cadence = CADENCE[cls.__name__]
    params = inspect.signature(cls.__init__).parameters
    unknown = [name for name in counted if name not in params]
    if unknown:
        raise SystemExit(f"{cls.__name__} has no argument {unknown}")
    shown = ", ".join(f"`{name}`" for name in counted) or "none (every call)"
    print(f"| {cls.__name__} | {shown} | {cadence} |")
print(f"\n{len(classes)} schedulers in torch {torch.__version__.split('+')[0]}.")
