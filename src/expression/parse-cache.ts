import { ExpressionProblem } from './expression-problem.js';

/*
 * Each distinct expression text is parsed once: a hot loop sends the same text with new values, so it pays only for
 * resolving placeholders and evaluating. The cache holds the unresolved parse (or the problem the text has), keyed
 * by text, least recently used first out, so it never grows past its bound however many texts a long run sees.
 */

/** Entries kept per kind of expression. */
export const PARSE_CACHE_ENTRIES = 1000;

type Outcome<T> = { readonly tree: T } | { readonly problem: ExpressionProblem };

export class ParseCache<T> {
  private readonly entries = new Map<string, Outcome<T>>();

  constructor(
    private readonly parse: (text: string) => T,
    private readonly capacity = PARSE_CACHE_ENTRIES,
  ) {}

  /** The parse of `text`, from the cache when it is there; a text that does not parse throws its problem again. */
  get(text: string): T {
    let outcome = this.entries.get(text);
    if (outcome === undefined) {
      outcome = this.parseOnce(text);
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    } else {
      this.entries.delete(text);
    }
    this.entries.set(text, outcome);
    if ('problem' in outcome) throw new ExpressionProblem(outcome.problem.message);
    return outcome.tree;
  }

  get size(): number {
    return this.entries.size;
  }

  private parseOnce(text: string): Outcome<T> {
    try {
      return { tree: this.parse(text) };
    } catch (problem) {
      if (problem instanceof ExpressionProblem) return { problem };
      throw problem;
    }
  }
}
