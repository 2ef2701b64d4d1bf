# docs: no-figure
import io
import pickle
import re

import torch


class Exponential:
    """A callable object: state_dict() keeps its attributes (its __dict__)."""

    def __init__(self, gamma):
        self.gamma = gamma

    def __call__(self, epoch):
        return self.gamma ** epoch


def make_optimizer():
    torch.manual_seed(0)
    return torch.optim.SGD([
        {"params": torch.nn.Linear(2, 2).parameters()},
        {"params": torch.nn.Linear(2, 1).parameters()},
    ], lr=0.1)


optimizer = make_optimizer()
scheduler = torch.optim.lr_scheduler.LambdaLR(
    optimizer, lr_lambda=[lambda epoch: 0.9 ** epoch, Exponential(0.9)])
for _ in range(5):
    optimizer.step()
    scheduler.step()

state = scheduler.state_dict()
print("state_dict()['lr_lambdas'] =", state["lr_lambdas"])

checkpoint = io.BytesIO()
torch.save({"optimizer": optimizer.state_dict(), "scheduler": state}, checkpoint)
print("torch.save(state_dict()) works")
try:
    pickle.dumps(scheduler)
except pickle.PicklingError as error:
    print("pickle.dumps(scheduler) -> PicklingError:", re.sub(r" at 0x[0-9a-f]+", "", str(error)))

# Resume: rebuild with the functions again, then load both states.
checkpoint.seek(0)
saved = torch.load(checkpoint)
new_optimizer = make_optimizer()
resumed = torch.optim.lr_scheduler.LambdaLR(
    new_optimizer, lr_lambda=[lambda epoch: 0.9 ** epoch, Exponential(0.5)])
new_optimizer.load_state_dict(saved["optimizer"])
resumed.load_state_dict(saved["scheduler"])
print("after load_state_dict: gamma of the callable object =", resumed.lr_lambdas[1].gamma,
      "| last_epoch =", resumed.last_epoch)
for opt, sched in [(optimizer, scheduler), (new_optimizer, resumed)]:
    opt.step()
    sched.step()
print("next LRs, original:", [round(lr, 8) for lr in scheduler.get_last_lr()],
      "resumed:", [round(lr, 8) for lr in resumed.get_last_lr()])
