# --8<-- [start:class]
import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class CosineAnnealingWarmUpRestarts(LRScheduler):
    """Cosine annealing with warm restarts, a linear warm-up and a decaying peak.

    Every cycle climbs linearly from the param group's own starting LR (its floor)
    to a peak during T_up steps, then follows half a cosine back to the floor.
    Cycle c peaks at eta_max * gamma**c. The first cycle lasts T_0 steps; each next
    one keeps the T_up warm-up and multiplies the cosine part by T_mult.
    The LR is a closed form of t = last_epoch = the number of step() calls.
    """

    def __init__(self, optimizer, T_0, T_mult=1, eta_max=0.1, T_up=0, gamma=1.0, last_epoch=-1):
        if not isinstance(T_0, int) or T_0 <= 0:
            raise ValueError(f"T_0 must be a positive int, got {T_0!r}")
        if not isinstance(T_mult, int) or T_mult < 1:
            raise ValueError(f"T_mult must be an int >= 1, got {T_mult!r}")
        if not isinstance(T_up, int) or not 0 <= T_up < T_0:
            raise ValueError(f"T_up must be an int with 0 <= T_up < T_0 = {T_0}, got {T_up!r}")
        for i, group in enumerate(optimizer.param_groups):
            floor = group.get("initial_lr", group["lr"])  # what LRScheduler will store in base_lrs
            if eta_max < floor:
                raise ValueError(f"eta_max = {eta_max} is below the starting lr {floor} of param group {i}")
        # Set everything get_lr() reads BEFORE super().__init__(): it already calls step().
        self.T_0, self.T_mult, self.T_up = T_0, T_mult, T_up
        self.eta_max, self.gamma = eta_max, gamma
        super().__init__(optimizer, last_epoch)

    def _locate(self, t):
        """Return (cycle index, position in that cycle, cycle length) after t steps."""
        if self.T_mult == 1:
            cycle, position = divmod(t, self.T_0)
            return cycle, position, self.T_0
        cycle, length = 0, self.T_0
        while t >= length:  # cycle lengths grow geometrically: few iterations
            t -= length
            cycle += 1
            length = (length - self.T_up) * self.T_mult + self.T_up
        return cycle, t, length

    def _get_closed_form_lr(self):
        cycle, position, length = self._locate(self.last_epoch)
        peak = self.eta_max * self.gamma**cycle
        if position < self.T_up:
            fraction = position / self.T_up
        else:
            fraction = (1 + math.cos(math.pi * (position - self.T_up) / (length - self.T_up))) / 2
        return [floor + (peak - floor) * fraction for floor in self.base_lrs]

    def get_lr(self):
        # A closed form of last_epoch: never reads group["lr"], so it is safe to call anytime.
        return self._get_closed_form_lr()


# --8<-- [end:class]
# --8<-- [start:resume]
import io


def build():
    """A fresh model, optimizer (two param groups, floors 0.0 and 0.01) and scheduler."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))
    optimizer = torch.optim.SGD([
        {"params": model[0].parameters(), "lr": 0.0},
        {"params": model[1].parameters(), "lr": 0.01},
    ])
    scheduler = CosineAnnealingWarmUpRestarts(optimizer, T_0=50, T_mult=2, eta_max=0.1, T_up=10, gamma=0.5)
    return optimizer, scheduler


def train(optimizer, scheduler, steps, used):
    for step in range(steps):
        used.append([group["lr"] for group in optimizer.param_groups])
        optimizer.step()
        scheduler.step()


total, save_at = 200, 120
optimizer, scheduler = build()
uninterrupted = []
train(optimizer, scheduler, total, uninterrupted)

optimizer, scheduler = build()
resumed = []
train(optimizer, scheduler, save_at, resumed)
buffer = io.BytesIO()
torch.save({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, buffer)

# A new process would start here: build everything, then load the states.
optimizer, scheduler = build()
buffer.seek(0)
checkpoint = torch.load(buffer)
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])
print(f"after loading: last_epoch = {scheduler.last_epoch}, get_last_lr() = {scheduler.get_last_lr()}")
train(optimizer, scheduler, total - save_at, resumed)

print(f"resumed run identical to uninterrupted run: {resumed == uninterrupted}")
lrs = {
    "group 0 (lr=0.0), uninterrupted": [row[0] for row in uninterrupted],
    "group 0, saved at step 120 and resumed": [row[0] for row in resumed],
    "group 1 (lr=0.01), saved and resumed": [row[1] for row in resumed],
}
for step in (0, 10, 49, 50, 60, 119, 120, 150):
    print(f"step {step:3d}: group 0 lr = {resumed[step][0]:.6f}, group 1 lr = {resumed[step][1]:.6f}")
# --8<-- [end:resume]
