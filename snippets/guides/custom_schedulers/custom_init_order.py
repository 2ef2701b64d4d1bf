# docs: no-figure
import traceback

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmUpTooLate(LRScheduler):
    def __init__(self, optimizer, warm_up_steps, last_epoch=-1):
        super().__init__(optimizer, last_epoch)  # runs step(), hence get_lr(), right now
        self.warm_up_steps = warm_up_steps  # too late: get_lr() needed it above

    def get_lr(self):
        return [base_lr * min(1.0, (self.last_epoch + 1) / self.warm_up_steps) for base_lr in self.base_lrs]


class WarmUp(LRScheduler):
    def __init__(self, optimizer, warm_up_steps, last_epoch=-1):
        self.warm_up_steps = warm_up_steps  # first the state get_lr() reads...
        super().__init__(optimizer, last_epoch)  # ...then the base constructor

    def get_lr(self):
        return [base_lr * min(1.0, (self.last_epoch + 1) / self.warm_up_steps) for base_lr in self.base_lrs]


def first_lrs(scheduler_class):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = scheduler_class(optimizer, warm_up_steps=4)
    used = []
    for step in range(6):
        used.append(round(optimizer.param_groups[0]["lr"], 6))
        optimizer.step()
        scheduler.step()
    return used


try:
    first_lrs(WarmUpTooLate)
except AttributeError as error:
    print(f"AttributeError: {error}")
    calls = [frame.f_code.co_qualname for frame, _ in traceback.walk_tb(error.__traceback__)]
    start, end = calls.index("WarmUpTooLate.__init__"), calls.index("WarmUpTooLate.get_lr")
    print("raised along: " + " -> ".join(calls[start:end + 1]))
print(f"state set first: lrs = {first_lrs(WarmUp)}")
