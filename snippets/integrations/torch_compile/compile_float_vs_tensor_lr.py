# A compiled optimizer step with a scheduler: how often torch.compile compiles it, float LR vs tensor LR.
# docs: no-figure
# docs: expect-warning DeprecationWarning: `torch.jit.script_method` is deprecated
import torch
from torch._dynamo.testing import CompileCounter  # a backend that only counts compilations
from torch.optim.lr_scheduler import CyclicLR, ExponentialLR, OneCycleLR

STEPS = 8


def compilations(make_optimizer, make_scheduler):
    """Number of compilations of optimizer.step so far, after each of STEPS steps."""
    torch._dynamo.reset()  # forget earlier compilations
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)
    optimizer = make_optimizer(model.parameters())
    scheduler = make_scheduler(optimizer)
    counter = CompileCounter()
    compiled_step = torch.compile(optimizer.step, backend=counter)
    counts = []
    for _ in range(STEPS):
        model(torch.randn(8, 4)).pow(2).mean().backward()
        compiled_step()
        scheduler.step()
        counts.append(counter.frame_count)
    return counts


def adam(lr):
    return lambda params: torch.optim.Adam(params, lr=lr)


cases = {
    "Adam, lr=0.1 (float), ExponentialLR": (adam(0.1), lambda opt: ExponentialLR(opt, gamma=0.9)),
    "Adam, lr=torch.tensor(0.1), ExponentialLR": (adam(torch.tensor(0.1)), lambda opt: ExponentialLR(opt, gamma=0.9)),
    "Adam, tensor lr, OneCycleLR": (adam(torch.tensor(0.1)), lambda opt: OneCycleLR(opt, max_lr=0.1, total_steps=9)),
    "Adam, tensor lr, OneCycleLR(cycle_momentum=False)": (
        adam(torch.tensor(0.1)), lambda opt: OneCycleLR(opt, max_lr=0.1, total_steps=9, cycle_momentum=False)),
    "Adam, tensor lr, CyclicLR": (
        adam(torch.tensor(0.1)), lambda opt: CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=4)),
}
print(f"compilations after each of {STEPS} steps")
for label, (make_optimizer, make_scheduler) in cases.items():
    print(f"{label:50} {compilations(make_optimizer, make_scheduler)}")
