/** The syntax tree the parser produces and the compiler type-checks. */

export type FormulaNode =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'text'; value: string; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number }
  /** A field or global reference, split on dots: `['Account', 'Type']`, `['$User', 'Department']`. */
  | { kind: 'reference'; path: string[]; position: number }
  /** `name` as written (case kept for messages); functions are matched case-insensitively. */
  | { kind: 'call'; name: string; args: FormulaNode[]; position: number }
  | { kind: 'unary'; operator: '-' | '+' | '!'; operand: FormulaNode; position: number }
  | { kind: 'binary'; operator: string; left: FormulaNode; right: FormulaNode; position: number };
