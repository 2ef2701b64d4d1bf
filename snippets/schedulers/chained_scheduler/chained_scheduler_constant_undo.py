import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, LambdaLR

steps = 10


def run(order):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    makers = {
        "lambda": lambda: LambdaLR(optimizer, lambda epoch: 1 - epoch / steps),
        "constant": lambda: ConstantLR(optimizer, factor=0.5, total_iters=5),
    }
    scheduler = ChainedScheduler([makers[name]() for name in order])
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "LambdaLR alone": run(["lambda"]),
    "LambdaLR, then ConstantLR(factor=0.5)": run(["lambda", "constant"]),
}
for step in range(steps):
    alone, chained = (lrs[label][step] for label in lrs)
    print(f"step {step}: LambdaLR alone {alone:.3f}   chained {chained:.3f}   ratio {chained / alone:.3g}")
