// What the explorer knows about each scheduler's constructor (typed arguments and defaults),
// and the three views of one configuration: the URL query, the Python program, the CSV.

import { repr, pyStr, num } from "./py.js";

const THIRD = 1.0 / 3;
const LAST_EPOCH = ["last_epoch", "int", -1];
// [name, type, default]; types: int, int? (a Python int, or a float as {float: x}), count (the
// explorer's own integers), float, bool, str:<choices>, intlist, expr (in epoch), xexpr (in x, or None)
export const SPECS = {
  LambdaLR: [["lr_lambda", "expr", "0.95 ** epoch"], LAST_EPOCH],
  MultiplicativeLR: [["lr_lambda", "expr", "0.95"], LAST_EPOCH],
  StepLR: [["step_size", "int", 30], ["gamma", "float", 0.1], LAST_EPOCH],
  MultiStepLR: [["milestones", "intlist", [30, 80]], ["gamma", "float", 0.1], LAST_EPOCH],
  ConstantLR: [["factor", "float", THIRD], ["total_iters", "int", 5], LAST_EPOCH],
  LinearLR: [["start_factor", "float", THIRD], ["end_factor", "float", 1.0], ["total_iters", "int", 5], LAST_EPOCH],
  ExponentialLR: [["gamma", "float", 0.95], LAST_EPOCH],
  PolynomialLR: [["total_iters", "int", 5], ["power", "float", 1.0], LAST_EPOCH],
  CosineAnnealingLR: [["T_max", "int", 100], ["eta_min", "float", 0.0], LAST_EPOCH],
  CosineAnnealingWarmRestarts: [["T_0", "int", 20], ["T_mult", "int", 1], ["eta_min", "float", 0.0], LAST_EPOCH],
  CyclicLR: [
    ["base_lr", "float", 0.001], ["max_lr", "float", 0.1], ["step_size_up", "int", 20], ["step_size_down", "int?", null],
    ["mode", "str:triangular,triangular2,exp_range", "triangular"], ["gamma", "float", 1.0], ["scale_fn", "xexpr", null],
    ["scale_mode", "str:cycle,iterations", "cycle"], ["cycle_momentum", "bool", true],
    ["base_momentum", "float", 0.8], ["max_momentum", "float", 0.9], LAST_EPOCH,
  ],
  OneCycleLR: [
    ["max_lr", "float", 0.1], ["total_steps", "int?", 100], ["epochs", "int?", null], ["steps_per_epoch", "int?", null],
    ["pct_start", "float", 0.3], ["anneal_strategy", "str:cos,linear", "cos"], ["cycle_momentum", "bool", true],
    ["base_momentum", "float", 0.85], ["max_momentum", "float", 0.95], ["div_factor", "float", 25.0],
    ["final_div_factor", "float", 1e4], ["three_phase", "bool", false], LAST_EPOCH,
  ],
  ReduceLROnPlateau: [
    ["mode", "str:min,max", "min"], ["factor", "float", 0.1], ["patience", "int", 10], ["threshold", "float", 1e-4],
    ["threshold_mode", "str:rel,abs", "rel"], ["cooldown", "int", 0], ["min_lr", "float", 0.0], ["eps", "float", 1e-8],
  ],
  SWALR: [["swa_lr", "float", 0.05], ["anneal_epochs", "int", 10], ["anneal_strategy", "str:cos,linear", "cos"], LAST_EPOCH],
};
// SequentialLR's own arguments besides its schedulers (ChainedScheduler has none)
export const SEQUENTIAL_SPEC = [["milestones", "intlist", [10]], LAST_EPOCH];
export const BASIC = Object.keys(SPECS);
export const COMPOSITE = ["SequentialLR", "ChainedScheduler"];
export const ALL = [...BASIC, ...COMPOSITE];
export const METRIC_SPEC = [
  ["metric_start", "float", 2.0], ["metric_floor", "float", 0.5], ["metric_plateau_at", "count", 40],
  ["metric_noise", "float", 0.05], ["metric_seed", "count", 0],
];
const OPTIMIZERS = ["SGD", "Adam", "Adagrad"];

export function defaults(name) {
  const args = {};
  for (const [key, , value] of SPECS[name] || []) args[key] = Array.isArray(value) ? [...value] : value;
  return args;
}

export function defaultConfig(name = "CosineAnnealingLR") {
  const config = { scheduler: name, optimizer: "SGD", lr: 0.1, momentum: 0.9, betas: [0.9, 0.999], steps: 100 };
  if (COMPOSITE.includes(name)) {
    config.schedulers = [
      { scheduler: "LinearLR", args: { ...defaults("LinearLR"), start_factor: 0.1, total_iters: 10 } },
      { scheduler: "CosineAnnealingLR", args: { ...defaults("CosineAnnealingLR"), T_max: 90 } },
    ];
    config.args = name === "SequentialLR" ? { milestones: [10], last_epoch: -1 } : {};
  } else {
    config.args = defaults(name);
  }
  if (name === "ReduceLROnPlateau") {
    config.metric = { start: 2.0, floor: 0.5, plateau_at: 40, noise: 0.05, seed: 0 };
    config.args.patience = 5;
  }
  return config;
}

export function typeOf(name, key) {
  const row = (name === "SequentialLR" ? SEQUENTIAL_SPEC : SPECS[name] || []).find(([k]) => k === key);
  return row ? row[1] : null;
}

// ---------------------------------------------------------------- value parsing (inputs and URL)
export class InputError extends Error {}

// Parse the text of one argument as its type says; throws InputError with a plain message.
export function parseValue(type, text, key) {
  const raw = String(text).trim();
  if (type === "expr") {
    if (!raw) throw new InputError(`${key}: enter an expression in epoch`);
    return raw;
  }
  if (type === "xexpr") return raw === "" || raw === "None" || raw === "null" ? null : raw;
  if (type.startsWith("str:")) {
    const word = raw.replace(/^["']|["']$/g, "");
    if (!word) throw new InputError(`${key}: enter one of ${type.slice(4).split(",").join(", ")}`);
    return word;
  }
  let value;
  try {
    value = JSON.parse(raw.replace(/^True$/, "true").replace(/^False$/, "false").replace(/^None$/, "null"));
  } catch {
    throw new InputError(`${key}: ${JSON.stringify(raw)} is not a ${describe(type)}`);
  }
  if (type === "bool") {
    if (typeof value !== "boolean") throw new InputError(`${key}: expected true or false, got ${raw}`);
    return value;
  }
  if (type === "int?" && value === null) return null;
  if (type === "int" || type === "int?" || type === "count") {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`${key}: expected an integer, got ${raw}`);
    // a Python float literal (2.5, 3.0, 1e3) where torch's signature says int: passed as the float
    if (type !== "count" && /[.eE]/.test(raw)) return { float: value };
    if (!Number.isSafeInteger(value)) throw new InputError(`${key}: expected an integer, got ${raw}`);
    return value;
  }
  if (type === "float") {
    if (typeof value !== "number") throw new InputError(`${key}: expected a number, got ${raw}`);
    return value;
  }
  if (type === "intlist") {
    if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) {
      throw new InputError(`${key}: expected a list of integers such as [30, 80], got ${raw}`);
    }
    return value;
  }
  if (type === "floatlist") {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === "number")) {
      throw new InputError(`${key}: expected two numbers such as [0.9, 0.999], got ${raw}`);
    }
    return value;
  }
  throw new InputError(`${key}: unknown type ${type}`);
}

function describe(type) {
  return { int: "integer", "int?": "integer or null", count: "integer", float: "number", bool: "true/false", intlist: "list of integers" }[type] || type;
}

// The text of a value in the URL and in the inputs (a JSON literal, a bare word, an expression).
export function formatValue(type, value) {
  if (type === "xexpr") return value === null || value === undefined ? "" : String(value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "object" && !Array.isArray(value)) return repr(value.float);
  if (type === "expr" || type.startsWith("str:")) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map((v) => (type === "floatlist" ? repr(v) : String(v))).join(",")}]`;
  if (type === "float") return repr(value);
  return String(value);
}

// ---------------------------------------------------------------- URL contract
// explorer/?scheduler=<ClassName>&lr=<float>&steps=<int>&<argument>=<value>…
const KEEP = { "%5B": "[", "%5D": "]", "%2C": ",", "%28": "(", "%29": ")", "%2A": "*", "%3A": ":", "%2F": "/", "%22": '"', "%7B": "{", "%7D": "}" };
const enc = (s) => encodeURIComponent(s).replace(/%5B|%5D|%2C|%28|%29|%2A|%3A|%2F|%22|%7B|%7D/g, (m) => KEEP[m]);

export function toQuery(config) {
  const parts = [["scheduler", config.scheduler], ["lr", repr(config.lr)], ["steps", String(config.steps)]];
  if (config.optimizer !== "SGD") parts.push(["optimizer", config.optimizer]);
  if (config.optimizer === "SGD") parts.push(["momentum", repr(config.momentum)]);
  if (config.optimizer === "Adam") parts.push(["betas", formatValue("floatlist", config.betas)]);
  if (COMPOSITE.includes(config.scheduler)) {
    if (config.scheduler === "SequentialLR") {
      for (const [key, type] of SEQUENTIAL_SPEC) parts.push([key, formatValue(type, config.args[key])]);
    }
    // a JSON list; a Python float in an int argument is written as Python writes it (3.0)
    const members = config.schedulers.map((m) => {
      const fields = [["scheduler", m.scheduler], ...SPECS[m.scheduler].map(([key]) => [key, m.args[key]])];
      return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
    });
    parts.push(["schedulers", `[${members.join(",")}]`]);
  } else {
    for (const [key, type] of SPECS[config.scheduler]) parts.push([key, formatValue(type, config.args[key])]);
  }
  if (config.scheduler === "ReduceLROnPlateau") {
    const m = config.metric;
    for (const [key, type] of METRIC_SPEC) parts.push([key, formatValue(type, m[key.slice(7)])]);
  }
  return "?" + parts.map(([k, v]) => `${k}=${enc(v)}`).join("&");
}

const jsonText = (v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? repr(v.float) : JSON.stringify(v === undefined ? null : v));
// JSON.parse, keeping a number written with a point or an exponent as {float: x}
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const parseKeepingFloats = (text) => JSON.parse(text.replace(JSON_TOKEN, (t) => (t[0] !== '"' && /[.eE]/.test(t) ? `{"float":${t}}` : t)));
const literal = (v) => (Array.isArray(v) ? `[${v.map(literal).join(",")}]` : jsonText(v));

// Parse a query string into a configuration. Unknown keys are errors (so typos do not pass silently).
export function fromQuery(search) {
  const params = new URLSearchParams(search);
  const name = params.get("scheduler") || "CosineAnnealingLR";
  if (!ALL.includes(name)) throw new InputError(`scheduler: ${name} is not one of ${ALL.join(", ")}`);
  const config = defaultConfig(name);
  const seen = new Set(["scheduler"]);
  const get = (key, type, apply) => {
    if (params.has(key)) { apply(parseValue(type, params.get(key), key)); }
    seen.add(key);
  };
  get("lr", "float", (v) => { config.lr = v; });
  get("steps", "count", (v) => { config.steps = v; });
  get("optimizer", `str:${OPTIMIZERS.join(",")}`, (v) => {
    if (!OPTIMIZERS.includes(v)) throw new InputError(`optimizer: ${v} is not one of ${OPTIMIZERS.join(", ")}`);
    config.optimizer = v;
  });
  get("momentum", "float", (v) => { config.momentum = v; });
  get("betas", "floatlist", (v) => { config.betas = v; });
  if (COMPOSITE.includes(name)) {
    if (name === "SequentialLR") for (const [key, type] of SEQUENTIAL_SPEC) get(key, type, (v) => { config.args[key] = v; });
    seen.add("schedulers");
    if (params.has("schedulers")) {
      let list;
      try { list = parseKeepingFloats(params.get("schedulers")); } catch { throw new InputError("schedulers: not a JSON list"); }
      if (!Array.isArray(list)) throw new InputError("schedulers: expected a JSON list of {\"scheduler\": ..., arguments}");
      config.schedulers = list.map((m, i) => {
        if (!m || !BASIC.includes(m.scheduler)) throw new InputError(`schedulers[${i}]: unknown scheduler ${m && m.scheduler}`);
        const args = defaults(m.scheduler);
        for (const [key, value] of Object.entries(m)) {
          if (key === "scheduler") continue;
          const type = typeOf(m.scheduler, key);
          if (!type) throw new InputError(`schedulers[${i}]: ${m.scheduler} has no argument ${key}`);
          const text = typeof value === "string" && (type.endsWith("expr") || type.startsWith("str:")) ? value : literal(value);
          args[key] = parseValue(type, text, key);
        }
        return { scheduler: m.scheduler, args };
      });
    }
  } else {
    for (const [key, type] of SPECS[name]) get(key, type, (v) => { config.args[key] = v; });
  }
  if (name === "ReduceLROnPlateau") {
    for (const [key, type] of METRIC_SPEC) get(key, type, (v) => { config.metric[key.slice(7)] = v; });
    if (config.metric.plateau_at < 1) throw new InputError("metric_plateau_at: must be at least 1");
    if (config.metric.seed < 0 || config.metric.seed >= 2 ** 32) throw new InputError("metric_seed: must be in [0, 2**32)");
  }
  for (const key of params.keys()) {
    if (!seen.has(key)) throw new InputError(`${key}: ${name} has no argument ${key}`);
  }
  if (config.steps < 1 || config.steps > 100000) throw new InputError("steps: must be between 1 and 100000");
  return config;
}

// ---------------------------------------------------------------- the Python program
const MEMBER_NAMES = ["first", "second", "third", "fourth", "fifth"];

function pyValue(type, value) {
  if (type === "expr") return `lambda epoch: ${value}`;
  if (type === "xexpr") return value === null || value === undefined ? "None" : `lambda x: ${value}`;
  if (type.startsWith("str:")) return `"${String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  if (type === "intlist") return `[${value.join(", ")}]`;
  return pyStr(value, type === "float" ? "float" : "int");
}

// last_epoch=-1 and scale_fn=None, the defaults, are left out of the program
const shown = (key, value) => !(key === "last_epoch" && (value === -1 || value === undefined)) && !(key === "scale_fn" && (value === null || value === undefined));

function constructor(name, args) {
  const cls = name === "SWALR" ? "torch.optim.swa_utils.SWALR" : `torch.optim.lr_scheduler.${name}`;
  const list = SPECS[name].filter(([key]) => shown(key, args[key])).map(([key, type]) => `${key}=${pyValue(type, args[key])}`);
  const one = `${cls}(optimizer, ${list.join(", ")})`;
  if (one.length <= 88) return one;
  return `${cls}(\n    optimizer,\n${list.map((a) => `    ${a},\n`).join("")})`;
}

export function momentumColumn(config) {
  if (config.optimizer === "Adagrad") return null;
  const members = COMPOSITE.includes(config.scheduler) ? config.schedulers : [config];
  const cycles = members.some((m) => ["CyclicLR", "OneCycleLR"].includes(m.scheduler) && m.args.cycle_momentum);
  if (!cycles) return null;
  return config.optimizer === "Adam" ? "beta1" : "momentum";
}

export function program(config) {
  if (config.metrics) throw new InputError("a program needs the synthetic metric, not a list of metrics");
  const lines = [];
  const members = COMPOSITE.includes(config.scheduler) ? config.schedulers : [config];
  const usesMath = members.some((m) => SPECS[m.scheduler].some(([key, type]) => type.endsWith("expr") && /\bmath\./.test(m.args[key] || "")));
  if (usesMath) lines.push("import math", "");
  lines.push("import torch", "", "params = [torch.zeros(1, requires_grad=True)]");
  const opt = config.optimizer === "SGD" ? `torch.optim.SGD(params, lr=${repr(config.lr)}, momentum=${repr(config.momentum)})`
    : config.optimizer === "Adam" ? `torch.optim.Adam(params, lr=${repr(config.lr)}, betas=(${repr(config.betas[0])}, ${repr(config.betas[1])}))`
      : `torch.optim.Adagrad(params, lr=${repr(config.lr)})`;
  lines.push(`optimizer = ${opt}`);
  if (COMPOSITE.includes(config.scheduler)) {
    const names = config.schedulers.map((m, i) => MEMBER_NAMES[i]);
    config.schedulers.forEach((m, i) => lines.push(`${names[i]} = ${constructor(m.scheduler, m.args)}`));
    if (config.scheduler === "SequentialLR") {
      const last = shown("last_epoch", config.args.last_epoch) ? `, last_epoch=${pyValue("int", config.args.last_epoch)}` : "";
      lines.push(`scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[${names.join(", ")}], milestones=[${config.args.milestones.join(", ")}]${last})`);
    } else {
      lines.push(`scheduler = torch.optim.lr_scheduler.ChainedScheduler([${names.join(", ")}], optimizer=optimizer)`);
    }
  } else {
    lines.push(`scheduler = ${constructor(config.scheduler, config.args)}`);
  }
  const mcol = momentumColumn(config);
  const plateau = config.scheduler === "ReduceLROnPlateau";
  const header = ["step", "lr", ...(mcol ? [mcol] : []), ...(plateau ? ["metric"] : [])].join(",");
  const row = ["step", 'group["lr"]'];
  if (mcol) row.push(mcol === "beta1" ? 'group["betas"][0]' : 'group["momentum"]');
  lines.push("", "group = optimizer.param_groups[0]");
  if (plateau) {
    const m = config.metric;
    lines.push(`state = ${m.seed}  # seed of the synthetic validation loss below`);
    row.push("loss");
  }
  lines.push(`print("${header}")`, `for step in range(${config.steps}):`);
  if (plateau) {
    const m = config.metric;
    lines.push(
      "    # a noisy loss that falls linearly, then stops improving",
      "    state = (state * 1664525 + 1013904223) % 4294967296",
      `    loss = ${repr(m.start)} - (${repr(m.start)} - ${repr(m.floor)}) * min(step, ${m.plateau_at}) / ${m.plateau_at} + ${repr(m.noise)} * (state / 4294967296 - 0.5)`,
    );
  }
  lines.push(`    print(${row.join(", ")}, sep=",")`, "    optimizer.step()", plateau ? "    scheduler.step(loss)" : "    scheduler.step()");
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------- CSV
export function csv(config, result) {
  const mcol = momentumColumn(config);
  const plateau = config.scheduler === "ReduceLROnPlateau";
  const rows = [["step", "lr", ...(mcol ? [mcol] : []), ...(plateau ? ["metric"] : [])].join(",")];
  for (let i = 0; i < result.lrs.length; i++) {
    const row = [String(i), repr(result.lrs[i])];
    if (mcol) row.push(repr(result.momenta[i]));
    if (plateau) row.push(repr(result.metrics[i]));
    rows.push(row.join(","));
  }
  return rows.join("\n") + "\n";
}

// ---------------------------------------------------------------- phase and restart markers
// [step, label] where a phase or restart begins, within [1, steps).
export function markers(config, result) {
  const out = [];
  const add = (s, label) => { if (Number.isInteger(s) && s > 0 && s < config.steps) out.push([s, label]); };
  const one = (name, args, offset) => {
    const a = {};
    for (const [k, v] of Object.entries(args)) a[k] = num(v);
    const at = (s, label) => add(s + offset, label);
    if (name === "StepLR" && a.step_size > 0) for (let s = a.step_size; s + offset < config.steps; s += a.step_size) at(s, "step");
    if (name === "MultiStepLR") for (const s of new Set(a.milestones)) at(s, "milestone");
    if (["ConstantLR", "LinearLR", "PolynomialLR"].includes(name)) at(a.total_iters, "end of total_iters");
    if (name === "CosineAnnealingLR" && a.T_max > 0) for (let s = a.T_max; s + offset < config.steps; s += a.T_max) at(s, "T_max");
    if (name === "CosineAnnealingWarmRestarts" && a.T_0 > 0 && a.T_mult >= 1) {
      for (let s = a.T_0, T = a.T_0; s + offset < config.steps; T *= a.T_mult, s += T) at(s, "restart");
    }
    if (name === "CyclicLR" && a.step_size_up >= 0) {
      const up = a.step_size_up, down = a.step_size_down === null ? up : a.step_size_down;
      if (up + down > 0) for (let s = 0; s + offset < config.steps; s += up + down) { at(s + up, "peak"); at(s + up + down, "cycle"); }
    }
    if (name === "OneCycleLR") {
      const T = a.total_steps !== null ? a.total_steps : (a.epochs || 0) * (a.steps_per_epoch || 0);
      const ends = a.three_phase ? [a.pct_start * T - 1, 2 * a.pct_start * T - 2] : [a.pct_start * T - 1];
      for (const e of ends) at(Math.floor(e) + 1, "phase");
    }
    if (name === "SWALR") at(a.anneal_epochs, "end of annealing");
  };
  if (config.scheduler === "SequentialLR") {
    // the wrapper's last_epoch starts at last_epoch + 1: a milestone m is reached at step m - last_epoch - 1
    const shift = num(config.args.last_epoch ?? -1) + 1;
    const ms = config.args.milestones.map((m) => m - shift);
    config.schedulers.forEach((m, i) => {
      if (i > 0) add(ms[i - 1], "milestone");
      one(m.scheduler, m.args, i > 0 ? ms[i - 1] : 0);
    });
  } else if (config.scheduler === "ChainedScheduler") {
    // a member built with last_epoch = k starts k + 1 steps into its schedule
    for (const m of config.schedulers) one(m.scheduler, m.args, -(num(m.args.last_epoch ?? -1) + 1));
  } else if (config.scheduler === "ReduceLROnPlateau") {
    for (let i = 1; i < result.lrs.length; i++) if (result.lrs[i] !== result.lrs[i - 1]) add(i, "reduced");
  } else {
    one(config.scheduler, config.args, 0);
  }
  const seen = new Map();
  for (const [s, label] of out) if (!seen.has(s)) seen.set(s, label);
  return [...seen].sort((x, y) => x[0] - y[0]).slice(0, 200);
}
