# docs: expect-warning UserWarning: To get the last learning rate computed by the scheduler
import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[3, 6], gamma=0.5)

lrs = {"get_last_lr(): the LR in use": [], "get_lr(): display only": []}
for step in range(8):
    optimizer.step()
    scheduler.step()
    last = scheduler.get_last_lr()[0]
    shown = scheduler.get_lr()[0]  # recomputes the milestone decay from the current LR
    lrs["get_last_lr(): the LR in use"].append(last)
    lrs["get_lr(): display only"].append(shown)
    print(f"after step {step + 1}: get_last_lr() = {last:.6g}, get_lr() = {shown:.6g}")
