/**
 * Math functions: ABS ROUND TRUNC CEILING FLOOR MCEILING MFLOOR MAX MIN MOD SQRT EXP LN LOG PI and the
 * trigonometric SIN COS TAN ASIN ACOS ATAN ATAN2 (radians). A blank argument gives a blank result; an
 * undefined result (square root of a negative number, log of zero, MOD by zero) is #Error! in
 * Salesforce and reads as blank through the API ([UNVERIFIED] blank rather than a save error); ASIN and
 * ACOS outside -1..1 "return NULL" (Salesforce help).
 */
import { expectArgType, makeNode, numbersOf } from '../compiled-node.js';
import { normaliseNumber } from '../wire-values.js';
import type { FunctionDef, FunctionTable } from './function-def.js';

function numberFunction(minArgs: number, maxArgs: number, apply: (values: number[]) => number | null): FunctionDef {
  return {
    minArgs, maxArgs,
    compile(args, scope, name) {
      for (const arg of args) expectArgType(scope, name, arg, ['number']);
      return makeNode('number', name, (ctx) => {
        const values = numbersOf(args, ctx);
        if (values === null) return null;
        const result = apply(values);
        return result === null || !Number.isFinite(result) ? null : normaliseNumber(result);
      });
    },
  };
}

/**
 * Salesforce ROUND rounds half away from zero (ROUND(-1.5, 0) = -2), and accepts negative digits
 * (ROUND(1250, -2) = 1300). Shifting through the decimal exponent avoids binary error (1.005 -> 1.01).
 */
export function roundHalfAwayFromZero(value: number, digits: number): number {
  const places = Math.trunc(digits);
  const magnitude = Math.round(Number(`${Math.abs(value)}e${places}`));
  return Math.sign(value) * Number(`${magnitude}e${-places}`);
}

/** TRUNC(number, digits): cuts toward zero at `digits` decimals (negative digits cut whole tens, hundreds...). */
export function truncateTo(value: number, digits: number): number {
  const places = Math.trunc(digits);
  const magnitude = Math.trunc(Number(`${Math.abs(value)}e${places}`));
  return Math.sign(value) * Number(`${magnitude}e${-places}`);
}

export const MATH_FUNCTIONS: FunctionTable = {
  ABS: numberFunction(1, 1, ([n]) => Math.abs(n!)),
  ROUND: numberFunction(2, 2, ([n, digits]) => roundHalfAwayFromZero(n!, digits!)),
  // Salesforce help: CEILING rounds "up to the nearest integer, away from zero if negative"
  // (CEILING(-2.5) = -3) and FLOOR rounds "down ... towards zero if negative" (FLOOR(-2.5) = -2).
  CEILING: numberFunction(1, 1, ([n]) => Math.sign(n!) * Math.ceil(Math.abs(n!))),
  FLOOR: numberFunction(1, 1, ([n]) => Math.sign(n!) * Math.floor(Math.abs(n!))),
  MAX: numberFunction(1, Infinity, (values) => Math.max(...values)),
  MIN: numberFunction(1, Infinity, (values) => Math.min(...values)),
  // The sign follows the dividend, as in Java (MOD(-5, 3) = -2).
  MOD: numberFunction(2, 2, ([n, divisor]) => (divisor === 0 ? null : n! % divisor!)),
  SQRT: numberFunction(1, 1, ([n]) => (n! < 0 ? null : Math.sqrt(n!))),
  EXP: numberFunction(1, 1, ([n]) => Math.exp(n!)),
  LN: numberFunction(1, 1, ([n]) => (n! <= 0 ? null : Math.log(n!))),
  LOG: numberFunction(1, 1, ([n]) => (n! <= 0 ? null : Math.log10(n!))),
  TRUNC: numberFunction(1, 2, ([n, digits]) => truncateTo(n!, digits ?? 0)),
  // Salesforce help: MCEILING rounds "up to the nearest integer, towards zero if negative" and MFLOOR
  // "down to the nearest integer, away from zero if negative": the mathematical ceiling and floor.
  MCEILING: numberFunction(1, 1, ([n]) => Math.ceil(n!)),
  MFLOOR: numberFunction(1, 1, ([n]) => Math.floor(n!)),
  PI: numberFunction(0, 0, () => Math.PI),
  SIN: numberFunction(1, 1, ([n]) => Math.sin(n!)),
  // Salesforce help says COS answers NULL outside -1..1, a sentence copied from ACOS: the cosine of any
  // angle exists, so every number is accepted here ([UNVERIFIED]).
  COS: numberFunction(1, 1, ([n]) => Math.cos(n!)),
  TAN: numberFunction(1, 1, ([n]) => Math.tan(n!)),
  ASIN: numberFunction(1, 1, ([n]) => (Math.abs(n!) > 1 ? null : Math.asin(n!))),
  ACOS: numberFunction(1, 1, ([n]) => (Math.abs(n!) > 1 ? null : Math.acos(n!))),
  ATAN: numberFunction(1, 1, ([n]) => Math.atan(n!)),
  // "The arc tangent of the quotient of y and x": ATAN2(y, x), Java's Math.atan2 order ([UNVERIFIED] order).
  ATAN2: numberFunction(2, 2, ([y, x]) => (y === 0 && x === 0 ? null : Math.atan2(y!, x!))),
};
