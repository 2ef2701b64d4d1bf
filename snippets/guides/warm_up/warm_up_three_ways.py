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
# --8<-- [start:three_ways]
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR, LinearLR, SequentialLR

W, T, PEAK = 10, 100, 0.1  # warm-up steps, total steps, peak LR


def fresh_optimizer(lr):
    model = torch.nn.Linear(2, 1)
    return torch.optim.SGD(model.parameters(), lr=lr)


def with_sequential_lr():
    optimizer = fresh_optimizer(PEAK)
    warm_up = LinearLR(optimizer, start_factor=1 / W, end_factor=1.0, total_iters=W)  # 0 is not allowed
    cosine = CosineAnnealingLR(optimizer, T_max=T - W)
    return optimizer, SequentialLR(optimizer, [warm_up, cosine], milestones=[W])


def with_lambda_lr():
    optimizer = fresh_optimizer(PEAK)

    def factor(t):
        if t < W:
            return t / W
        return (1 + math.cos(math.pi * (t - W) / (T - W))) / 2

    return optimizer, LambdaLR(optimizer, factor)


def with_custom_class():
    optimizer = fresh_optimizer(0.0)  # the optimizer's lr is the floor the cycle starts from
    return optimizer, CosineAnnealingWarmUpRestarts(optimizer, T_0=T, eta_max=PEAK, T_up=W)


def record(build):
    optimizer, scheduler = build()
    used = []
    for step in range(T):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "LinearLR + SequentialLR + CosineAnnealingLR": record(with_sequential_lr),
    "LambdaLR": record(with_lambda_lr),
    "CosineAnnealingWarmUpRestarts": record(with_custom_class),
}
print("step  SequentialLR  LambdaLR  custom class")
for step in (0, 1, 5, 9, 10, 11, 55, 99):
    print(f"{step:4d}  " + "  ".join(f"{used[step]:.6f}".rjust(len(name))
                                     for used, name in zip(lrs.values(), ["SequentialLR", "LambdaLR", "custom class"])))
# --8<-- [end:three_ways]
