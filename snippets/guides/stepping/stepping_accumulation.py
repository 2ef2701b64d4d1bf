# docs: expect-warning UserWarning: Detected call of
import torch

accumulate, micro_batches, epochs = 4, 8, 10  # 2 optimizer steps per epoch, 20 in total
optimizer_steps = epochs * micro_batches // accumulate


def train(step_every_micro_batch):
    """LR used at each optimizer step; a fresh model, optimizer and scheduler per run."""
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=optimizer_steps)
    used = []
    for epoch in range(epochs):
        for i in range(micro_batches):
            loss = model(torch.randn(16, 2)).pow(2).mean() / accumulate
            loss.backward()  # gradients add up over `accumulate` micro-batches
            if (i + 1) % accumulate == 0:
                used.append(optimizer.param_groups[0]["lr"])
                optimizer.step()
                optimizer.zero_grad()
                if not step_every_micro_batch:
                    scheduler.step()  # once per optimizer step
            if step_every_micro_batch:
                scheduler.step()  # wrong: 4 scheduler steps per optimizer step
    return used


lrs = {
    "scheduler.step() after each optimizer.step()": train(step_every_micro_batch=False),
    "scheduler.step() after each micro-batch": train(step_every_micro_batch=True),
}
x_epochs = [i * accumulate / micro_batches for i in range(optimizer_steps)]
print("optimizer step:", " ".join(f"{i:>6d}" for i in range(0, optimizer_steps, 2)))
for label, used in lrs.items():
    print(f"{label}:")
    print("          lr: ", " ".join(f"{lr:6.4f}" for lr in used[::2]))
