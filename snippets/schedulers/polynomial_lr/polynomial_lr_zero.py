import torch

torch.manual_seed(0)
inputs = torch.randn(64, 2)
targets = inputs @ torch.tensor([[2.0], [-1.0]]) + 0.5
steps = 30


def train(total_iters):
    """LR and loss of every step; a fresh model, optimizer and scheduler for each run."""
    torch.manual_seed(1)
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=total_iters, power=2.0)
    used, seen = [], []
    for step in range(steps):
        loss = torch.nn.functional.mse_loss(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        used.append(optimizer.param_groups[0]["lr"])
        seen.append(loss.item())
        optimizer.step()
        scheduler.step()
    return used, seen


lrs, losses = {}, {}
for total_iters in (steps, 20):
    label = f"total_iters={total_iters}"
    lrs[label], losses[label] = train(total_iters)
    at_zero = [step for step, lr in enumerate(lrs[label]) if lr == 0.0]
    if not at_zero:
        print(f"{label}: every step trains with lr > 0, final loss {losses[label][-1]:.4f}")
        continue
    frozen = len(set(losses[label][at_zero[0]:])) == 1
    print(f"{label}: {len(at_zero)} of {steps} steps train with lr == 0.0 (steps {at_zero[0]}-{at_zero[-1]}), "
          f"loss unchanged over them: {frozen}, final loss {losses[label][-1]:.4f}")
