# docs: no-figure
# What the LRScheduler base class keeps, and what it writes into the optimizer.
import torch
from torch.optim.lr_scheduler import ExponentialLR, StepLR

torch.manual_seed(0)
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD([{"params": [model.weight], "lr": 0.1}, {"params": [model.bias], "lr": 0.2}])
print("before:", [sorted(group) for group in optimizer.param_groups][0])

scheduler = StepLR(optimizer, step_size=2, gamma=0.5)
print("after the constructor:")
print("  initial_lr per group:", [group["initial_lr"] for group in optimizer.param_groups])
print("  base_lrs:", scheduler.base_lrs, " last_epoch:", scheduler.last_epoch,
      " _step_count:", scheduler._step_count, " optimizer is ours:", scheduler.optimizer is optimizer)

for step in range(1, 4):
    optimizer.step()
    scheduler.step()
    print(f"after step() {step}: last_epoch={scheduler.last_epoch} _step_count={scheduler._step_count}"
          f" get_last_lr()={scheduler.get_last_lr()} lr in groups={[g['lr'] for g in optimizer.param_groups]}")

# A second scheduler on the same optimizer keeps the initial_lr the first one wrote.
second = ExponentialLR(optimizer, gamma=0.9)
print("second scheduler: base_lrs =", second.base_lrs, "while the groups hold",
      [round(g["lr"], 6) for g in optimizer.param_groups])
