/**
 * The bytes of request bodies one HTTP listener holds, all its connections together, against `maxBufferedBytes`.
 * Each request takes bytes as they arrive and gives back what it took when it is answered or its connection
 * closes, so the total falls back to zero whatever the clients do.
 */
export class BodyBudget {
  #held = 0;

  constructor(readonly max: number) {}

  /** Bytes held now. */
  get held(): number {
    return this.#held;
  }

  /** Takes `bytes` if they fit under `max`; says whether they did. */
  take(bytes: number): boolean {
    if (this.#held + bytes > this.max) return false;
    this.#held += bytes;
    return true;
  }

  /** Gives back bytes taken before. */
  give(bytes: number): void {
    this.#held -= bytes;
  }
}
