import { expect } from 'vitest';
import type { RunnerExpect } from './matcher-cases.js';

// eslint-disable-next-line no-control-regex -- the colours a runner puts in its messages
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** Runs a case with this expect: it passes, or it fails with a message holding its lines in order. */
export async function runCase(
  run: (expect: RunnerExpect) => Promise<void> | void,
  runnerExpect: RunnerExpect,
  fails: string[] | undefined,
): Promise<void> {
  if (fails === undefined) {
    await run(runnerExpect);
    return;
  }
  let message: string | undefined;
  try {
    await run(runnerExpect);
  } catch (error) {
    message = plain((error as Error).message);
  }
  expect(message, 'the case was to fail').toBeDefined();
  let from = 0;
  for (const line of fails) {
    const at = message!.indexOf(line, from);
    expect(at, `${JSON.stringify(line)} (after offset ${from}) in:\n${message}`).toBeGreaterThanOrEqual(0);
    from = at + line.length;
  }
}
