// A small parser for the lr_lambda expressions of LambdaLR / MultiplicativeLR (and CyclicLR's
// scale_fn, in x), in Python syntax: numbers, the variable, + - * / // % **, parentheses,
// comparisons, and/or/not, `a if c else b`, min, max, abs, math.cos/sin/exp/log/sqrt/pi/e.
// It never calls eval: the text is tokenised, parsed into closures, and evaluated with
// Python's int/float/bool semantics and messages.

import {
  PyError, UNSUPPORTED, fail, fdiv, idiv, imod, ifloordiv, fmod, ffloordiv, fpow,
} from "./py.js";

const INT = 0, FLOAT = 1, BOOL = 2;
const SAFE = Number.MAX_SAFE_INTEGER;
const TYPE_NAME = ["int", "float", "bool"];

const int = (v) => {
  if (Math.abs(v) > SAFE) fail(UNSUPPORTED, "an integer in the expression exceeds 2**53, which the explorer cannot represent exactly");
  return { k: INT, v: v === 0 ? 0 : v };
};
const flt = (v) => ({ k: FLOAT, v });
const bool = (b) => ({ k: BOOL, v: b ? 1 : 0 });
const TRUE = bool(true), FALSE = bool(false);
const isFloat = (a, b) => a.k === FLOAT || b.k === FLOAT;
const truthy = (a) => a.v !== 0; // NaN is truthy in Python, and NaN !== 0

const BIN = {
  "+": (a, b) => (isFloat(a, b) ? flt(a.v + b.v) : int(a.v + b.v)),
  "-": (a, b) => (isFloat(a, b) ? flt(a.v - b.v) : int(a.v - b.v)),
  "*": (a, b) => (isFloat(a, b) ? flt(a.v * b.v) : int(a.v * b.v)),
  "/": (a, b) => flt(isFloat(a, b) ? fdiv(a.v, b.v) : idiv(a.v, b.v)),
  "//": (a, b) => (isFloat(a, b) ? flt(ffloordiv(a.v, b.v)) : int(ifloordiv(a.v, b.v))),
  "%": (a, b) => (isFloat(a, b) ? flt(fmod(a.v, b.v)) : int(imod(a.v, b.v))),
  "**": (a, b) => {
    if (isFloat(a, b) || b.v < 0) return flt(fpow(a.v, b.v));
    let r = 1;
    for (let i = 0; i < b.v; i++) {
      r *= a.v;
      if (Math.abs(r) > SAFE) int(r);
      if (r === 0 || r === 1) break;
    }
    if (r === 1 && a.v === -1) r = b.v % 2 === 0 ? 1 : -1;
    return int(r);
  },
  "<": (a, b) => bool(a.v < b.v),
  "<=": (a, b) => bool(a.v <= b.v),
  ">": (a, b) => bool(a.v > b.v),
  ">=": (a, b) => bool(a.v >= b.v),
  "==": (a, b) => bool(a.v === b.v),
  "!=": (a, b) => bool(a.v !== b.v),
};

function toFloat(a) {
  return a.v;
}

function mathFn(name, f, domain) {
  return (args) => {
    if (args.length !== 1) fail("TypeError", `math.${name}() takes exactly one argument (${args.length} given)`);
    const x = toFloat(args[0]);
    const r = f(x);
    if (domain(x, r)) fail("ValueError", "math domain error");
    if (!Number.isFinite(r) && Number.isFinite(x)) fail("OverflowError", "math range error");
    return flt(r);
  };
}

function log(x) {
  if (x.k !== FLOAT && x.v <= 0) fail("ValueError", "math domain error");
  if (!(x.v > 0) && !Number.isNaN(x.v)) fail("ValueError", "math domain error");
  return Math.log(x.v);
}

const MATH_FUNCS = {
  cos: mathFn("cos", Math.cos, (x) => !Number.isFinite(x) && !Number.isNaN(x)),
  sin: mathFn("sin", Math.sin, (x) => !Number.isFinite(x) && !Number.isNaN(x)),
  exp: mathFn("exp", Math.exp, () => false),
  sqrt: mathFn("sqrt", Math.sqrt, (x) => x < 0),
  log: (args) => {
    if (args.length < 1 || args.length > 2) {
      fail("TypeError", `log expected at least 1 argument, got ${args.length}`);
    }
    const num = log(args[0]);
    if (args.length === 1) return flt(num);
    const den = log(args[1]);
    return flt(fdiv(num, den));
  },
};
const MATH_CONSTS = { pi: Math.PI, e: Math.E };

function minmax(name, better) {
  return (args) => {
    if (args.length === 0) fail("TypeError", `${name} expected at least 1 argument, got 0`);
    if (args.length === 1) fail("TypeError", `'${TYPE_NAME[args[0].k]}' object is not iterable`);
    let best = args[0];
    for (let i = 1; i < args.length; i++) if (better(args[i].v, best.v)) best = args[i];
    return best;
  };
}

const FUNCS = {
  min: minmax("min", (a, b) => a < b),
  max: minmax("max", (a, b) => a > b),
  abs: (args) => {
    if (args.length !== 1) fail("TypeError", `abs() takes exactly one argument (${args.length} given)`);
    const a = args[0];
    return a.k === FLOAT ? flt(Math.abs(a.v)) : int(Math.abs(a.v));
  },
};

// ---------- tokenizer ----------
const TOKEN = /\s*(?:(\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|\/\/|<=|>=|==|!=|[-+*/%()<>,.]))/y;

function tokenize(text) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) fail("SyntaxError", `invalid syntax at column ${pos + 1}: ${JSON.stringify(text.slice(pos).trim()[0])}`);
    const at = m.index + m[0].length - (m[1] || m[2] || m[3]).length;
    if (m[1] !== undefined) tokens.push({ t: "num", s: m[1], at });
    else if (m[2] !== undefined) tokens.push({ t: "name", s: m[2], at });
    else tokens.push({ t: "op", s: m[3], at });
    pos = TOKEN.lastIndex;
  }
  tokens.push({ t: "end", s: "", at: text.length });
  return tokens;
}

function numberValue(s) {
  const clean = s.replace(/_/g, "");
  if (/[.eE]/.test(clean)) return flt(Number(clean));
  if (/^0\d/.test(clean)) fail("SyntaxError", "leading zeros in decimal integer literals are not permitted");
  return int(Number(clean));
}

// ---------- parser: text -> closure(env) ----------
// `variable` is the lambda's argument: epoch (lr_lambda) or x (CyclicLR's scale_fn).
export function compile(text, variable = "epoch") {
  if (typeof text !== "string" || text.trim() === "") fail("SyntaxError", "the expression is empty");
  const toks = tokenize(text);
  let i = 0;
  const peek = () => toks[i];
  const take = () => toks[i++];
  const isOp = (s) => toks[i].t === "op" && toks[i].s === s;
  const isKw = (s) => toks[i].t === "name" && toks[i].s === s;
  const expect = (s) => {
    if (!isOp(s)) syntax();
    i++;
  };
  const syntax = () => {
    const tok = peek();
    fail("SyntaxError", tok.t === "end" ? "unexpected end of the expression" : `invalid syntax at column ${tok.at + 1}: '${tok.s}'`);
  };

  function ternary() {
    const body = orExpr();
    if (!isKw("if")) return body;
    i++;
    const cond = orExpr();
    if (!isKw("else")) syntax();
    i++;
    const other = ternary();
    return (env) => (truthy(cond(env)) ? body(env) : other(env));
  }
  function orExpr() {
    let left = andExpr();
    while (isKw("or")) {
      i++;
      const l = left, r = andExpr();
      left = (env) => { const a = l(env); return truthy(a) ? a : r(env); };
    }
    return left;
  }
  function andExpr() {
    let left = notExpr();
    while (isKw("and")) {
      i++;
      const l = left, r = notExpr();
      left = (env) => { const a = l(env); return truthy(a) ? r(env) : a; };
    }
    return left;
  }
  function notExpr() {
    if (isKw("not")) {
      i++;
      const x = notExpr();
      return (env) => (truthy(x(env)) ? FALSE : TRUE);
    }
    return comparison();
  }
  const CMP = ["<", "<=", ">", ">=", "==", "!="];
  function comparison() {
    const first = arith();
    const ops = [], rest = [];
    while (peek().t === "op" && CMP.includes(peek().s)) {
      ops.push(BIN[take().s]);
      rest.push(arith());
    }
    if (!ops.length) return first;
    return (env) => {
      let a = first(env);
      for (let j = 0; j < ops.length; j++) {
        const b = rest[j](env);
        if (!truthy(ops[j](a, b))) return FALSE;
        a = b;
      }
      return TRUE;
    };
  }
  function binaryLevel(next, ops) {
    return () => {
      let left = next();
      while (peek().t === "op" && ops.includes(peek().s)) {
        const f = BIN[take().s];
        const l = left, r = next();
        left = (env) => f(l(env), r(env));
      }
      return left;
    };
  }
  function unary() {
    if (isOp("-") || isOp("+")) {
      const neg = take().s === "-";
      const x = unary();
      return neg ? (env) => { const a = x(env); return a.k === FLOAT ? flt(-a.v) : int(-a.v); }
        : (env) => { const a = x(env); return a.k === BOOL ? int(a.v) : a; };
    }
    return power();
  }
  function power() {
    const base = atom();
    if (!isOp("**")) return base;
    i++;
    const exp = unary();
    return (env) => BIN["**"](base(env), exp(env));
  }
  function args() {
    expect("(");
    const list = [];
    if (!isOp(")")) {
      list.push(ternary());
      while (isOp(",")) { i++; if (isOp(")")) break; list.push(ternary()); }
    }
    expect(")");
    return list;
  }
  function call(f, list) {
    return (env) => f(list.map((a) => a(env)));
  }
  function atom() {
    const tok = peek();
    if (tok.t === "num") { i++; const v = numberValue(tok.s); return () => v; }
    if (isOp("(")) { i++; const e = ternary(); expect(")"); return e; }
    if (tok.t !== "name") syntax();
    i++;
    const name = tok.s;
    if (name === "True") return () => TRUE;
    if (name === "False") return () => FALSE;
    if (["if", "else", "and", "or", "not", "lambda"].includes(name)) { i--; syntax(); }
    if (name === "math" && isOp(".")) {
      i++;
      const attr = take();
      if (attr.t !== "name") { i--; syntax(); }
      if (attr.s in MATH_CONSTS) { const v = flt(MATH_CONSTS[attr.s]); return () => v; }
      if (!(attr.s in MATH_FUNCS)) fail(UNSUPPORTED, `math.${attr.s} is not among the functions the explorer supports (math.cos, sin, exp, log, sqrt, pi, e)`);
      if (!isOp("(")) fail(UNSUPPORTED, `math.${attr.s} must be called`);
      return call(MATH_FUNCS[attr.s], args());
    }
    if (name in FUNCS && isOp("(")) return call(FUNCS[name], args());
    if (name === variable) return (env) => env;
    return () => fail("NameError", `name '${name}' is not defined`);
  }
  const term = binaryLevel(unary, ["*", "/", "//", "%"]);
  const arith = binaryLevel(term, ["+", "-"]);
  const body = ternary();
  if (peek().t !== "end") syntax();
  // f(value, isFloat) -> {k, v}: the argument is a Python int, or a float when isFloat
  return (value, isFloat) => body(isFloat ? flt(value) : int(value));
}

export { INT, FLOAT, BOOL, PyError };
