import { SeededRandom } from '../../model/seeded-random.js';

/**
 * The mapping's UUID and its invocations' and failure records' request ids: version-4 UUIDs drawn from a
 * seeded generator, so the same seed and calls give the same ids.
 */
export class RequestIds {
  readonly #random: SeededRandom;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  next(): string {
    const hex = this.#random.hex(16);
    // A version-4 UUID's layout, from the seeded generator.
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
