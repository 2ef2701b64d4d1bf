# docs: no-figure
import torch
from torch.optim.lr_scheduler import ConstantLR, ExponentialLR, LinearLR, SequentialLR


def attempt(description, make):
    """Build and step a SequentialLR on a fresh optimizer; report the LRs or the error."""
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    try:
        scheduler = make(optimizer)
        used = []
        for step in range(8):
            used.append(round(optimizer.param_groups[0]["lr"], 6))
            optimizer.step()
            scheduler.step()
        print(f"{description}: {used}")
    except Exception as error:
        message = str(error).splitlines()[0].removesuffix(" (")  # cut the optimizer's repr
        print(f"{description}: {type(error).__name__}: {message}")


other = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
attempt("no schedulers", lambda opt: SequentialLR(opt, [], milestones=[]))
attempt("2 schedulers, 2 milestones",
        lambda opt: SequentialLR(opt, [LinearLR(opt), ExponentialLR(opt, 0.5)], milestones=[2, 4]))
attempt("sub-scheduler on another optimizer",
        lambda opt: SequentialLR(opt, [LinearLR(opt), ExponentialLR(other, 0.5)], milestones=[2]))


def three_phases(milestones):
    return lambda opt: SequentialLR(
        opt, [ConstantLR(opt, 0.5, total_iters=100), ExponentialLR(opt, 0.5), ConstantLR(opt, 0.1, total_iters=100)],
        milestones=milestones)


attempt("3 phases, milestones=[2, 5]", three_phases([2, 5]))
attempt("3 phases, milestones=[5, 2]", three_phases([5, 2]))
