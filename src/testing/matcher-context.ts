/**
 * What a matcher is given as `this`, in both runners: the part of vitest's `MatcherState` and jest's
 * `MatcherContext` the matchers use. Declared here so that neither runner's package is imported (each is an
 * optional peer of its own subpath).
 */
export interface MatcherContext {
  isNot?: boolean;
  customTesters?: unknown[];
  equals(a: unknown, b: unknown, customTesters?: never[]): boolean;
  utils: {
    diff(expected: unknown, received: unknown, options?: object): string | null | undefined;
    matcherHint(name: string, received?: string, expected?: string, options?: object): string;
    printReceived(value: unknown): string;
    printExpected(value: unknown): string;
  };
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** `this.equals` with the runner's custom testers (`expect.addEqualityTesters`), as the runners' own matchers do. */
export function equalsIn(context: MatcherContext, a: unknown, b: unknown): boolean {
  return context.equals(a, b, (context.customTesters ?? []) as never[]);
}

/** A diff of expected and received, or both printed when the runner has no diff for them. */
export function diffOf(context: MatcherContext, expected: unknown, received: unknown): string {
  const diff = context.utils.diff(expected, received, { expand: false });
  return typeof diff === 'string' && diff !== ''
    ? diff
    : `Expected: ${context.utils.printExpected(expected)}\nReceived: ${context.utils.printReceived(received)}`;
}

/** "1 record", "2 records". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
