# docs: no-figure
import torch

BEST, THRESHOLD = 10.0, 0.1
CONDITION = {
    ("min", "rel"): "a < best * (1 - threshold)",
    ("min", "abs"): "a < best - threshold",
    ("max", "rel"): "a > best * (1 + threshold)",
    ("max", "abs"): "a > best + threshold",
}


def boundary(mode, threshold_mode):
    sign = -1 if mode == "min" else 1
    if threshold_mode == "rel":
        return BEST * (1 + sign * THRESHOLD)
    return BEST + sign * THRESHOLD


def verdict(mode, threshold_mode, a):
    """Ask torch: a fresh scheduler sees BEST first (the baseline), then a."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, mode=mode, threshold=THRESHOLD, threshold_mode=threshold_mode)
    scheduler.step(BEST)
    scheduler.step(a)
    return "improvement" if scheduler.num_bad_epochs == 0 else "bad epoch"


print(f"| mode | threshold_mode | improvement when | boundary for best={BEST:g}, threshold={THRESHOLD:g} "
      "| just past the boundary | exactly at the boundary | between boundary and best |")
print("|---|---|---|---|---|---|---|")
for (mode, threshold_mode), condition in CONDITION.items():
    edge = boundary(mode, threshold_mode)
    step = -0.05 if mode == "min" else 0.05  # the direction that counts as better
    cells = [f"`{a:g}`: {verdict(mode, threshold_mode, a)}" for a in (edge + step, edge, edge - step)]
    print(f"| `{mode}` | `{threshold_mode}` | `{condition}` | `{edge:g}` | " + " | ".join(cells) + " |")
