# docs: expect-warning UserWarning: To get the last learning rate computed by the scheduler
# docs: no-figure
import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.5)
rows = []


def show(when):
    rows.append(f"{when:24s} | {scheduler.get_last_lr()[0]:<13.6g} | {optimizer.param_groups[0]['lr']:<21.6g} "
                f"| {scheduler.get_lr()[0]:.6g}")


show("after construction")
for step in range(1, 3):
    optimizer.step()
    scheduler.step()
    show(f"after step {step}")
optimizer.param_groups[0]["lr"] = 0.001  # something else changes the LR
show("after setting lr by hand")

print(f"{'':24s} | get_last_lr() | param_groups[0]['lr'] | get_lr()")
print("\n".join(rows))
