/** How long after a first stop signal the same signal again is taken for that one relayed, not a second Ctrl-C. */
export const RELAYED_SIGNAL_MS = 500;

export interface StopOnSignal {
  /** The time in milliseconds (the server's clock). */
  now(): number;
  /** Stops gracefully: resolves with the exit code once connections have drained. */
  drain(): Promise<number>;
  exit(code: number): void;
}

/**
 * A signal handler for a server: the first SIGINT or SIGTERM drains and exits 0; a second, while it drains, exits
 * at once (130 or 143, as a shell reports the signal). One Ctrl-C can arrive twice: the terminal signals the whole
 * process group, and a wrapper in it (npm, npx, tsx) relays the signal too, so a repeat within RELAYED_SIGNAL_MS
 * of the first is that same Ctrl-C and is ignored.
 */
export function stopOnSignal(server: StopOnSignal): (signal: NodeJS.Signals) => void {
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  return (signal) => {
    const now = server.now();
    if (first !== undefined) {
      if (signal === first.signal && now - first.at < RELAYED_SIGNAL_MS) return;
      server.exit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    first = { signal, at: now };
    void server.drain().then((code) => server.exit(code));
  };
}
