/**
 * Math functions: ABS ROUND CEILING FLOOR MAX MIN MOD SQRT EXP LN LOG. A blank argument gives a blank
 * result; an undefined result (square root of a negative number, log of zero, MOD by zero) is #Error!
 * in Salesforce and reads as blank through the API ([UNVERIFIED] blank rather than a save error).
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
};
