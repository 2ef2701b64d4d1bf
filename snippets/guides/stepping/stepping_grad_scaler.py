# docs: expect-warning UserWarning: Detected call of
import torch

torch.manual_seed(0)
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
scaler = torch.amp.GradScaler("cpu")  # on a GPU: torch.amp.GradScaler("cuda")

lrs = []
for step in range(6):
    optimizer.zero_grad()
    loss = model(torch.randn(8, 2)).pow(2).mean()
    if step == 0:
        loss = loss * float("inf")  # simulate an fp16 overflow in the first step
    scaler.scale(loss).backward()
    lrs.append(optimizer.param_groups[0]["lr"])
    weight_before = model.weight.detach().clone()
    scale_before = scaler.get_scale()
    scaler.step(optimizer)  # skips optimizer.step() when a gradient is inf or NaN
    scaler.update()  # and then lowers the scale
    scheduler.step()
    updated = not torch.equal(weight_before, model.weight)
    print(f"step {step}: lr = {lrs[-1]:.4g}, scale {scale_before:g} -> {scaler.get_scale():g}, "
          f"weights updated: {updated}")
