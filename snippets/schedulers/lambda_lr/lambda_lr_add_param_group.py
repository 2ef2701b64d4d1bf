# docs: no-figure
import torch

torch.manual_seed(0)
backbone, head = torch.nn.Linear(2, 2), torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(head.parameters(), lr=0.1)  # train the head first
scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda epoch: 0.9 ** epoch)
optimizer.step()
scheduler.step()

optimizer.add_param_group({"params": backbone.parameters(), "lr": 0.01})  # unfreeze later
optimizer.step()
try:
    scheduler.step()
except ValueError as error:
    print(f"scheduler.step() after add_param_group -> ValueError: {error}")
print("last_epoch =", scheduler.last_epoch,
      "| group LRs =", [round(group["lr"], 6) for group in optimizer.param_groups])
print("the scheduler knows", len(scheduler.lr_lambdas), "lambda and",
      len(scheduler.base_lrs), "base LR for", len(optimizer.param_groups), "groups")
