# docs: no-figure
import torch


def first_lrs(lr_lambda):
    """LRs of the first 5 steps, or where and how torch fails; fresh optimizer each time."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    try:
        scheduler = torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lr_lambda=lr_lambda)
    except Exception as error:
        return f"constructor raises {type(error).__name__}: {error}"
    lrs = []
    for step in range(5):
        lrs.append(round(optimizer.param_groups[0]["lr"], 6))
        optimizer.step()
        try:
            scheduler.step()
        except Exception as error:
            return f"step() {step + 1} raises {type(error).__name__}: {error}"
    return lrs


cases = {
    "0.5 (a number)": 0.5,
    "lambda: 0.5 (no argument)": lambda: 0.5,
    "(f, f) for one group": (lambda epoch: 1.0, lambda epoch: 1.0),
    "lambda epoch: 0.0": lambda epoch: 0.0,
    "lambda epoch: -1.0": lambda epoch: -1.0,
    "lambda epoch: 2.0": lambda epoch: 2.0,
}
for text, lr_lambda in cases.items():
    print(f"lr_lambda={text}: {first_lrs(lr_lambda)}")
