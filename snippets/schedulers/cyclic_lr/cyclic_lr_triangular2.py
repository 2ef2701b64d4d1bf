import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(
    optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, step_size_down=None, mode='triangular2'
)

lrs, momenta = [], []
for batch in range(500):  # five cycles of 50 + 50 batches
    lrs.append(optimizer.param_groups[0]["lr"])
    momenta.append(optimizer.param_groups[0]["momentum"])
    optimizer.step()
    scheduler.step()

print("peak of each cycle")
for batch in range(50, 500, 100):
    print(f"batch {batch:3d}: lr = {lrs[batch]:.6f}, momentum = {momenta[batch]:.5f}")
