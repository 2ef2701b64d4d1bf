"""LambdaLR: the page's formula, examples, per-group lambdas, state_dict and pitfalls, checked against torch."""

import pickle

import pytest
import torch
from conftest import lrs, result, lrs_used
from torch.optim.lr_scheduler import ExponentialLR, LambdaLR

REL = 1e-12


def approx(expected):
    return pytest.approx(expected, rel=REL, abs=1e-15)


def sgd(lr=0.1, groups=1, **kwargs):
    torch.manual_seed(0)
    return torch.optim.SGD(
        [{"params": torch.nn.Linear(2, 1).parameters()} for _ in range(groups)], lr=lr, **kwargs)


def run(scheduler_factory, steps, lr=0.1):
    """LRs used at each of `steps` steps, on a fresh optimizer."""
    optimizer = sgd(lr)
    scheduler = scheduler_factory(optimizer)
    return lrs_used(optimizer, scheduler, steps)


# --- the three examples ------------------------------------------------------------


def test_exponential_lambda_matches_closed_form_and_exponential_lr():
    expected = [0.1 * 0.95 ** t for t in range(100)]
    assert lrs("lambda_lr") == approx(expected)
    assert lrs("lambda_lr") == approx(run(lambda o: ExponentialLR(o, gamma=0.95), 100))


def staircase_factor(t):
    if t < 40:
        return 0.5
    if t < 70:
        return 0.25
    if t < 90:
        return 0.125
    return 0.0625


def test_step_function_example_matches_closed_form():
    assert lrs("lambda_lr_step_function") == approx([0.1 * staircase_factor(t) for t in range(100)])
    # lambda(0) = 0.5 already applies at step 0
    assert lrs("lambda_lr_step_function")[0] == pytest.approx(0.05, rel=REL)


def test_warmup_subclass_rises_linearly_then_stays_constant():
    expected = [0.05 * (t / 10 if t < 10 else 1.0) for t in range(100)]
    assert lrs("lambda_lr_warmup_subclass") == approx(expected)
    assert lrs("lambda_lr_warmup_subclass")[0] == 0.0


def test_factor_zero_step_does_not_move_weights_but_fills_momentum():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-5)
    LambdaLR(optimizer, lambda step: min(1.0, step / 10))
    before = [p.detach().clone() for p in model.parameters()]
    model(torch.ones(1, 2)).sum().backward()
    optimizer.step()
    for old, new in zip(before, model.parameters()):
        assert torch.equal(old, new)
    assert all("momentum_buffer" in optimizer.state[p] for p in model.parameters())


def test_shifted_warmup_starts_above_zero_and_reaches_full_lr_one_step_earlier():
    used = run(lambda o: LambdaLR(o, lambda step: min(1.0, (step + 1) / 10)), 12, lr=0.05)
    assert used == approx([0.05 * min(1.0, (t + 1) / 10) for t in range(12)])
    assert used[0] > 0
    assert used[9] == pytest.approx(0.05, rel=REL) and used[8] < 0.05


# --- formula details -----------------------------------------------------------------


def test_constructor_applies_lambda_zero():
    calls = []

    def factor(t):
        calls.append(t)
        return 0.5

    optimizer = sgd()
    LambdaLR(optimizer, factor)
    assert calls == [0]
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.05, rel=REL)
    assert optimizer.param_groups[0]["initial_lr"] == 0.1


def test_factor_multiplies_the_initial_lr_not_the_current_one():
    plain = lrs("lambda_lr_base_lr", "lambda t: 0.95 ** t")
    constant = lrs("lambda_lr_base_lr", "lambda t: 0.95 (constant)")
    edited = lrs("lambda_lr_base_lr", "0.95 ** t, halved by hand at step 30")
    assert plain == approx([0.1 * 0.95 ** t for t in range(60)])
    assert constant == approx([0.1 * 0.95] * 60)
    for t in range(60):
        factor = 0.5 if t == 30 else 1.0  # the hand edit lasts one step
        assert edited[t] == pytest.approx(plain[t] * factor, rel=REL)


def test_one_lambda_per_param_group():
    backbone = lrs("lambda_lr_param_groups", "group 0: backbone, lr=0.01")
    head = lrs("lambda_lr_param_groups", "group 1: head, lr=0.1")
    assert backbone == approx([0.0 if t < 20 else 0.01 for t in range(60)])
    assert head == approx([0.1 * 0.97 ** t for t in range(60)])
    assert "ValueError: Expected 2 lr_lambdas, but got 1" in result("lambda_lr_param_groups").stdout


def test_single_function_is_shared_by_all_groups():
    optimizer = sgd(groups=3)
    scheduler = LambdaLR(optimizer, lambda t: 0.9 ** t)
    assert len(scheduler.lr_lambdas) == 3
    optimizer.step()
    scheduler.step()
    assert [g["lr"] for g in optimizer.param_groups] == approx([0.1 * 0.9] * 3)


@pytest.mark.parametrize("count", [1, 3])
def test_wrong_number_of_lambdas_raises(count):
    with pytest.raises(ValueError, match=f"^Expected 2 lr_lambdas, but got {count}$"):
        LambdaLR(sgd(groups=2), [lambda t: 1.0] * count)


# --- state_dict ------------------------------------------------------------------------


class Exponential:
    def __init__(self, gamma):
        self.gamma = gamma

    def __call__(self, epoch):
        return self.gamma ** epoch


def named_function(epoch):
    return 0.9 ** epoch


module_level_lambda = lambda t: 0.9 ** t  # noqa: E731


def test_state_dict_keeps_none_for_functions_and_dict_for_callable_objects():
    optimizer = sgd(groups=3)
    scheduler = LambdaLR(optimizer, [module_level_lambda, named_function, Exponential(0.8)])
    state = scheduler.state_dict()
    assert state["lr_lambdas"] == [None, None, {"gamma": 0.8}]
    assert "optimizer" not in state
    pickle.dumps(state)  # the state dict always pickles
    with pytest.raises(pickle.PicklingError):
        pickle.dumps(scheduler)  # the lambda inside the scheduler does not


def test_pickling_a_scheduler_with_a_local_lambda_raises_attribute_error():
    scheduler = LambdaLR(sgd(), lambda t: 0.9 ** t)
    with pytest.raises(AttributeError, match="Can't pickle local object"):
        pickle.dumps(scheduler)


def test_state_dict_snippet_output():
    out = result("lambda_lr_state_dict").stdout
    assert f"state_dict()['lr_lambdas'] = {[None, {'gamma': 0.9}]}" in out
    assert "pickle.dumps(scheduler) -> PicklingError: Can't pickle <function <lambda>>" in out
    assert "gamma of the callable object = 0.9 | last_epoch = 5" in out
    expected = round(0.1 * 0.9 ** 6, 8)
    assert f"original: [{expected}, {expected}] resumed: [{expected}, {expected}]" in out


def test_load_state_dict_restores_callable_attributes_and_epoch_and_can_be_loaded_twice():
    optimizer = sgd()
    scheduler = LambdaLR(optimizer, Exponential(0.9))
    for _ in range(4):
        optimizer.step()
        scheduler.step()
    state = scheduler.state_dict()
    new_optimizer = sgd()
    new_optimizer.load_state_dict(optimizer.state_dict())
    resumed = LambdaLR(new_optimizer, Exponential(0.5))
    resumed.load_state_dict(state)
    resumed.load_state_dict(state)  # #32756: the dict is not consumed any more
    assert "lr_lambdas" in state
    assert resumed.lr_lambdas[0].gamma == 0.9 and resumed.last_epoch == 4
    new_optimizer.step()
    resumed.step()
    assert new_optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.9 ** 5, rel=REL)


# --- add_param_group -------------------------------------------------------------------


def test_add_param_group_after_construction_breaks_step_half_way():
    optimizer = sgd()
    scheduler = LambdaLR(optimizer, lambda t: 0.9 ** t)
    optimizer.step()
    scheduler.step()
    optimizer.add_param_group({"params": torch.nn.Linear(2, 2).parameters(), "lr": 0.01})
    optimizer.step()
    with pytest.raises(ValueError, match=r"zip\(\) argument 2 is shorter than argument 1"):
        scheduler.step()
    assert scheduler.last_epoch == 2
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.9 ** 2, rel=REL)
    assert optimizer.param_groups[1]["lr"] == 0.01
    out = result("lambda_lr_add_param_group").stdout
    assert "ValueError: zip() argument 2 is shorter than argument 1" in out


# --- bad arguments ---------------------------------------------------------------------


def test_non_callable_and_wrong_arity_fail_in_the_constructor():
    with pytest.raises(TypeError, match="'float' object is not callable"):
        LambdaLR(sgd(), 0.5)
    with pytest.raises(TypeError, match="takes 0 positional arguments but 1 was given"):
        LambdaLR(sgd(), lambda: 1.0)
    with pytest.raises(ValueError, match="Expected 1 lr_lambdas, but got 2"):
        LambdaLR(sgd(), (lambda t: 1.0, lambda t: 1.0))
    LambdaLR(sgd(groups=2), (lambda t: 1.0, lambda t: 1.0))  # a tuple of the right length is fine


def test_errors_inside_the_function_surface_at_the_step_that_reaches_them():
    optimizer = sgd()
    scheduler = LambdaLR(optimizer, lambda t: 1 / (t - 3))
    for _ in range(2):
        optimizer.step()
        scheduler.step()
    optimizer.step()
    with pytest.raises(ZeroDivisionError):
        scheduler.step()  # the third step() evaluates lambda(3)


@pytest.mark.parametrize("lr_lambda, factor", [
    (lambda t: -1.0, lambda t: -1.0),
    (lambda t: 2.0 ** t, lambda t: 2 ** t),
])
def test_negative_or_growing_factors_are_accepted_silently(lr_lambda, factor):
    assert run(lambda o: LambdaLR(o, lr_lambda), 5) == approx([0.1 * factor(t) for t in range(5)])


def test_bad_arguments_snippet_shows_each_case():
    out = result("lambda_lr_bad_arguments").stdout
    assert "0.5 (a number): constructor raises TypeError" in out
    assert "(no argument): constructor raises TypeError" in out
    assert "ValueError: Expected 1 lr_lambdas, but got 2" in out
    assert "step() 3 raises ZeroDivisionError" in out


def test_verbose_was_removed():
    with pytest.raises(TypeError):
        LambdaLR(sgd(), lambda t: 1.0, verbose=True)


def decay_at_module_level(epoch):
    return 0.9**epoch


def test_a_scheduler_with_a_module_level_function_pickles():
    """The warning's scope: only lambdas and nested functions break pickling of the scheduler object."""
    restored = pickle.loads(pickle.dumps(LambdaLR(sgd(), decay_at_module_level)))
    assert restored.lr_lambdas == [decay_at_module_level]
