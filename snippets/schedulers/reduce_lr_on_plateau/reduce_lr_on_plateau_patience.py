import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min", factor=0.5, patience=2)

losses = [5.0, 4.0, 4.0, 4.2, 4.0, 3.9, 3.95, 3.9, 3.91, 3.0, 3.0, 3.0]
lrs = []
streak = 0  # consecutive epochs in which best did not change
print("epoch | metric | best | num_bad_epochs | lr after step()")
for epoch, metric in enumerate(losses):
    lrs.append(optimizer.param_groups[0]["lr"])
    best_before = scheduler.best
    optimizer.step()
    scheduler.step(metric)
    streak = 0 if scheduler.best != best_before else streak + 1
    lr = optimizer.param_groups[0]["lr"]
    note = f"  <- bad epoch no. {streak} in a row: lr reduced, counter reset" if lr != lrs[-1] else ""
    print(f"{epoch:5d} | {metric:6.2f} | {scheduler.best:4.2f} | {scheduler.num_bad_epochs:14d} | {lr:g}{note}")

x_epochs = list(range(len(lrs)))  # one scheduler.step() per epoch
