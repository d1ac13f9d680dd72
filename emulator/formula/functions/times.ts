/**
 * Time functions: TIMENOW TIMEVALUE HOUR MINUTE SECOND MILLISECOND FORMATDURATION. A Time value is the
 * millisecond of its day with no time zone (Salesforce help, "Using Date, Date/Time, and Time Values in
 * Formulas"); a Date/Time is converted to its time of day in GMT, as DATEVALUE converts to the GMT date.
 */
import { expectArgType, makeNode, type CompiledNode, type CompileScope } from '../compiled-node.js';
import { MS_PER_DAY, parseWireTime } from '../wire-values.js';
import type { FunctionDef, FunctionTable } from './function-def.js';

const timeOfDay = (ms: number): number => ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;

/** HOUR, MINUTE, SECOND, MILLISECOND of a Time. HOUR is 0-23 ([UNVERIFIED]: the help's "1 through 24" would leave midnight out). */
function timePart(part: (msOfDay: number) => number): FunctionDef {
  return {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['time']);
      return makeNode('number', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        return typeof value === 'number' ? part(timeOfDay(value)) : null;
      });
    },
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * FORMATDURATION's text: `HH:MM:SS`, or `D:HH:MM:SS` with days. Hours keep counting past 23 when days
 * are not shown. A negative span is shown by its size ([UNVERIFIED]: the help gives no negative example).
 */
export function formatDuration(seconds: number, withDays: boolean): string {
  let rest = Math.abs(Math.trunc(seconds));
  const days = withDays ? Math.floor(rest / 86_400) : 0;
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const clock = `${pad2(hours)}:${pad2(minutes)}:${pad2(rest % 60)}`;
  return withDays ? `${days}:${clock}` : clock;
}

/**
 * FORMATDURATION(numSeconds [, includeDays]) | (dateTime, dateTime) | (time, time) (the function list's
 * own signature). Two Date/Times give days too: the span from 08:30 to 09:00 reads `0:00:30:00` (seen on
 * a real org, qiita.com/disapalt/items/a9a414a817191ee97a7d); two Times give `HH:MM:SS`. includeDays
 * defaults to false ([UNVERIFIED]).
 */
function compileFormatDuration(args: CompiledNode[], scope: CompileScope, name: string): CompiledNode {
  const [first, second] = args;
  if (first!.type === 'datetime' || first!.type === 'time') {
    if (!second) scope.fail(`Incorrect number of parameters for function '${name}()'. Expected 2, received 1`);
    expectArgType(scope, name, second, [first!.type]);
    const withDays = first!.type === 'datetime';
    return makeNode('text', name, (ctx) => {
      const a = first!.evaluate(ctx);
      const b = second.evaluate(ctx);
      return typeof a === 'number' && typeof b === 'number' ? formatDuration((b - a) / 1000, withDays) : null;
    });
  }
  expectArgType(scope, name, first!, ['number']);
  if (second) expectArgType(scope, name, second, ['boolean']);
  return makeNode('text', name, (ctx) => {
    const seconds = first!.evaluate(ctx);
    return typeof seconds === 'number' ? formatDuration(seconds, second ? second.evaluate(ctx) === true : false) : null;
  });
}

export const TIME_FUNCTIONS: FunctionTable = {
  TIMENOW: {
    minArgs: 0, maxArgs: 0,
    // Salesforce help: "a time value in GMT representing the current moment".
    compile(_args, _scope, name) {
      return makeNode('time', name, (ctx) => timeOfDay(ctx.now().getTime()));
    },
  },
  TIMEVALUE: {
    minArgs: 1, maxArgs: 1,
    // Text is `HH:MM:SS.MS` (`TIMEVALUE("17:30:45.125")`); a Date/Time gives its GMT time of day.
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['text', 'datetime', 'time']);
      return makeNode('time', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        if (value === null) return null;
        if (arg!.type === 'text') return parseWireTime(String(value));
        return typeof value === 'number' ? timeOfDay(value) : null;
      });
    },
  },
  HOUR: timePart((ms) => Math.floor(ms / 3_600_000)),
  MINUTE: timePart((ms) => Math.floor((ms % 3_600_000) / 60_000)),
  SECOND: timePart((ms) => Math.floor((ms % 60_000) / 1000)),
  MILLISECOND: timePart((ms) => ms % 1000),
  FORMATDURATION: { minArgs: 1, maxArgs: 2, compile: compileFormatDuration },
};
