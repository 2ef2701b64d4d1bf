import torch
from torch.optim.lr_scheduler import ChainedScheduler, ExponentialLR, LambdaLR, MultiplicativeLR


def linear_decay(t):
    return 1 - t / 40


def run(build):
    """LR used at each of 20 steps; a fresh model, optimizer and schedulers per run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = ChainedScheduler(build(optimizer), optimizer=optimizer)
    used = []
    for _ in range(20):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "[ExponentialLR, LambdaLR]": run(lambda opt: [ExponentialLR(opt, gamma=0.9), LambdaLR(opt, linear_decay)]),
    "[LambdaLR, ExponentialLR]": run(lambda opt: [LambdaLR(opt, linear_decay), ExponentialLR(opt, gamma=0.9)]),
    # The same decay written as a ratio of consecutive factors is chainable:
    "[ExponentialLR, MultiplicativeLR]": run(lambda opt: [
        ExponentialLR(opt, gamma=0.9),
        MultiplicativeLR(opt, lambda t: linear_decay(t) / linear_decay(t - 1)),
    ]),
}
for label, used in lrs.items():
    print(f"{label:34s} " + " ".join(f"{lr:.4f}" for lr in used[:6]) + f" ... {used[-1]:.4f}")
