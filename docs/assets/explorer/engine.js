// A step-for-step port of torch 2.13's torch/optim/lr_scheduler.py (and SWALR from
// torch/optim/swa_utils.py) for one parameter group. Operation order follows torch so the
// floats agree; exceptions carry torch's type and message.

import {
  PyError, UNSUPPORTED, fail, fdiv, idiv, imod, ifloordiv, fmod, ffloordiv, fpow, pymax, pymin, pyStr, repr,
  num, isPyFloat, fmtNum, strRepr,
} from "./py.js";
import { compile, FLOAT } from "./expr.js";

// ---------------------------------------------------------------- optimizer
export class Optimizer {
  constructor(kind, lr, momentum = 0.0, betas = [0.9, 0.999]) {
    this.kind = kind;
    if (kind === "SGD") {
      if (lr < 0.0) fail("ValueError", `Invalid learning rate: ${repr(lr)}`);
      if (momentum < 0.0) fail("ValueError", `Invalid momentum value: ${repr(momentum)}`);
      this.defaults = { lr, momentum };
      this.group = { lr, momentum };
    } else if (kind === "Adam") {
      if (!(0.0 <= lr)) fail("ValueError", `Invalid learning rate: ${repr(lr)}`);
      if (!(0.0 <= betas[0] && betas[0] < 1.0)) fail("ValueError", `Invalid beta parameter at index 0: ${repr(betas[0])}`);
      if (!(0.0 <= betas[1] && betas[1] < 1.0)) fail("ValueError", `Invalid beta parameter at index 1: ${repr(betas[1])}`);
      this.defaults = { lr, betas };
      this.group = { lr, betas: [betas[0], betas[1]] };
    } else if (kind === "Adagrad") {
      if (!(0.0 <= lr)) fail("ValueError", `Invalid learning rate: ${repr(lr)}`);
      this.defaults = { lr };
      this.group = { lr };
    } else {
      fail(UNSUPPORTED, `unknown optimizer ${kind}`);
    }
  }
  // momentum (SGD) or beta1 (Adam) of the group, null for Adagrad
  get momentum() {
    const g = this.group;
    return "betas" in g ? g.betas[0] : "momentum" in g ? g.momentum : null;
  }
  setMomentum(value, useBeta1) {
    if (useBeta1) this.group.betas = [value, this.group.betas[1]];
    else this.group.momentum = value;
  }
}

// ---------------------------------------------------------------- Python numbers
// An int-typed argument (or last_epoch) is a Python int or float (see py.js): `a % b`, `a / b`
// and `a // b` follow the float rules, and messages, when either operand is a float.
const mod = (a, aF, b, bF) => (aF || bF ? fmod(a, b) : imod(a, b));
const div = (a, aF, b, bF) => (aF || bF ? fdiv(a, b) : idiv(a, b));
const floordiv = (a, aF, b, bF) => (aF || bF ? ffloordiv(a, b) : ifloordiv(a, b));
const lastEpochOf = (a) => (a.last_epoch === undefined ? -1 : a.last_epoch);
// group[key] of a param group, KeyError as a dict raises it (a key, once set, holds a number;
// one property read per key keeps V8's loads monomorphic)
function key(group, name) {
  let v;
  switch (name) {
    case "initial_lr": v = group.initial_lr; break;
    case "max_lr": v = group.max_lr; break;
    case "min_lr": v = group.min_lr; break;
    case "max_momentum": v = group.max_momentum; break;
    case "base_momentum": v = group.base_momentum; break;
    default: v = group[name];
  }
  if (v === undefined) fail("KeyError", strRepr(name));
  return v;
}
const NO_INITIAL_LR = strRepr("param 'initial_lr' is not specified in param_groups[0] when resuming scheduler with last_epoch >= 0.\n"
  + "This typically happens when:\n"
  + "1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\n"
  + "2. You're using last_epoch >= 0 for a fresh training run (not recommended)");

// ---------------------------------------------------------------- base class
// get_lr() returns the one group's next LR (torch returns a list with one value per group).
class LRScheduler {
  init(optimizer, lastEpoch) {
    this.optimizer = optimizer;
    const g = optimizer.group;
    if (num(lastEpoch) === -1) {
      if (!("initial_lr" in g)) g.initial_lr = g.lr;
    } else if (!("initial_lr" in g)) {
      fail("KeyError", NO_INITIAL_LR);
    }
    this.base_lr = g.initial_lr;
    this.last_epoch = num(lastEpoch);
    this.leF = isPyFloat(lastEpoch); // last_epoch is a Python float (-1.0, 2.5): so is every later value
    this._initial_step();
  }
  _initial_step() {
    this._step_count = 0;
    this._is_initial = true;
    try {
      this.step();
    } finally {
      this._is_initial = false;
    }
  }
  step() {
    this._step_count += 1;
    this._update_lr(null);
  }
  _update_lr(epoch) {
    let lr;
    if (epoch === null) {
      this.last_epoch += 1;
      lr = this.get_lr();
    } else {
      this.last_epoch = epoch;
      this.leF = false;
      lr = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
    }
    this.optimizer.group.lr = lr;
  }
  get lr() {
    return this.optimizer.group.lr;
  }
}

class LambdaLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.lr_lambda = compile(a.lr_lambda);
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    return this.base_lr * this.lr_lambda(this.last_epoch, this.leF).v;
  }
}

class MultiplicativeLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.lr_lambda = compile(a.lr_lambda);
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    if (!this._is_initial) return this.lr * this.lr_lambda(this.last_epoch, this.leF).v;
    return this.lr;
  }
}

class StepLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.step_size = num(a.step_size);
    this.sF = isPyFloat(a.step_size);
    this.gamma = a.gamma;
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    const le = this.last_epoch;
    if (le === 0 || mod(le, this.leF, this.step_size, this.sF) !== 0) return this.lr;
    return this.lr * this.gamma;
  }
  _get_closed_form_lr() {
    return this.base_lr * fpow(this.gamma, floordiv(this.last_epoch, this.leF, this.step_size, this.sF));
  }
}

class MultiStepLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.milestones = new Map();
    for (const m of a.milestones) this.milestones.set(m, (this.milestones.get(m) || 0) + 1);
    this.gamma = a.gamma;
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    const n = this.milestones.get(this.last_epoch);
    if (n === undefined) return this.lr;
    return this.lr * fpow(this.gamma, n);
  }
  _get_closed_form_lr() {
    let count = 0;
    for (const [m, c] of this.milestones) if (m <= this.last_epoch) count += c;
    return this.base_lr * fpow(this.gamma, count);
  }
}

class ConstantLR extends LRScheduler {
  constructor(opt, a) {
    super();
    if (a.factor > 1.0 || a.factor < 0) fail("ValueError", "Constant multiplicative factor expected to be between 0 and 1.");
    this.factor = a.factor;
    this.total_iters = num(a.total_iters);
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    if (this.last_epoch === 0) return this.lr * this.factor;
    if (this.last_epoch !== this.total_iters) return this.lr;
    return this.lr * fdiv(1.0, this.factor);
  }
  _get_closed_form_lr() {
    return this.base_lr * (this.factor + (this.last_epoch >= this.total_iters ? 1 : 0) * (1 - this.factor));
  }
}

class LinearLR extends LRScheduler {
  constructor(opt, a) {
    super();
    if (a.start_factor > 1.0 || a.start_factor <= 0) {
      fail("ValueError", "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
    }
    if (a.end_factor > 1.0 || a.end_factor < 0) fail("ValueError", "Ending multiplicative factor expected to be between 0 and 1.");
    this.start_factor = a.start_factor;
    this.end_factor = a.end_factor;
    this.total_iters = num(a.total_iters);
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    if (this.last_epoch === 0) return this.lr * this.start_factor;
    if (this._is_initial || this.last_epoch > this.total_iters) return this.lr;
    const d = this.end_factor - this.start_factor;
    return this.lr * (1.0 + fdiv(d, this.total_iters * this.start_factor + (this.last_epoch - 1) * d));
  }
  _get_closed_form_lr() {
    const d = this.end_factor - this.start_factor;
    return this.base_lr * (this.start_factor + fdiv(d * pymin(this.total_iters, this.last_epoch), this.total_iters));
  }
}

class ExponentialLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.gamma = a.gamma;
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    if (this._is_initial) return this.lr;
    return this.lr * this.gamma;
  }
  _get_closed_form_lr() {
    return this.base_lr * fpow(this.gamma, this.last_epoch);
  }
}

class PolynomialLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.total_iters = num(a.total_iters);
    this.tF = isPyFloat(a.total_iters);
    this.power = a.power;
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    const le = this.last_epoch, T = this.total_iters;
    if (this._is_initial || le > T) return this.lr;
    const decay = fpow(fdiv(1.0 - div(le, this.leF, T, this.tF), 1.0 - div(le - 1, this.leF, T, this.tF)), this.power);
    return this.lr * decay;
  }
  _get_closed_form_lr() {
    const le = this.last_epoch, T = this.total_iters;
    // min(total_iters, last_epoch) is last_epoch only when smaller, with its type
    const m = pymin(T, le), mF = le < T ? this.leF : this.tF;
    return this.base_lr * fpow(1.0 - div(m, mF, T, this.tF), this.power);
  }
}

class CosineAnnealingLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.T_max = num(a.T_max);
    this.tF = isPyFloat(a.T_max);
    this.eta_min = a.eta_min;
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    const { T_max, eta_min } = this;
    const le = this.last_epoch;
    if (this._is_initial) return this.lr;
    if (this._step_count === 1 && le > 0) {
      return eta_min + ((this.base_lr - eta_min) * (1 + Math.cos(fdiv(le * Math.PI, T_max)))) / 2;
    }
    if (mod(le - 1 - T_max, this.leF || this.tF, 2 * T_max, this.tF) === 0) {
      return this.lr + ((this.base_lr - eta_min) * (1 - Math.cos(fdiv(Math.PI, T_max)))) / 2;
    }
    return fdiv(1 + Math.cos(fdiv(Math.PI * le, T_max)), 1 + Math.cos(fdiv(Math.PI * (le - 1), T_max))) * (this.lr - eta_min) + eta_min;
  }
  _get_closed_form_lr() {
    const { T_max, eta_min } = this;
    return eta_min + ((this.base_lr - eta_min) * (1 + Math.cos(fdiv(Math.PI * this.last_epoch, T_max)))) / 2;
  }
}

class CosineAnnealingWarmRestarts extends LRScheduler {
  constructor(opt, a) {
    super();
    if (num(a.T_0) <= 0 || isPyFloat(a.T_0)) fail("ValueError", `Expected positive integer T_0, but got ${fmtNum(a.T_0)}`);
    if (num(a.T_mult) < 1 || isPyFloat(a.T_mult)) fail("ValueError", `Expected integer T_mult >= 1, but got ${fmtNum(a.T_mult)}`);
    this.T_0 = a.T_0;
    this.T_i = a.T_0;
    this.T_mult = a.T_mult;
    this.eta_min = a.eta_min;
    this.T_cur = num(lastEpochOf(a));
    this.init(opt, lastEpochOf(a));
  }
  get_lr() {
    const { eta_min } = this;
    return eta_min + ((this.base_lr - eta_min) * (1 + Math.cos(fdiv(Math.PI * this.T_cur, this.T_i)))) / 2;
  }
  step() {
    let epoch = null;
    if (this.last_epoch < 0) epoch = 0;
    if (epoch === null) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = imod(this.T_cur, this.T_i); // both positive: int and float % agree
        this.T_i = this.T_i * this.T_mult;
        if (this.T_i > Number.MAX_SAFE_INTEGER) fail(UNSUPPORTED, "T_i exceeds 2**53");
      }
    } else {
      // only epoch == 0 reaches here (a step from last_epoch < 0), and T_0 >= 1
      this.T_i = this.T_0;
      this.T_cur = epoch;
    }
    this.last_epoch = Math.floor(epoch);
    this.leF = false;
    this.optimizer.group.lr = this.get_lr();
  }
}

function formatParam(value) {
  // _format_param for one param group: a scalar, or a list of length 1
  if (Array.isArray(value)) {
    if (value.length !== 1) fail("ValueError", `must have the same length as optimizer.param_groups. has ${value.length} values, param_groups has 1.`);
    return value[0];
  }
  return value;
}

const CYCLIC_MODES = ["triangular", "triangular2", "exp_range"];

class CyclicLR extends LRScheduler {
  constructor(opt, a) {
    super();
    // scale_fn: None, or the body of `lambda x: ...`
    const custom = a.scale_fn !== null && a.scale_fn !== undefined && a.scale_fn !== "";
    this.scale_fn_custom = custom ? compile(a.scale_fn, "x") : null;
    this.optimizer = opt;
    const g = opt.group;
    const lastEpoch = lastEpochOf(a), fresh = num(lastEpoch) === -1;
    const baseLr = formatParam(a.base_lr);
    if (fresh) g.lr = baseLr;
    this.max_lr = formatParam(a.max_lr);
    const up = num(a.step_size_up); // float(step_size_up)
    const down = a.step_size_down !== null && a.step_size_down !== undefined ? num(a.step_size_down) : up;
    this.total_size = up + down;
    this.step_ratio = fdiv(up, this.total_size);
    if (!CYCLIC_MODES.includes(a.mode) && !custom) fail("ValueError", "mode is invalid and scale_fn is None");
    this.mode = a.mode;
    this.gamma = a.gamma;
    // a custom scale_fn keeps the scale_mode given; the modes set their own
    this.scale_mode = custom ? a.scale_mode : a.mode === "exp_range" ? "iterations" : "cycle";
    this.cycle_momentum = a.cycle_momentum;
    if (this.cycle_momentum) {
      if (!("momentum" in opt.defaults) && !("betas" in opt.defaults)) {
        fail("ValueError", "optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
      }
      this.use_beta1 = "betas" in opt.defaults;
      this.base_momentum = a.base_momentum;
      this.max_momentum = a.max_momentum;
      if (fresh) {
        opt.setMomentum(a.max_momentum, this.use_beta1);
        g.max_momentum = a.max_momentum;
        g.base_momentum = a.base_momentum;
      }
    }
    this.init(opt, lastEpoch);
    this.base_lr = baseLr;
  }
  // scale_fn(cycle) in "cycle" mode (cycle is an int), scale_fn(last_epoch) otherwise
  scale(cycle) {
    const f = this.scale_fn_custom;
    const byCycle = this.scale_mode === "cycle";
    if (f) return byCycle ? f(cycle, false).v : f(this.last_epoch, this.leF).v;
    const x = byCycle ? cycle : this.last_epoch;
    if (this.mode === "triangular") return 1.0;
    if (this.mode === "triangular2") return fdiv(1, fpow(2.0, x - 1));
    return fpow(this.gamma, x);
  }
  get_lr() {
    const le = this.last_epoch;
    const cycle = Math.floor(1 + fdiv(le, this.total_size));
    const x = 1.0 + fdiv(le, this.total_size) - cycle;
    const scale = x <= this.step_ratio ? fdiv(x, this.step_ratio) : fdiv(x - 1, this.step_ratio - 1);
    const lr = this.base_lr + (this.max_lr - this.base_lr) * scale * this.scale(cycle);
    if (this.cycle_momentum) {
      const h = (this.max_momentum - this.base_momentum) * scale;
      this.optimizer.setMomentum(this.max_momentum - h * this.scale(cycle), this.use_beta1);
    }
    return lr;
  }
}

class OneCycleLR extends LRScheduler {
  constructor(opt, a) {
    super();
    this.optimizer = opt;
    const has = (v) => v !== null && v !== undefined;
    if (has(a.total_steps)) {
      if (num(a.total_steps) <= 0 || isPyFloat(a.total_steps)) {
        fail("ValueError", `Expected positive integer total_steps, but got ${fmtNum(a.total_steps)}`);
      }
      this.total_steps = a.total_steps;
    } else if (has(a.epochs) && has(a.steps_per_epoch)) {
      if (isPyFloat(a.epochs) || num(a.epochs) <= 0) fail("ValueError", `Expected positive integer epochs, but got ${fmtNum(a.epochs)}`);
      if (isPyFloat(a.steps_per_epoch) || num(a.steps_per_epoch) <= 0) {
        fail("ValueError", `Expected positive integer steps_per_epoch, but got ${fmtNum(a.steps_per_epoch)}`);
      }
      this.total_steps = a.epochs * a.steps_per_epoch;
    } else {
      fail("ValueError", "You must define either total_steps OR (epochs AND steps_per_epoch)");
    }
    const T = this.total_steps, p = a.pct_start;
    if (a.three_phase) {
      this.phases = [
        { end_step: p * T - 1, start_lr: "initial_lr", end_lr: "max_lr", start_m: "max_momentum", end_m: "base_momentum" },
        { end_step: 2 * p * T - 2, start_lr: "max_lr", end_lr: "initial_lr", start_m: "base_momentum", end_m: "max_momentum" },
        { end_step: T - 1, start_lr: "initial_lr", end_lr: "min_lr", start_m: "max_momentum", end_m: "max_momentum" },
      ];
    } else {
      this.phases = [
        { end_step: p * T - 1, start_lr: "initial_lr", end_lr: "max_lr", start_m: "max_momentum", end_m: "base_momentum" },
        { end_step: T - 1, start_lr: "max_lr", end_lr: "min_lr", start_m: "base_momentum", end_m: "max_momentum" },
      ];
    }
    if (p < 0 || p > 1) fail("ValueError", `Expected float between 0 and 1 pct_start, but got ${repr(p)}`);
    if (!["cos", "linear"].includes(a.anneal_strategy)) {
      fail("ValueError", `anneal_strategy must be one of 'cos' or 'linear', instead got ${a.anneal_strategy}`);
    }
    this.cos = a.anneal_strategy === "cos";
    const g = opt.group;
    const lastEpoch = lastEpochOf(a), fresh = num(lastEpoch) === -1;
    const maxLr = formatParam(a.max_lr);
    if (fresh) {
      g.initial_lr = fdiv(maxLr, a.div_factor);
      g.max_lr = maxLr;
      g.min_lr = fdiv(g.initial_lr, a.final_div_factor);
    }
    this.cycle_momentum = a.cycle_momentum;
    if (this.cycle_momentum) {
      if (!("momentum" in opt.defaults) && !("betas" in opt.defaults)) {
        fail("ValueError", "optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
      }
      this.use_beta1 = "betas" in opt.defaults;
      if (fresh) {
        opt.setMomentum(a.max_momentum, this.use_beta1);
        g.max_momentum = a.max_momentum;
        g.base_momentum = a.base_momentum;
      }
    }
    this.init(opt, lastEpoch);
  }
  anneal(start, end, pct) {
    if (this.cos) return end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }
  get_lr() {
    const stepNum = this.last_epoch;
    if (stepNum > this.total_steps) {
      fail("ValueError", `Tried to step ${this.leF ? repr(stepNum) : stepNum} times. The specified number of total steps is ${this.total_steps}`);
    }
    const g = this.optimizer.group, phases = this.phases;
    let start = 0.0, lr, momentum;
    for (let i = 0; i < phases.length; i++) {
      const ph = phases[i];
      if (stepNum <= ph.end_step || i === phases.length - 1) {
        const pct = fdiv(stepNum - start, ph.end_step - start);
        lr = this.anneal(key(g, ph.start_lr), key(g, ph.end_lr), pct);
        if (this.cycle_momentum) momentum = this.anneal(key(g, ph.start_m), key(g, ph.end_m), pct);
        break;
      }
      start = ph.end_step;
    }
    if (this.cycle_momentum) this.optimizer.setMomentum(momentum, this.use_beta1);
    return lr;
  }
}

class SWALR extends LRScheduler {
  constructor(opt, a) {
    super();
    opt.group.swa_lr = formatParam(a.swa_lr);
    if (!["cos", "linear"].includes(a.anneal_strategy)) {
      fail("ValueError", `anneal_strategy must be one of 'cos' or 'linear', instead got ${a.anneal_strategy}`);
    }
    this.cos = a.anneal_strategy === "cos";
    if (isPyFloat(a.anneal_epochs) || num(a.anneal_epochs) < 0) {
      fail("ValueError", `anneal_epochs must be equal or greater than 0, got ${fmtNum(a.anneal_epochs)}`);
    }
    this.anneal_epochs = a.anneal_epochs;
    this.init(opt, lastEpochOf(a));
  }
  anneal_func(t) {
    return this.cos ? (1 - Math.cos(Math.PI * t)) / 2 : t;
  }
  get_lr() {
    const g = this.optimizer.group;
    let step = this._step_count - 1;
    if (this.anneal_epochs === 0) step = pymax(1, step);
    const n = pymax(1, this.anneal_epochs);
    const prevAlpha = this.anneal_func(pymax(0, pymin(1, idiv(step - 1, n))));
    const prevLr = prevAlpha === 1 ? g.swa_lr : fdiv(g.lr - prevAlpha * g.swa_lr, 1 - prevAlpha);
    const alpha = this.anneal_func(pymax(0, pymin(1, idiv(step, n))));
    return g.swa_lr * alpha + prevLr * (1 - alpha);
  }
}

class ReduceLROnPlateau {
  constructor(opt, a) {
    if (a.factor >= 1.0) fail("ValueError", "Factor should be < 1.0.");
    this.factor = a.factor;
    this.optimizer = opt;
    this.min_lr = a.min_lr;
    this.patience = num(a.patience);
    this.cooldown = num(a.cooldown);
    this.eps = a.eps;
    this.last_epoch = 0;
    if (!["min", "max"].includes(a.mode)) fail("ValueError", `mode ${a.mode} is unknown!`);
    if (!["rel", "abs"].includes(a.threshold_mode)) fail("ValueError", `threshold mode ${a.threshold_mode} is unknown!`);
    this.mode = a.mode;
    this.threshold = a.threshold;
    this.threshold_mode = a.threshold_mode;
    this.best = a.mode === "min" ? Infinity : -Infinity;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }
  is_better(x, best) {
    if (this.mode === "min" && this.threshold_mode === "rel") return x < best * (1.0 - this.threshold);
    if (this.mode === "min") return x < best - this.threshold;
    if (this.threshold_mode === "rel") return x > best * (this.threshold + 1.0);
    return x > best + this.threshold;
  }
  step(metric) {
    this.last_epoch += 1;
    if (this.is_better(metric, this.best)) {
      this.best = metric;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.cooldown_counter > 0) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.patience) {
      const g = this.optimizer.group;
      const old = g.lr;
      const next = pymax(old * this.factor, this.min_lr);
      if (old - next > this.eps) g.lr = next;
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
  }
}

const NOT_IN_CHAIN = (name) =>
  `${name} does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index `;

class SequentialLR extends LRScheduler {
  constructor(opt, a, members) {
    super();
    if (members.length < 1) fail("ValueError", "SequentialLR expects at least one scheduler, but got no scheduler.");
    members.forEach((s, i) => {
      if (s instanceof ReduceLROnPlateau) fail("ValueError", `${NOT_IN_CHAIN("SequentialLR")}${i} in the given schedulers sequence.`);
    });
    if (a.milestones.length !== members.length - 1) {
      fail("ValueError",
        "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, "
        + `but got number of schedulers ${members.length} and the number of milestones to be equal to ${a.milestones.length}`);
    }
    this._schedulers = members;
    this._milestones = a.milestones;
    this.last_epoch = num(lastEpochOf(a)) + 1;
    this.optimizer = opt;
    opt.group.lr = key(opt.group, "initial_lr");
    for (const s of members) s.last_epoch -= 1;
    const idx = bisectRight(this._milestones, 0);
    this._schedulers[idx]._initial_step();
  }
  step() {
    this.last_epoch += 1;
    const idx = bisectRight(this._milestones, this.last_epoch);
    const s = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s._update_lr(0);
    else s.step();
  }
}

function bisectRight(list, x) {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < list[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class ChainedScheduler {
  constructor(opt, a, members) {
    if (members.length < 1) fail("ValueError", "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
    members.forEach((s, i) => {
      if (s instanceof ReduceLROnPlateau) fail("ValueError", `${NOT_IN_CHAIN("ChainedScheduler")}${i} in the given schedulers sequence.`);
    });
    this._schedulers = members;
    this.optimizer = opt;
  }
  step() {
    const list = this._schedulers;
    for (let i = 0; i < list.length; i++) list[i].step();
  }
}

export const CLASSES = {
  LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR,
  CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, ReduceLROnPlateau, SWALR,
  SequentialLR, ChainedScheduler,
};
export const COMPOSITES = ["SequentialLR", "ChainedScheduler"];


// ---------------------------------------------------------------- metric
// The synthetic validation loss of ReduceLROnPlateau: a straight decline from `start` to
// `floor` over `plateau_at` steps, then flat, plus uniform noise from a 32-bit LCG.
// Only + - * / on doubles, so Python computes the identical sequence.
export function syntheticMetric({ start, floor, plateau_at, noise, seed }, steps) {
  const out = [];
  let state = seed;
  for (let t = 0; t < steps; t++) {
    state = (state * 1664525 + 1013904223) % 4294967296;
    out.push(start - ((start - floor) * pymin(t, plateau_at)) / plateau_at + noise * (state / 4294967296 - 0.5));
  }
  return out;
}

// ---------------------------------------------------------------- run
// config: {scheduler, optimizer, lr, momentum, betas, steps, args, schedulers: [{scheduler, args}], metrics | metric}
// returns {lrs, momenta, metrics, error: {type, message} | null, changesMomentum}
export function run(config) {
  const steps = config.steps;
  const lrs = new Array(steps), momenta = new Array(steps);
  let metrics = null;
  let error = null;
  let n = 0; // values recorded
  try {
    const opt = new Optimizer(config.optimizer, config.lr, config.momentum, config.betas);
    const sched = build(config, opt);
    if (config.scheduler === "ReduceLROnPlateau") {
      metrics = config.metrics || syntheticMetric(config.metric, steps);
    }
    const g = opt.group, kind = opt.kind;
    while (n < steps) {
      lrs[n] = g.lr;
      // momentum (SGD) or beta1 (Adam) of the group, null for Adagrad
      momenta[n] = kind === "SGD" ? g.momentum : kind === "Adam" ? g.betas[0] : null;
      n += 1;
      if (metrics) sched.step(metrics[n - 1]);
      else sched.step();
    }
  } catch (e) {
    if (!(e instanceof PyError)) throw e;
    error = { type: e.type, message: e.message };
    lrs.length = n;
    momenta.length = n;
  }
  return { lrs, momenta, metrics, error };
}

function build(config, opt) {
  const name = config.scheduler;
  if (COMPOSITES.includes(name)) {
    const members = (config.schedulers || []).map((m) => construct(m.scheduler, opt, m.args));
    return new CLASSES[name](opt, config.args || {}, members);
  }
  return construct(name, opt, config.args);
}

function construct(name, opt, args) {
  const Cls = CLASSES[name];
  if (!Cls || COMPOSITES.includes(name)) fail(UNSUPPORTED, `unknown scheduler ${name}`);
  return new Cls(opt, args);
}

export { pyStr, repr, FLOAT };
