# ReduceLROnPlateau in Lightning: the `monitor` key, and what `strict` does when the metric is missing.
# docs: expect-warning FutureWarning: `isinstance(treespec, LeafSpec)` is deprecated
# docs: expect-warning RuntimeWarning: ReduceLROnPlateau conditioned on metric val_acc which is not available
import tempfile

import lightning as L
import torch
from lightning.pytorch.utilities.exceptions import MisconfigurationException
from torch.utils.data import DataLoader, TensorDataset

VAL_LOSS = [1.0, 0.8, 0.8, 0.8, 0.8, 0.5, 0.5, 0.5]  # the metric each epoch reports: improves, stalls, improves


class Tiny(L.LightningModule):
    def __init__(self, lr_scheduler_config):
        super().__init__()
        self.layer = torch.nn.Linear(2, 1)
        self.config = lr_scheduler_config
        self.lrs = []

    def training_step(self, batch, batch_idx):
        self.lrs.append(self.optimizers().param_groups[0]["lr"])
        x, y = batch
        return torch.nn.functional.mse_loss(self.layer(x), y)

    def validation_step(self, batch, batch_idx):
        self.log("val_loss", VAL_LOSS[self.current_epoch])

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=1)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, **self.config}}


def fit(config):
    torch.manual_seed(0)
    data = DataLoader(TensorDataset(torch.randn(4, 2), torch.randn(4, 1)), batch_size=4)  # one batch per epoch
    model = Tiny(config)
    with tempfile.TemporaryDirectory() as folder:
        trainer = L.Trainer(max_epochs=len(VAL_LOSS), accelerator="cpu", devices=1, logger=False,
                            enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                            num_sanity_val_steps=0, default_root_dir=folder)
        trainer.fit(model, data, data)
    return model.lrs


def plain_lrs():
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=1)
    used = []
    for epoch, loss in enumerate(VAL_LOSS):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(loss)  # after the epoch's validation, with the metric it reported
    return used


lrs = {'monitor="val_loss"': fit({"monitor": "val_loss"})}
print("val_loss per epoch:      ", " ".join(f"{v:<6}" for v in VAL_LOSS))
print('LR, monitor="val_loss":  ', " ".join(f"{v:<6.4g}" for v in lrs['monitor="val_loss"']))
print("plain loop equal:", lrs['monitor="val_loss"'] == plain_lrs())

for config in [{}, {"monitor": "val_acc"}]:
    try:
        fit(config)
    except MisconfigurationException as error:
        print(f"\n{config}: MisconfigurationException: {error}")

lrs['monitor="val_acc", strict=False'] = fit({"monitor": "val_acc", "strict": False})
print('\nLR, monitor="val_acc", strict=False:', " ".join(f"{v:.4g}" for v in lrs['monitor="val_acc", strict=False']))
