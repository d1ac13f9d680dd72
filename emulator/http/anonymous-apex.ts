/**
 * The emulator runs no Apex, so every way of sending anonymous Apex (the Tooling REST `executeAnonymous`,
 * the Apex SOAP API that `sf apex run` uses) gets the same honest answer: a compile failure whose problem
 * says so. Claiming success would let a release step pass here and fail against a real org; a compile
 * failure is what a real org answers for code it cannot run, so every client already reports it as an
 * error (the CLI exits non-zero with "Compilation failed at Line 1 column 1 with the error: ...").
 */
export interface AnonymousApexResult {
  line: number;
  column: number;
  compiled: false;
  success: false;
  compileProblem: string;
  exceptionStackTrace: null;
  exceptionMessage: null;
}

export function anonymousApexNotRun(code: string): AnonymousApexResult {
  return {
    line: 1,
    column: 1,
    compiled: false,
    success: false,
    compileProblem: `The org emulator does not run Apex: anonymous Apex (${code.length} characters) was not executed. Run it against a real org or sandbox.`,
    exceptionStackTrace: null,
    exceptionMessage: null,
  };
}
