// Python float semantics the schedulers rely on: exceptions with CPython's messages,
// true/floor division, modulo, pow, min/max, and repr() of a float.

export class PyError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
  toString() {
    return `${this.type}: ${this.message}`;
  }
}

// Raised for inputs a Python program accepts but this port does not model
// (complex results, integers beyond 2**53); never presented as torch's message.
export const UNSUPPORTED = "ExplorerError";

export function fail(type, message) {
  throw new PyError(type, message);
}

// float / float, float / int, int / float
export function fdiv(a, b) {
  if (b === 0) fail("ZeroDivisionError", "float division by zero");
  return a / b;
}

// int / int (true division of two Python ints)
export function idiv(a, b) {
  if (b === 0) fail("ZeroDivisionError", "division by zero");
  return a / b;
}

// int % int, the sign of the divisor
export function imod(a, b) {
  if (b === 0) fail("ZeroDivisionError", "integer modulo by zero");
  let r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) r += b;
  return r === 0 ? 0 : r;
}

// int // int
export function ifloordiv(a, b) {
  if (b === 0) fail("ZeroDivisionError", "integer division or modulo by zero");
  let q = Math.floor(a / b);
  let r = a - q * b;
  if (b > 0) {
    while (r < 0) { q -= 1; r += b; }
    while (r >= b) { q += 1; r -= b; }
  } else {
    while (r > 0) { q -= 1; r += b; }
    while (r <= b) { q += 1; r -= b; }
  }
  return q === 0 ? 0 : q;
}

// float % float (CPython float_rem)
export function fmod(vx, wx) {
  if (wx === 0) fail("ZeroDivisionError", "float modulo");
  let mod = vx % wx;
  if (mod) {
    if ((wx < 0) !== (mod < 0)) mod += wx;
  } else {
    mod = wx < 0 || Object.is(wx, -0) ? -0 : 0;
  }
  return mod;
}

// float // float (CPython _float_div_mod)
export function ffloordiv(vx, wx) {
  if (wx === 0) fail("ZeroDivisionError", "float floor division by zero");
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if ((wx < 0) !== (mod < 0)) { mod += wx; div -= 1.0; }
  }
  let floordiv;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = Math.sign(vx / wx) < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  return floordiv;
}

// float ** float (CPython float_pow)
export function fpow(iv, iw) {
  if (iw === 0) return 1.0;
  if (Number.isNaN(iv)) return iv === 1.0 ? 1.0 : NaN;
  if (Number.isNaN(iw)) return iv === 1.0 ? 1.0 : NaN;
  if (!Number.isFinite(iw)) {
    const a = Math.abs(iv);
    if (a === 1.0) return 1.0;
    if ((iw > 0) === (a > 1.0)) return Infinity;
    return 0.0;
  }
  if (!Number.isFinite(iv)) return iv ** iw;
  const iwInt = Number.isInteger(iw);
  if (iv === 0) {
    if (iw < 0) fail("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    return iv ** iw;
  }
  if (iv < 0 && !iwInt) {
    fail(UNSUPPORTED, `${repr(iv)} ** ${repr(iw)} is a complex number in Python; the explorer does not model complex learning rates`);
  }
  if (iv === 1.0) return 1.0;
  const r = iv ** iw;
  if (!Number.isFinite(r)) fail("OverflowError", "(34, 'Numerical result out of range')");
  return r;
}

// Python's max(a, b) / min(a, b) for two numbers: the first argument unless the second is strictly larger / smaller.
export const pymax = (a, b) => (b > a ? b : a);
export const pymin = (a, b) => (b < a ? b : a);

// repr() of a Python float: shortest round-trip digits, exponent when decpt <= -4 or > 16.
export function repr(x) {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, exp] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const decpt = Number(exp) + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (digits.length <= decpt) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const e = decpt - 1;
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const es = Math.abs(e) < 10 ? `0${Math.abs(e)}` : `${Math.abs(e)}`;
  return `${sign}${m}e${e < 0 ? "-" : "+"}${es}`;
}

// An argument torch types int holds a JS number when the reader wrote a Python int, and
// {float: x} when they wrote a Python float (2.5, 3.0): torch accepts some and rejects others.
const tagged = (v) => v !== null && typeof v === "object" && "float" in v;
export const isPyFloat = (v) => tagged(v) || (typeof v === "number" && !Number.isInteger(v));
export const num = (v) => (tagged(v) ? v.float : v);
// f"{v}" of such a number
export const fmtNum = (v) => (isPyFloat(v) ? repr(num(v)) : String(v));

// repr() of a Python str
export function strRepr(s) {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/[\\\n\r\t]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]);
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

// f"{value}" of an argument whose Python type is known (int, float, bool, str, None, list).
export function pyStr(value, type) {
  if (value === null || value === undefined) return "None";
  if (typeof value === "object" && !Array.isArray(value)) return repr(value.float);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map((v) => pyStr(v, type === "float" ? "float" : "int")).join(", ")}]`;
  if (type === "int") return String(value);
  return repr(value);
}
