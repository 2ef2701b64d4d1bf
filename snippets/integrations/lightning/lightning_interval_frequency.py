# When a Lightning Trainer calls scheduler.step(): interval "step" vs "epoch", and frequency.
# docs: expect-warning FutureWarning: `isinstance(treespec, LeafSpec)` is deprecated
import tempfile

import lightning as L
import torch
from torch.utils.data import DataLoader, TensorDataset

BATCHES, EPOCHS = 3, 3  # 3 batches per epoch, 3 epochs: 9 optimizer steps


class Tiny(L.LightningModule):
    def __init__(self, interval, frequency):
        super().__init__()
        self.layer = torch.nn.Linear(2, 1)
        self.interval, self.frequency = interval, frequency
        self.lrs = []  # the LR each optimizer step used

    def training_step(self, batch, batch_idx):
        self.lrs.append(self.optimizers().param_groups[0]["lr"])
        x, y = batch
        return torch.nn.functional.mse_loss(self.layer(x), y)

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
        return {"optimizer": optimizer,
                "lr_scheduler": {"scheduler": scheduler, "interval": self.interval, "frequency": self.frequency}}


def lightning_lrs(interval, frequency):
    torch.manual_seed(0)
    data = TensorDataset(torch.randn(BATCHES * 4, 2), torch.randn(BATCHES * 4, 1))
    model = Tiny(interval, frequency)
    with tempfile.TemporaryDirectory() as folder:  # nothing is left behind
        trainer = L.Trainer(max_epochs=EPOCHS, accelerator="cpu", devices=1, logger=False,
                            enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                            default_root_dir=folder)
        trainer.fit(model, DataLoader(data, batch_size=4))
    return model.lrs


def plain_lrs(interval, frequency):
    """The same schedule in a plain torch loop, stepping where Lightning does."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    used = []
    for epoch in range(EPOCHS):
        for batch_idx in range(BATCHES):
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            if interval == "step" and (batch_idx + 1) % frequency == 0:  # counts batches of this epoch
                scheduler.step()
        if interval == "epoch" and (epoch + 1) % frequency == 0:
            scheduler.step()
    return used


lrs = {}
for interval, frequency in [("step", 1), ("step", 2), ("epoch", 1), ("epoch", 2)]:
    label = f'interval="{interval}", frequency={frequency}'
    lrs[label] = lightning_lrs(interval, frequency)
    same = lrs[label] == plain_lrs(interval, frequency)
    print(f"{label:30} " + " ".join(f"{lr:.4g}" for lr in lrs[label]) + f"   plain loop equal: {same}")
