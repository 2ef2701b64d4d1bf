import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(
    optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, step_size_down=100, mode='triangular'
)

lrs, momenta = [], []
for batch in range(600):  # four cycles of 50 + 100 batches
    lrs.append(optimizer.param_groups[0]["lr"])  # the LR this batch trains with
    momenta.append(optimizer.param_groups[0]["momentum"])
    optimizer.step()
    scheduler.step()  # once per batch

print("batch  lr       momentum")
for batch in [0, 25, 50, 100, 150, 200, 300, 350, 450, 599]:
    print(f"{batch:5d}  {lrs[batch]:.5f}  {momenta[batch]:.4f}")
