# docs: no-figure
# docs: expect-warning UserWarning: The epoch parameter in `scheduler.step()` was not necessary
import torch
from torch.optim.lr_scheduler import LRScheduler


class HalvingChainable(LRScheduler):
    """Halve every `every` steps, computed from the LR the optimizer holds now."""

    def __init__(self, optimizer, every=10, last_epoch=-1):
        self.every = every
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        halve = self.last_epoch > 0 and self.last_epoch % self.every == 0
        return [group["lr"] * (0.5 if halve else 1.0) for group in self.optimizer.param_groups]


class HalvingWithClosedForm(HalvingChainable):
    """Same schedule, plus the closed form that step(epoch) uses."""

    def _get_closed_form_lr(self):
        return [base_lr * 0.5 ** (self.last_epoch // self.every) for base_lr in self.base_lrs]


def jump(scheduler_class, epochs):
    """Call the deprecated step(epoch) with each epoch; return the LR after each call."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = scheduler_class(optimizer)
    seen = []
    for epoch in epochs:
        optimizer.step()
        scheduler.step(epoch)
        seen.append(round(optimizer.param_groups[0]["lr"], 6))
    return seen


epochs = [25, 20, 20, 20]
print(f"step(epoch) with epoch = {epochs}")
print(f"  get_lr() only:               lr after each call = {jump(HalvingChainable, epochs)}")
print(f"  with _get_closed_form_lr():  lr after each call = {jump(HalvingWithClosedForm, epochs)}")
