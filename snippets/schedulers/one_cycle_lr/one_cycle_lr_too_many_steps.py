# docs: no-figure
import torch


def run(anneal_strategy, total_steps=10):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=0.1, total_steps=total_steps, anneal_strategy=anneal_strategy
    )
    print(f"anneal_strategy='{anneal_strategy}', total_steps={total_steps}, "
          f"min_lr = {optimizer.param_groups[0]['min_lr']:.3g}")
    used = []
    for batch in range(total_steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()  # calls 1 .. total_steps are allowed
    print(f"  lr of the {total_steps} batches:", ", ".join(f"{lr:.3g}" for lr in used))
    print(f"  lr left after step() call {total_steps} (never trained with): "
          f"{optimizer.param_groups[0]['lr']:.3g}")
    try:
        optimizer.step()
        scheduler.step()  # call total_steps + 1
    except ValueError as error:
        print(f"  step() call {total_steps + 1}: ValueError: {error}")


run("cos")
run("linear")
