import torch
from torch.optim.lr_scheduler import ExponentialLR, LRScheduler


class HalvingClosedForm(LRScheduler):
    """Halve every `every` steps, computed from t = last_epoch and base_lrs alone."""

    def __init__(self, optimizer, every=10, last_epoch=-1):
        self.every = every
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [base_lr * 0.5 ** (self.last_epoch // self.every) for base_lr in self.base_lrs]


class HalvingChainable(LRScheduler):
    """Halve every `every` steps, computed from the LR the optimizer holds now."""

    def __init__(self, optimizer, every=10, last_epoch=-1):
        self.every = every
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        halve = self.last_epoch > 0 and self.last_epoch % self.every == 0
        return [group["lr"] * (0.5 if halve else 1.0) for group in self.optimizer.param_groups]


def run(scheduler_class, with_exponential):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    schedulers = [scheduler_class(optimizer)]
    if with_exponential:  # a second scheduler on the same optimizer, stepped first
        schedulers.insert(0, ExponentialLR(optimizer, gamma=0.97))
    used = []
    for step in range(40):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        for scheduler in schedulers:
            scheduler.step()
    return used


lrs = {
    "closed form alone": run(HalvingClosedForm, False),
    "chainable alone": run(HalvingChainable, False),
    "closed form + ExponentialLR(0.97)": run(HalvingClosedForm, True),
    "chainable + ExponentialLR(0.97)": run(HalvingChainable, True),
}
for label, used in lrs.items():
    print(f"{label:34s} lr at steps 0, 10, 20, 39: {', '.join(f'{used[t]:.6f}' for t in (0, 10, 20, 39))}")
