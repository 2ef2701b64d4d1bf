import torch
from torch.optim.lr_scheduler import LambdaLR


class LinearWarmUpLinearDecay(LambdaLR):
    """Ramp up linearly for warm_up_steps, then decay linearly to 0 at total_steps."""

    def __init__(self, optimizer, warm_up_steps, total_steps, last_epoch=-1):
        if not 0 < warm_up_steps < total_steps:
            raise ValueError(f"need 0 < warm_up_steps < total_steps, got {warm_up_steps}, {total_steps}")

        def factor(t):  # multiplies each param group's initial lr
            if t < warm_up_steps:
                return (t + 1) / warm_up_steps
            return max(0.0, (total_steps - t) / (total_steps - warm_up_steps))

        # LambdaLR stores lr_lambdas itself before its own super().__init__(), so the
        # order problem does not arise: the closure carries the arguments.
        super().__init__(optimizer, factor, last_epoch)
        self.warm_up_steps, self.total_steps = warm_up_steps, total_steps


model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = LinearWarmUpLinearDecay(optimizer, warm_up_steps=5, total_steps=50)

lrs = []
for step in range(50):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

print("lr at steps 0-6:", [round(lr, 6) for lr in lrs[:7]])
print("lr at steps 47-49:", [round(lr, 6) for lr in lrs[47:]])
print("state_dict()['lr_lambdas'] =", scheduler.state_dict()["lr_lambdas"])
