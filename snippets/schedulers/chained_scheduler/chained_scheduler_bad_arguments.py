# docs: no-figure
import torch
from torch.optim.lr_scheduler import ChainedScheduler, ExponentialLR, LinearLR, ReduceLROnPlateau


def new_optimizer():
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)


def attempt(description, make):
    try:
        scheduler = make()
        print(f"{description}: accepted, scheduler.optimizer is the first sub-scheduler's: "
              f"{scheduler.optimizer is scheduler._schedulers[0].optimizer}")
    except Exception as error:
        message = str(error).splitlines()[0].removesuffix(" (")  # cut the optimizer's repr
        print(f"{description}: {type(error).__name__}: {message}")


a, b = new_optimizer(), new_optimizer()
attempt("no schedulers", lambda: ChainedScheduler([]))
attempt("optimizer not given", lambda: ChainedScheduler([LinearLR(a), ExponentialLR(a, 0.9)]))
attempt("ReduceLROnPlateau inside", lambda: ChainedScheduler([LinearLR(a), ReduceLROnPlateau(a)]))
attempt("sub-schedulers on two optimizers", lambda: ChainedScheduler([LinearLR(a), ExponentialLR(b, 0.9)]))
attempt("optimizer= another optimizer", lambda: ChainedScheduler([LinearLR(a)], optimizer=b))
attempt("a function in the list, optimizer given", lambda: ChainedScheduler([lambda: None], optimizer=a))
attempt("a function in the list, no optimizer", lambda: ChainedScheduler([lambda: None]))
