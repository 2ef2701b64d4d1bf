# docs: no-figure
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
# --8<-- [start:bad]
def try_build(lr=0.0, **kwargs):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    arguments = dict(T_0=50, T_up=10) | kwargs
    shown = ", ".join([f"optimizer lr={lr!r}"] + [f"{k}={v!r}" for k, v in arguments.items()])
    try:
        CosineAnnealingWarmUpRestarts(optimizer, **arguments)
    except ValueError as error:
        print(f"({shown}) -> ValueError: {error}")
    else:
        print(f"({shown}) -> accepted")


try_build(T_0=0)
try_build(T_0=50.0)
try_build(T_mult=0)
try_build(T_mult=1.5)
try_build(T_up=-1)
try_build(T_up=50)
try_build(T_up=2.5)
try_build(lr=0.2, eta_max=0.1)
try_build(lr=0.1, eta_max=0.1)
# --8<-- [end:bad]
