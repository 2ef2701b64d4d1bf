# docs: no-figure
# docs: expect-warning UserWarning: The epoch parameter in `scheduler.step()` was not necessary
# docs: expect-warning UserWarning: To get the last learning rate computed by the scheduler
# docs: expect-warning UserWarning: Seems like `optimizer.step()` has been overridden
import torch
from torch.optim.lr_scheduler import StepLR


def fresh(step_size=2):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=0.1)
    return optimizer, StepLR(optimizer, step_size=step_size, gamma=0.5)


print("1.4.0: step(epoch) is deprecated and warns")
optimizer, scheduler = fresh()
optimizer.step()
scheduler.step(4)
print(f"  lr after step(4): {optimizer.param_groups[0]['lr']:.6g}")

print("1.1.0 display bug, still there: get_lr() outside step() re-applies gamma at a boundary, and warns")
optimizer, scheduler = fresh()
for step in range(2):
    optimizer.step()
    scheduler.step()
shown = scheduler.get_lr()[0]
print(f"  get_last_lr() = {scheduler.get_last_lr()[0]:.6g}, get_lr() = {shown:.6g}")

print("1.2.0: replacing optimizer.step after building the scheduler warns at the first scheduler.step()")
optimizer, scheduler = fresh()
optimizer.step = torch.optim.SGD.step.__get__(optimizer)  # no longer the wrapped method
optimizer.step()
scheduler.step()
