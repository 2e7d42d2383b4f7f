import { ValidationException } from '../errors.js';
import type { Hasher } from './hasher.js';

/**
 * Shard iterators are opaque strings shaped like AWS's: `<StreamArn>|1|<base64>`. The base64 part carries
 * the shard, the position (the sequence counter of the next record to read) and the issue time, plus a
 * checksum keyed by the Database's seed, so an edited or truncated iterator is rejected
 * ("Invalid ShardIterator", as DynamoDB Local answers) instead of reading somewhere else.
 */
export interface IteratorPosition {
  readonly streamArn: string;
  readonly shardId: string;
  /** Records with a sequence counter >= position are still to be read. */
  readonly position: number;
  readonly issuedAt: number;
}

const VERSION = '1';
const INVALID = 'Invalid ShardIterator';

export class IteratorCodec {
  readonly #hasher: Hasher;
  readonly #secret: string;

  constructor(hasher: Hasher, secret: string) {
    this.#hasher = hasher;
    this.#secret = secret;
  }

  encode(at: IteratorPosition): string {
    const body = `${at.shardId}|${at.position}|${at.issuedAt}`;
    const payload = `${body}|${this.#mac(at.streamArn, body)}`;
    return `${at.streamArn}|${VERSION}|${Buffer.from(payload, 'utf8').toString('base64')}`;
  }

  decode(token: unknown): IteratorPosition {
    if (typeof token !== 'string' || token.length === 0 || token.length > 2048) throw new ValidationException(INVALID);
    const parts = token.split('|');
    if (parts.length !== 3 || parts[1] !== VERSION) throw new ValidationException(INVALID);
    const [streamArn, , encoded] = parts as [string, string, string];
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new ValidationException(INVALID);
    const bytes = Buffer.from(encoded, 'base64');
    // Node's decoder ignores the unused low bits of the last character and missing padding, so a truncated
    // ("...=" cut to "...") or edited ("Q==" to "R==") iterator could decode to the same bytes and still
    // be accepted. Only the canonical encoding is valid (DynamoDB Local: a valid iterator with its last
    // characters cut off is "Invalid ShardIterator", docs/ddb-local-observed-core.md).
    if (bytes.toString('base64') !== encoded) throw new ValidationException(INVALID);
    const fields = bytes.toString('utf8').split('|');
    if (fields.length !== 4) throw new ValidationException(INVALID);
    const [shardId, positionText, issuedText, mac] = fields as [string, string, string, string];
    const body = `${shardId}|${positionText}|${issuedText}`;
    if (mac !== this.#mac(streamArn, body)) throw new ValidationException(INVALID);
    const position = Number(positionText);
    const issuedAt = Number(issuedText);
    if (!Number.isSafeInteger(position) || !Number.isFinite(issuedAt)) throw new ValidationException(INVALID);
    return { streamArn, shardId, position, issuedAt };
  }

  #mac(streamArn: string, body: string): string {
    return this.#hasher.h64(`${this.#secret}|${streamArn}|${body}`).toString(36);
  }
}
