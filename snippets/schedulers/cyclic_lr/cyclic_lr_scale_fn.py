import pickle

import torch


def run(scale_fn, scale_mode):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.CyclicLR(
        optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, scale_fn=scale_fn, scale_mode=scale_mode
    )
    used = []
    for batch in range(500):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used, scheduler


# 'cycle': the function receives the cycle number 1, 2, 3, ...
by_cycle, _ = run(lambda cycle: 1 / cycle, scale_mode="cycle")
# 'iterations': it receives the number of step() calls since the start (0, 1, 2, ...)
by_step, scheduler = run(lambda t: max(0.0, 1 - t / 500), scale_mode="iterations")
lrs = {"scale_fn=1/cycle, scale_mode='cycle'": by_cycle,
       "scale_fn=1-t/500, scale_mode='iterations'": by_step}

for label, used in lrs.items():
    peaks = ", ".join(f"{used[b]:.4f}" for b in range(50, 500, 100))
    print(f"{label}: peaks {peaks}")

state = scheduler.state_dict()
print(f"state_dict()['_scale_fn_custom'] = {state['_scale_fn_custom']}; "
      f"pickles to {len(pickle.dumps(state))} bytes")
