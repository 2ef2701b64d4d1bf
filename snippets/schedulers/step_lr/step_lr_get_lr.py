# docs: expect-warning UserWarning: To get the last learning rate computed by the scheduler
import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5)

lrs = {"get_last_lr(): the LR in use": [], "get_lr(): display only": []}
for step in range(20):
    optimizer.step()
    scheduler.step()
    last = scheduler.get_last_lr()[0]
    shown = scheduler.get_lr()[0]  # recomputes the next chainable update: wrong outside step()
    lrs["get_last_lr(): the LR in use"].append(last)
    lrs["get_lr(): display only"].append(shown)
    if last != shown:
        in_use = optimizer.param_groups[0]["lr"]
        print(f"after step {step + 1:2d}: get_last_lr() = {last:.6g}, get_lr() = {shown:.6g}, "
              f"param_groups lr = {in_use:.6g}")
