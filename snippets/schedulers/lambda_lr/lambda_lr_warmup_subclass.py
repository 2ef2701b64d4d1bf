import torch


class WarmupThenConstant(torch.optim.lr_scheduler.LambdaLR):
    """Ramp the LR linearly from 0 to the optimizer's LR over warmup_steps, then hold it."""

    def __init__(self, optimizer, warmup_steps, last_epoch=-1):
        if warmup_steps < 1:
            raise ValueError(f"warmup_steps must be at least 1, got {warmup_steps}")
        self.warmup_steps = warmup_steps  # an attribute, so state_dict() keeps it

        def ramp(step):
            return min(1.0, step / warmup_steps)

        super().__init__(optimizer, lr_lambda=ramp, last_epoch=last_epoch)


model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-5)
scheduler = WarmupThenConstant(optimizer, warmup_steps=10)

lrs = []
for step in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

for step in [0, 1, 2, 5, 9, 10, 11, 99]:
    print(f"step {step:2d}: lr = {lrs[step]:.6g}")
