"""Why the explorer's program can print another last digit than the explorer where a schedule uses cos.

The explorer's engine computes cos with the browser's Math.cos; torch computes it with C's cos (glibc on
Linux). Both are within an ulp of the true value and round the last bit differently for a few arguments.
glibc itself is not one cos either: on a processor with FMA instructions it runs a build of cos that uses
them, and turned off, the same torch program prints another last digit on some lines. So agreement to the
last digit cannot be promised between a browser and a reader's machine (nor between two machines running
torch); tests/test_explorer.py holds the engine to byte equality where the arithmetic is + - * / only and to
rel 1e-12 elsewhere, and docs/explorer.md says so.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = """
import torch
from torch.optim import lr_scheduler
for T in range(3, 120):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = lr_scheduler.CosineAnnealingLR(optimizer, T_max=T)
    for _ in range(T):
        print(repr(optimizer.param_groups[0]["lr"]))
        optimizer.step()
        scheduler.step()
"""
NO_FMA = "glibc.cpu.hwcaps=-AVX2_Usable,-FMA_Usable,-AVX2,-FMA"


def _run(extra_env):
    env = dict(os.environ, **extra_env)
    run = subprocess.run([sys.executable, "-W", "ignore", "-c", PROGRAM], env=env, capture_output=True, text=True, check=True)
    return run.stdout.splitlines()


def _has_fma() -> bool:
    cpuinfo = Path("/proc/cpuinfo")
    return cpuinfo.exists() and " fma" in cpuinfo.read_text()


def test_the_same_torch_program_prints_another_last_digit_without_fma():
    if platform.libc_ver()[0] != "glibc" or platform.machine() != "x86_64" or not _has_fma():
        pytest.skip("glibc on x86-64 with FMA is where glibc has two builds of cos to compare")
    with_fma, without = _run({}), _run({"GLIBC_TUNABLES": NO_FMA})
    assert len(with_fma) == len(without) == sum(range(3, 120))
    differ = [(a, b) for a, b in zip(with_fma, without) if a != b]
    assert differ, "glibc's FMA and plain builds of cos agreed on every line"
    for a, b in differ:  # the same value but for its last bits
        assert abs(float(a) - float(b)) <= 4 * abs(float(a)) * 2.0**-52, (a, b)
    assert len(differ) < 0.01 * len(with_fma)
