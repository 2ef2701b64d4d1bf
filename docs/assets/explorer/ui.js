// The explorer's interface: a form for every constructor argument, a uPlot chart with a cursor
// readout and phase markers, the Python program, the CSV, and (on the explorer page) the URL.
// Mounted on every element with data-explorer="page" or data-explorer="panel" data-preset="<page>".

import { run } from "./engine.js";
import {
  SPECS, SEQUENTIAL_SPEC, BASIC, COMPOSITE, ALL, METRIC_SPEC, defaults, defaultConfig, parseValue, formatValue, InputError,
  toQuery, fromQuery, program, csv, markers, momentumColumn,
} from "./spec.js";
import { repr } from "./py.js";
import { T } from "./strings.js";

const COLORS = ["#3b82f6", "#e8590c", "#2f9e44"]; // scripts/figures.py
const INK = "#8c8c8c", GRID = "#8c8c8c40";
let uid = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// One labelled input for a typed argument; calls onChange(text) as the reader types.
function field(key, type, value, onChange, labelText = key) {
  const id = `ex-${++uid}`;
  let input;
  if (type === "bool") {
    input = el("input", { id, type: "checkbox", name: key });
    input.checked = !!value;
    input.addEventListener("change", () => onChange(input.checked ? "true" : "false"));
    return el("div", { class: "ex-field ex-bool" }, input, el("label", { for: id, text: labelText }));
  }
  if (type.startsWith("str:")) {
    input = el("select", { id, name: key });
    const choices = type.slice(4).split(",");
    if (!choices.includes(value)) choices.push(value); // a value torch rejects, from the URL
    for (const c of choices) input.append(el("option", { value: c, text: c }));
    input.value = value;
    input.addEventListener("change", () => onChange(input.value));
  } else {
    const hint = T.hint[type];
    input = el("input", {
      id, name: key, type: "text", spellcheck: "false", autocomplete: "off",
      inputmode: type === "count" ? "numeric" : ["int", "int?", "float"].includes(type) ? "decimal" : null,
      "aria-describedby": `${id}-hint`,
    });
    input.value = formatValue(type, value);
    input.addEventListener("input", () => onChange(input.value));
    return el("div", { class: `ex-field${type.endsWith("expr") ? " ex-wide" : ""}` },
      el("label", { for: id, text: labelText }), input, el("small", { id: `${id}-hint`, text: hint }));
  }
  return el("div", { class: "ex-field" }, el("label", { for: id, text: labelText }), input);
}

class Explorer {
  constructor(root, config, mode) {
    this.root = root;
    this.mode = mode;
    this.config = config;
    this.inputErrors = new Map();
    this.blobUrl = null;
    root.classList.add("ex-root");
    root.replaceChildren();
    this.form = el("form", { class: "ex-form", onsubmit: (e) => e.preventDefault() });
    this.status = el("div", { class: "ex-error", role: "alert", "aria-live": "assertive" });
    this.chart = el("div", { class: "ex-chart", role: "img" });
    this.readout = el("p", { class: "ex-readout", "aria-live": "polite" });
    this.stepId = `ex-${++uid}`;
    this.slider = el("input", { id: this.stepId, type: "range", min: "0", max: "0", value: "0", class: "ex-slider" });
    this.slider.addEventListener("input", () => this.readAt(Number(this.slider.value), true));
    this.code = el("code", { class: "language-python" });
    this.copy = el("button", { type: "button", class: "md-button ex-copy", text: T.copy, onclick: () => this.copyCode() });
    this.download = el("a", { class: "md-button ex-download", text: T.download });
    this.share = el("a", { class: "ex-share", text: mode === "page" ? T.sharePage : T.sharePanel });
    root.append(
      this.form, this.status, this.chart,
      el("div", { class: "ex-cursor" }, el("label", { for: this.stepId, text: T.readAt }), this.slider), this.readout,
      el("div", { class: "ex-actions" }, this.download, this.copy, this.share),
      el("details", { class: "ex-code", open: mode === "page" }, el("summary", { text: T.program }),
        el("div", { class: "highlight" }, el("pre", {}, this.code))),
    );
    this.buildForm();
    this.update();
  }

  // ------------------------------------------------------------ form
  buildForm() {
    const c = this.config;
    this.inputErrors.clear();
    const set = (key, type, apply) => (text) => {
      try {
        apply(parseValue(type, text, key));
        this.inputErrors.delete(key);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        this.inputErrors.set(key, e.message);
      }
      this.schedule();
    };
    const parts = [];
    if (this.mode === "page") {
      const opts = ALL.map((n) => el("option", { value: n, text: n }));
      const id = `ex-${++uid}`;
      const select = el("select", { id, name: "scheduler" }, ...opts);
      select.value = c.scheduler;
      select.addEventListener("change", () => {
        const next = defaultConfig(select.value);
        for (const k of ["optimizer", "lr", "momentum", "betas", "steps"]) next[k] = this.config[k];
        this.config = next;
        this.buildForm();
        this.update();
      });
      parts.push(el("div", { class: "ex-field" }, el("label", { for: id, text: T.scheduler }), select));
    }
    const optFields = [field("optimizer", "str:SGD,Adam,Adagrad", c.optimizer, (v) => {
      this.config.optimizer = v;
      this.buildForm();
      this.update();
    }, "optimizer")];
    optFields.push(field("lr", "float", c.lr, set("lr", "float", (v) => { this.config.lr = v; }), "lr"));
    if (c.optimizer === "SGD") optFields.push(field("momentum", "float", c.momentum, set("momentum", "float", (v) => { this.config.momentum = v; })));
    if (c.optimizer === "Adam") optFields.push(field("betas", "floatlist", c.betas, set("betas", "floatlist", (v) => { this.config.betas = v; })));
    optFields.push(field("steps", "count", c.steps, set("steps", "count", (v) => {
      if (v < 1 || v > 100000) throw new InputError("steps: between 1 and 100000");
      this.config.steps = v;
    })));
    parts.push(el("fieldset", {}, el("legend", { text: T.optimizer }), ...optFields));
    if (COMPOSITE.includes(c.scheduler)) {
      parts.push(this.builder(set));
    } else {
      parts.push(el("fieldset", {}, el("legend", { text: T.arguments(c.scheduler) }),
        ...SPECS[c.scheduler].map(([key, type]) => field(key, type, c.args[key], set(key, type, (v) => { this.config.args[key] = v; })))));
    }
    if (c.scheduler === "ReduceLROnPlateau") {
      parts.push(el("fieldset", {}, el("legend", { text: T.metric }),
        ...METRIC_SPEC.map(([key, type]) => field(key, type, c.metric[key.slice(7)], set(key, type, (v) => {
          if (key === "metric_plateau_at" && v < 1) throw new InputError("metric_plateau_at: at least 1");
          if (key === "metric_seed" && (v < 0 || v >= 2 ** 32)) throw new InputError("metric_seed: in [0, 2**32)");
          this.config.metric[key.slice(7)] = v;
        }), key.slice(7).replace("_", " ")))));
    }
    this.form.replaceChildren(...parts);
  }

  // The composition builder: 2-3 members, each a scheduler with its arguments, plus milestones.
  builder(set) {
    const c = this.config;
    const box = el("fieldset", { class: "ex-builder" }, el("legend", { text: T.members(c.scheduler) }));
    c.schedulers.forEach((m, i) => {
      const id = `ex-${++uid}`;
      const select = el("select", { id }, ...BASIC.filter((n) => n !== "ReduceLROnPlateau").map((n) => el("option", { value: n, text: n })));
      if (m.scheduler === "ReduceLROnPlateau") select.append(el("option", { value: m.scheduler, text: m.scheduler }));
      select.value = m.scheduler;
      select.addEventListener("change", () => {
        c.schedulers[i] = { scheduler: select.value, args: defaults(select.value) };
        this.buildForm();
        this.update();
      });
      const remove = c.schedulers.length > 2 ? el("button", { type: "button", class: "ex-small", text: T.remove(i + 1), onclick: () => {
        c.schedulers.splice(i, 1);
        if (c.scheduler === "SequentialLR") c.args.milestones.splice(Math.max(0, i - 1), 1);
        this.buildForm();
        this.update();
      } }) : null;
      box.append(el("div", { class: "ex-member" },
        el("div", { class: "ex-field" }, el("label", { for: id, text: T.member(i + 1) }), select), remove,
        ...SPECS[m.scheduler].map(([key, type]) => field(key, type, m.args[key], set(`${i}.${key}`, type, (v) => { m.args[key] = v; }), key))));
    });
    if (c.schedulers.length < 3) {
      box.append(el("button", { type: "button", class: "ex-small", text: T.add, onclick: () => {
        c.schedulers.push({ scheduler: "ExponentialLR", args: defaults("ExponentialLR") });
        if (c.scheduler === "SequentialLR") c.args.milestones.push(Math.max(1, ...c.args.milestones) + 10);
        this.buildForm();
        this.update();
      } }));
    }
    if (c.scheduler === "SequentialLR") {
      for (const [key, type] of SEQUENTIAL_SPEC) box.append(field(key, type, c.args[key], set(key, type, (v) => { c.args[key] = v; })));
    }
    return box;
  }

  schedule() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => { this.pending = 0; this.update(); });
  }

  // ------------------------------------------------------------ output
  update() {
    const c = this.config;
    if (this.inputErrors.size) {
      this.status.textContent = [...this.inputErrors.values()].join("; ");
      this.status.dataset.kind = "input";
      return;
    }
    const result = run(c);
    this.result = result;
    this.status.dataset.kind = result.error ? "torch" : "";
    this.status.textContent = result.error
      ? `${result.error.type}: ${result.error.message}${result.lrs.length ? T.raisedAfter(result.lrs.length - 1) : ""}`
      : "";
    this.draw(result);
    const text = program(c);
    this.code.textContent = text;
    this.programText = text;
    const data = csv(c, result);
    this.csvText = data;
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = URL.createObjectURL(new Blob([data], { type: "text/csv" }));
    this.download.href = this.blobUrl;
    this.download.setAttribute("download", `${c.scheduler}.csv`);
    const query = toQuery(c);
    const explorerUrl = this.root.dataset.explorerUrl || "";
    this.share.href = `${explorerUrl}${query}`;
    if (this.mode === "page" && location.search !== query) history.replaceState(null, "", query + location.hash);
    this.root.dataset.state = JSON.stringify({ query, error: result.error, steps: result.lrs.length });
  }

  draw(result) {
    const c = this.config;
    const n = result.lrs.length;
    const xs = Array.from({ length: n }, (_, i) => i);
    const mcol = momentumColumn(c);
    const series = [{ label: "step" }, { label: "lr", stroke: COLORS[0], width: 2, scale: "lr", value: (u, v) => (v == null ? "" : repr(v)) }];
    const data = [xs, result.lrs];
    const axes = [{ stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, label: "step" },
      { stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, scale: "lr", label: "lr", size: 70 }];
    const extra = mcol ? [mcol, result.momenta] : c.scheduler === "ReduceLROnPlateau" && result.metrics ? ["metric", result.metrics.slice(0, n)] : null;
    if (extra) {
      series.push({ label: extra[0], stroke: COLORS[mcol ? 1 : 2], width: 2, scale: "y2", dash: [6, 3], value: (u, v) => (v == null ? "" : repr(v)) });
      data.push(extra[1]);
      axes.push({ stroke: INK, grid: { show: false }, scale: "y2", side: 1, label: extra[0], size: 60 });
    }
    this.marks = markers(c, result);
    this.chart.setAttribute("aria-label", T.chart(series.slice(1).map((s) => s.label), c.scheduler, n, this.marks.length));
    const width = Math.max(280, this.chart.clientWidth || this.root.clientWidth || 600);
    const key = series.map((s) => s.label).join();
    const marks = this.marks;
    if (this.plot && this.plotKey === key) {
      this.plot.marks = marks;
      this.plot.setData(data);
    } else {
      if (this.plot) this.plot.destroy();
      const self = this;
      this.plot = new window.uPlot({
        width, height: 280, series, axes, legend: { live: true },
        scales: { x: { time: false } },
        cursor: { drag: { x: false, y: false } },
        hooks: {
          draw: [(u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = INK;
            ctx.setLineDash([3, 4]);
            ctx.lineWidth = 1;
            for (const [s] of u.marks || []) {
              const x = Math.round(u.valToPos(s, "x", true)) + 0.5;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          }],
          setCursor: [(u) => { if (u.cursor.idx != null) self.readAt(u.cursor.idx, false); }],
        },
      }, data, this.chart);
      this.plot.marks = marks;
      this.plotKey = key;
      if (!this.resizer && window.ResizeObserver) {
        this.resizer = new ResizeObserver(() => {
          const w = Math.max(280, this.chart.clientWidth);
          if (this.plot && Math.abs(w - this.plot.width) > 2) this.plot.setSize({ width: w, height: 280 });
        });
        this.resizer.observe(this.chart);
      }
    }
    this.slider.max = String(Math.max(0, n - 1));
    if (Number(this.slider.value) > n - 1) this.slider.value = String(Math.max(0, n - 1));
    this.readAt(Number(this.slider.value), false);
  }

  readAt(i, moveCursor) {
    const r = this.result;
    if (!r || !r.lrs.length) { this.readout.textContent = T.noValues; return; }
    i = Math.min(Math.max(0, i), r.lrs.length - 1);
    const mcol = momentumColumn(this.config);
    let text = `${T.step} ${i}: lr = ${repr(r.lrs[i])}`;
    if (mcol) text += `, ${mcol} = ${repr(r.momenta[i])}`;
    if (this.config.scheduler === "ReduceLROnPlateau" && r.metrics) text += `, metric = ${repr(r.metrics[i])}`;
    const mark = (this.marks || []).find(([s]) => s === i);
    if (mark) text += T.begins(T.marker[mark[1]] || mark[1]);
    this.readout.textContent = text;
    if (moveCursor && this.plot) {
      this.plot.setCursor({ left: this.plot.valToPos(i, "x"), top: this.plot.valToPos(r.lrs[i], "lr") });
    } else {
      this.slider.value = String(i);
    }
  }

  async copyCode() {
    try {
      await navigator.clipboard.writeText(this.programText);
      this.copy.textContent = T.copied;
    } catch {
      const range = document.createRange();
      range.selectNodeContents(this.code);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      this.copy.textContent = T.selected;
    }
    setTimeout(() => { this.copy.textContent = T.copy; }, 2000);
  }
}

function withDefaults(preset) {
  const base = defaultConfig(preset.scheduler);
  const config = { ...base, ...JSON.parse(JSON.stringify(preset)) };
  // a preset names the arguments its page sets; the others (last_epoch, scale_fn...) take their defaults
  config.args = { ...base.args, ...config.args };
  if (config.schedulers) config.schedulers = config.schedulers.map((m) => ({ ...m, args: { ...defaults(m.scheduler), ...m.args } }));
  return config;
}

async function mount() {
  const roots = document.querySelectorAll("[data-explorer]");
  if (!roots.length) return;
  let presets = null;
  for (const root of roots) {
    try {
      if (root.dataset.explorer === "page") {
        let config;
        try {
          config = location.search ? fromQuery(location.search) : defaultConfig();
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          config = defaultConfig();
          root.explorer = new Explorer(root, config, "page");
          root.explorer.status.dataset.kind = "input";
          root.explorer.status.textContent = T.badLink(e.message);
          continue;
        }
        root.explorer = new Explorer(root, config, "page");
      } else {
        if (!presets) presets = await (await fetch(root.dataset.presets)).json();
        const preset = presets[root.dataset.preset];
        if (!preset) continue;
        root.explorer = new Explorer(root, withDefaults(preset.config), "panel");
      }
    } catch (e) {
      root.textContent = T.failed(e);
      throw e;
    }
  }
}

// Material's instant navigation is off, so a plain load event is enough.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();

export { Explorer };
