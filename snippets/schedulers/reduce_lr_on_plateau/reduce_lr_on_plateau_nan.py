# docs: no-figure
import math

import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min", factor=0.5, patience=2)

metrics = [1.0, math.nan, math.nan, math.nan, 0.5, torch.tensor(math.nan)]
for epoch, metric in enumerate(metrics):
    optimizer.step()
    scheduler.step(metric)  # a float or a 0-dim tensor; NaN is never an improvement
    print(f"epoch {epoch}: metric {float(metric)}, best {scheduler.best}, "
          f"num_bad_epochs {scheduler.num_bad_epochs}, lr {optimizer.param_groups[0]['lr']}")
