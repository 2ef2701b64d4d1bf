import torch

T_0, eta_min = 5, 0.01
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=T_0, eta_min=eta_min)

lrs = []
for step in range(3 * T_0):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()
    scheduler.step()

for step, lr in enumerate(lrs):
    note = "  <- last step of the cycle" if step % T_0 == T_0 - 1 else ""
    print(f"step {step:2d}: T_cur = {step % T_0}, lr = {lr:.6g}{note}")
print(f"eta_min = {eta_min}, lowest lr used = {min(lrs):.6g}")
