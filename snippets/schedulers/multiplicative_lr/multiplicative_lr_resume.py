import torch


class ConstantFactor:
    """A callable object: state_dict() keeps its attributes."""

    def __init__(self, factor):
        self.factor = factor

    def __call__(self, epoch):
        return self.factor


def make(lr_lambda):
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    return optimizer, torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lr_lambda=lr_lambda)


def train(optimizer, scheduler, steps):
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


uninterrupted = train(*make(lambda epoch: 0.95), steps=40)

optimizer, scheduler = make(lambda epoch: 0.95)
first_half = train(optimizer, scheduler, steps=20)
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
print("lr_lambdas saved for a lambda:", checkpoint["scheduler"]["lr_lambdas"])
print("lr_lambdas saved for ConstantFactor(0.95):", make(ConstantFactor(0.95))[1].state_dict()["lr_lambdas"])

# Resume with the same lambda, loading both states.
optimizer, scheduler = make(lambda epoch: 0.95)
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])
both = first_half + train(optimizer, scheduler, steps=20)

# Resume loading only the scheduler: the optimizer still holds its initial LR.
optimizer, scheduler = make(lambda epoch: 0.95)
scheduler.load_state_dict(checkpoint["scheduler"])
scheduler_only = first_half + train(optimizer, scheduler, steps=20)

lrs = {
    "uninterrupted": uninterrupted,
    "resumed at step 20: optimizer + scheduler state": both,
    "resumed at step 20: scheduler state only": scheduler_only,
}
for label, used in lrs.items():
    print(f"{label:48s} step 19: {used[19]:.4g}  step 20: {used[20]:.4g}  step 39: {used[39]:.4g}")
