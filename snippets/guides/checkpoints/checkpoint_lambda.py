# docs: no-figure
import io

import torch


class Decay:
    """A callable object: its attributes are saved in the state dict, its code is not."""

    def __init__(self, gamma):
        self.gamma = gamma

    def __call__(self, epoch):
        return self.gamma**epoch


model = torch.nn.Linear(2, 1)
with_object = torch.optim.lr_scheduler.LambdaLR(torch.optim.SGD(model.parameters(), lr=0.1), Decay(0.9))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
with_lambda = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 0.9**epoch)
print("lambda:          state_dict()['lr_lambdas'] =", with_lambda.state_dict()["lr_lambdas"])
print("callable object: state_dict()['lr_lambdas'] =", with_object.state_dict()["lr_lambdas"])

try:
    torch.save(with_lambda, io.BytesIO())  # pickling the scheduler object itself
except Exception as error:
    print(f"torch.save(scheduler) fails: {type(error).__name__} (a lambda cannot be pickled)")

# The recipe: save the state dicts, build the scheduler with the same function again, load.
for step in range(3):
    optimizer.step()
    with_lambda.step()
checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": with_lambda.state_dict()}
optimizer.step()
with_lambda.step()
print(f"original run, step 4: lr = {optimizer.param_groups[0]['lr']:.6g}")

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
restored = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 0.9**epoch)  # same function
optimizer.load_state_dict(checkpoint["optimizer"])
restored.load_state_dict(checkpoint["scheduler"])
optimizer.step()
restored.step()
print(f"restored run, step 4: lr = {optimizer.param_groups[0]['lr']:.6g}")
