import { describe, expect, it } from 'vitest';
import { RELAYED_SIGNAL_MS, stopOnSignal } from '../../src/cli/stop-on-signal.js';

/** A server whose drain never finishes by itself (connections still open), on a clock the test sets. */
function server() {
  const calls = { drains: 0, exits: [] as number[] };
  let time = 1_000;
  let finishDrain: (code: number) => void = () => undefined;
  const stop = stopOnSignal({
    now: () => time,
    drain: () => {
      calls.drains += 1;
      return new Promise<number>((resolve) => (finishDrain = resolve));
    },
    exit: (code) => calls.exits.push(code),
  });
  return {
    calls,
    stop,
    advance: (ms: number) => (time += ms),
    finish: async (code: number) => {
      finishDrain(code);
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe('stopOnSignal', () => {
  it('the first signal drains, then exits with what the drain gives', async () => {
    const s = server();
    s.stop('SIGTERM');
    expect(s.calls).toEqual({ drains: 1, exits: [] });
    await s.finish(0);
    expect(s.calls.exits).toEqual([0]);
  });

  it('the same signal again within the relay window is the same Ctrl-C (relayed by npm, npx or tsx): ignored', async () => {
    const s = server();
    s.stop('SIGINT');
    s.advance(RELAYED_SIGNAL_MS - 1);
    s.stop('SIGINT');
    expect(s.calls).toEqual({ drains: 1, exits: [] });
    await s.finish(0);
    expect(s.calls.exits).toEqual([0]);
  });

  it('a second Ctrl-C later, while connections drain, exits at once as the shell reports the signal', () => {
    const interrupted = server();
    interrupted.stop('SIGINT');
    interrupted.advance(RELAYED_SIGNAL_MS);
    interrupted.stop('SIGINT');
    expect(interrupted.calls.exits).toEqual([130]);

    const terminated = server();
    terminated.stop('SIGTERM');
    terminated.stop('SIGINT'); // another signal is never a relay of the first
    expect(terminated.calls.exits).toEqual([130]);
    const twice = server();
    twice.stop('SIGINT');
    twice.advance(10 * RELAYED_SIGNAL_MS);
    twice.stop('SIGTERM');
    expect(twice.calls.exits).toEqual([143]);
  });
});
