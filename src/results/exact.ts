import decimalModule from 'decimal.js';
import type { Decimal } from 'decimal.js';

export type { Decimal };

// decimal.js's types describe its CommonJS build, where the default export is the whole module;
// under ESM its default export is the constructor itself. One cast here, typed correctly everywhere else.
const DecimalConstructor = decimalModule as unknown as typeof decimalModule.Decimal;

/**
 * Arithmetic context for marks, weights, prices and scores. Sums and products of the short decimals
 * we handle never come near 1000 significant digits, so they are exact; quotients are exact when
 * they terminate (÷100, ÷4, ÷5) and carried to 40 significant digits when they recur (a price ratio
 * such as 100/300, or the mean of three marks). A local clone: the global Decimal is never configured.
 */
const PLAIN = { toExpNeg: -9e15, toExpPos: 9e15 }; // never exponent notation

export const Exact = DecimalConstructor.clone({ ...PLAIN, precision: 1000, rounding: DecimalConstructor.ROUND_HALF_UP });

/** Room to multiply a 1000-digit quotient back without rounding, to tell a terminating quotient from a recurring one. */
const Wide = DecimalConstructor.clone({ ...PLAIN, precision: 4000 });

/** Significant digits kept for a recurring quotient. */
export const RECURRING_QUOTIENT_DIGITS = 40;

export const ZERO = new Exact(0);
export const HUNDRED = new Exact(100);

/**
 * Shorter contexts for quotients that cannot need 1000 digits: they truncate (round down), so rounding their
 * result half up to 40 digits gives exactly the rounding of the true quotient (the digits cut away can only
 * raise a value below the halfway point towards it, never to it).
 */
const TRUNCATING = [100, 300].map((precision) =>
  DecimalConstructor.clone({ ...PLAIN, precision, rounding: DecimalConstructor.ROUND_DOWN }));

/** a / b: exact when the quotient terminates, otherwise rounded (half up) to 40 significant digits. */
export function quotient(numerator: Decimal.Value, denominator: Decimal.Value): Decimal {
  const n = new Exact(numerator);
  const d = new Exact(denominator);
  // A terminating n / d has at most sd(n) + log2(d's digits as an integer) + 1 significant digits, and that
  // log2 is under 3.33 per digit: a context with that many digits holds it whole. A recurring price ratio
  // costs 7 µs here against 34 µs at 1000 digits multiplied back at 4000.
  const needed = Math.max(n.sd() + 4 * d.sd() + 2, RECURRING_QUOTIENT_DIGITS + 1);
  const Short = TRUNCATING.find((context) => context.precision >= needed);
  const q = Short ? new Exact(Short.div(n, d)) : Exact.div(n, d);
  // Terminating exactly when it multiplies back. (Counting significant digits is not enough: a recurring
  // quotient cut at digit 1000 can end in zeros, and its 999 digits would then make later sums inexact.)
  return new Wide(q).times(d).eq(n) ? q : q.toSignificantDigits(RECURRING_QUOTIENT_DIGITS, DecimalConstructor.ROUND_HALF_UP);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), ZERO);
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** A plain decimal string ("12", "-3.5", "0.25") as an exact Decimal; null for anything else. */
export function parseDecimal(value: unknown): Decimal | null {
  if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) return null;
  return new Exact(value);
}

/** Full-precision plain notation, never exponent form: "12.5", "0.0000001", "100". */
export function exactString(value: Decimal.Value): string {
  return new Exact(value).toString();
}

/** For people: a fixed number of decimal places, rounded half up ("81.24", "19.20"). Never for arithmetic. */
export function toDisplay(value: Decimal.Value, places = 2): string {
  const text = new Exact(value).toFixed(places, DecimalConstructor.ROUND_HALF_UP);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}
