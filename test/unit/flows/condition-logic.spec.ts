import { expect, test } from '@playwright/test';
import { evaluateLogic, parseConditionLogic } from '../../../emulator/flows/filter-logic.js';
import { renderWhere } from '../../../emulator/flows/soql-filters.js';

const logicCases: { logic: string | undefined; values: boolean[]; expected: boolean }[] = [
  { logic: undefined, values: [true, true], expected: true },
  { logic: 'and', values: [true, false], expected: false },
  { logic: 'or', values: [false, true], expected: true },
  { logic: '1 AND (2 OR 3)', values: [true, false, true], expected: true },
  { logic: '1 AND (2 OR 3)', values: [false, true, true], expected: false },
  { logic: '(1 OR 2) AND NOT 3', values: [false, true, true], expected: false },
  { logic: '(1 or 2) and not 3', values: [false, true, false], expected: true },
];

for (const { logic, values, expected } of logicCases) {
  test(`condition logic ${logic ?? '(none)'} over ${values.join(',')} is ${expected}`, () => {
    const tree = parseConditionLogic(logic, values.length);
    expect(evaluateLogic(tree, (i) => values[i] ?? false)).toBe(expected);
  });
}

test('condition logic naming a condition that does not exist is rejected', () => {
  expect(() => parseConditionLogic('1 AND 4', 3)).toThrow('The condition logic "1 AND 4" is not valid for 3 conditions.');
});

test('record filters render as SOQL with custom logic, quoting and null checks', () => {
  expect(renderWhere([
    { field: 'Name', operator: 'StartsWith', value: "O'Brien" },
    { field: 'Amount', operator: 'GreaterThan', value: 10 },
    { field: 'CloseDate', operator: 'LessThanOrEqualTo', value: '2025-03-01' },
    { field: 'OwnerId', operator: 'IsNull', value: false },
  ], '1 AND (2 OR 3) AND 4')).toBe("(Name LIKE 'O\\'Brien%' AND (Amount > 10 OR CloseDate <= 2025-03-01) AND OwnerId != null)");
  expect(renderWhere([{ field: 'Id', operator: 'In', value: [] }], undefined)).toBe('Id = null');
});
