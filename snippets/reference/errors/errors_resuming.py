# docs: no-figure
# Errors that saving, pickling and resuming a scheduler can raise.
# The --8<-- lines mark where each entry of the errors page starts and ends.
import io
import traceback

import torch
from torch.optim import lr_scheduler as sched

torch.manual_seed(0)


def sgd():
    """A fresh SGD optimizer for one small layer."""
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)


def show(anchor, *calls):
    """Run each call and print the last line of the traceback it raises."""
    print(f"--8<-- [start:{anchor}]")
    for call in calls:
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - every error is the point here
            print("".join(traceback.format_exception_only(exc)).rstrip())
        else:
            raise AssertionError(f"{anchor}: the call raised nothing")
    print(f"--8<-- [end:{anchor}]")


# Resuming with last_epoch on an optimizer that never had a scheduler.
show("initial-lr-missing", lambda: sched.StepLR(sgd(), step_size=10, last_epoch=4))


# Saving the scheduler object (not its state_dict) when it holds a local lambda.
def build_scheduler(optimizer):
    return sched.LambdaLR(optimizer, lr_lambda=lambda t: 0.95**t)


scheduler = build_scheduler(sgd())
show("pickle-lambda", lambda: torch.save(scheduler, io.BytesIO()))

# A OneCycleLR state dict whose annealing function name was changed by hand.
one_cycle = sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=100)
state = one_cycle.state_dict() | {"_anneal_func_type": "cosine"}
one_cycle.load_state_dict(state)
one_cycle.optimizer.step()
show("one-cycle-unknown-anneal", lambda: one_cycle.step())
