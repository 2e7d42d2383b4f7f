/**
 * What must differ between two correct endpoints, replaced by placeholders so that everything else can be
 * compared with one `toEqual`:
 *
 * - timestamps (any Date, or an epoch-seconds number where the wire sends one) become `<Date>`: they come from
 *   two clocks;
 * - the region and account inside ARNs and `awsRegion` become `<region>` / `<account>`: DynamoDB Local always
 *   says `ddblocal`;
 * - stream labels become `<label#n>` (numbered per table, in order of first appearance: a label is unique
 *   only within its table), shard ids `<shard#n>` (in order of first appearance), so that "the same label"
 *   and "another shard" still compare;
 * - sequence numbers become `<seq#n>`, their rank among the sequence numbers of the transcript's steps of the
 *   same scope (a scenario names one per stream when it has several): values differ (DynamoDB Local zero-pads
 *   a counter, shardline starts at 1 followed by 20 digits) and so do numbers across streams (DynamoDB Local
 *   uses one up when it creates a stream), but order and equality within a stream must not;
 * - a shard's StartingSequenceNumber becomes `<start>`, outside the ranking: AWS promises only that it is not
 *   above the shard's first record (DynamoDB Local reserves numbers when it creates a stream, shardline
 *   does not; readStream checks the promise on each side);
 * - the members of SS, NS and BS sets are sorted: "the order of the values within a set is not preserved"
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html);
 * - eventIDs become `<eventID>` and shard iterators `<iterator>`: opaque, and their formats differ by design
 *   (both are in known-differences.md);
 * - the SDK's `$metadata` is dropped (request ids, attempts).
 *
 * The same replacements apply inside strings (an ARN or shard id in an error message).
 */

const LABEL = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}`;
const ARN = new RegExp(String.raw`arn:aws:dynamodb:[^:]*:[^:]*:table/([A-Za-z0-9_.-]+)(?:/stream/(${LABEL}))?`, 'g');
const SHARD_ID = /shardId-\d{20}-[0-9a-f]{8}/g;

const SEQUENCE_KEYS = new Set(['SequenceNumber', 'EndingSequenceNumber']);
const SHARD_KEYS = new Set(['ShardId', 'ParentShardId', 'LastEvaluatedShardId', 'ExclusiveStartShardId']);
const ITERATOR_KEYS = new Set(['ShardIterator', 'NextShardIterator']);
const TIME_KEYS = new Set([
  'CreationDateTime',
  'CreationRequestDateTime',
  'ApproximateCreationDateTime',
  'LastIncreaseDateTime',
  'LastDecreaseDateTime',
  'LastUpdateToPayPerRequestDateTime',
]);

/** The placeholders of one transcript: numbering is per transcript, so two transcripts compare position by position. */
class Placeholders {
  readonly #labels = new Map<string, Map<string, string>>();
  readonly #shards = new Map<string, string>();
  #sequences = new Map<string, string>();

  /** Sequence numbers rank among these (those of the current scope). */
  rankSequences(sequenceNumbers: readonly string[]): void {
    const distinct = [...new Set(sequenceNumbers)].sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0,
    );
    this.#sequences = new Map(distinct.map((value, rank) => [value, `<seq#${rank + 1}>`]));
  }

  label(table: string, value: string): string {
    let labels = this.#labels.get(table);
    if (labels === undefined) this.#labels.set(table, (labels = new Map()));
    return numbered(labels, value, 'label');
  }

  shard(value: string): string {
    return numbered(this.#shards, value, 'shard');
  }

  sequence(value: string): string {
    return this.#sequences.get(value) ?? `<seq:${value}>`;
  }

  text(value: string): string {
    return value
      .replace(
        ARN,
        (_match, table: string, label: string | undefined) =>
          `arn:aws:dynamodb:<region>:<account>:table/${table}${label === undefined ? '' : `/stream/${this.label(table, label)}`}`,
      )
      .replace(SHARD_ID, (id) => this.shard(id));
  }
}

function numbered(map: Map<string, string>, value: string, kind: string): string {
  let placeholder = map.get(value);
  if (placeholder === undefined) {
    placeholder = `<${kind}#${map.size + 1}>`;
    map.set(value, placeholder);
  }
  return placeholder;
}

/** Every sequence number in `value`, wherever it sits. */
function collectSequenceNumbers(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    for (const member of value) collectSequenceNumbers(member, out);
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (SEQUENCE_KEYS.has(key) && typeof member === 'string' && /^\d+$/.test(member)) out.push(member);
    else collectSequenceNumbers(member, out);
  }
}

function normaliseValue(value: unknown, key: string | undefined, places: Placeholders, table = ''): unknown {
  if (value instanceof Date) return '<Date>';
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'number' && key !== undefined && TIME_KEYS.has(key)) return '<Date>';
  if (typeof value === 'string') {
    if (key === undefined) return places.text(value);
    if (key === 'StartingSequenceNumber') return '<start>';
    if (SEQUENCE_KEYS.has(key)) return places.sequence(value);
    if (SHARD_KEYS.has(key)) return places.shard(value);
    if (ITERATOR_KEYS.has(key)) return '<iterator>';
    if (key === 'StreamLabel' || key === 'LatestStreamLabel') return places.label(table, value);
    if (key === 'eventID') return '<eventID>';
    if (key === 'awsRegion') return '<region>';
    return places.text(value);
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((member) => normaliseValue(member, undefined, places, table));
  const out: Record<string, unknown> = {};
  // A StreamLabel sits beside its TableName (DescribeStream, ListStreams, DescribeTable).
  const own = (value as Record<string, unknown>).TableName;
  const context = typeof own === 'string' ? own : table;
  for (const [name, member] of Object.entries(value)) {
    if (name === '$metadata' || member === undefined) continue;
    // Attribute values are data: a table's `S` value that looks like an ARN stays as it is.
    out[name] = isAttributeData(name) ? sortSets(member) : normaliseValue(member, name, places, context);
  }
  return out;
}

/** Attribute data with the members of every set sorted (strings and numbers by text, binaries by base64). */
function sortSets(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(sortSets);
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    if ((name === 'SS' || name === 'NS') && Array.isArray(member)) out[name] = [...(member as string[])].sort();
    else if (name === 'BS' && Array.isArray(member))
      out[name] = [...(member as Uint8Array[])].sort((a, b) => Buffer.from(a).compare(Buffer.from(b)));
    else out[name] = sortSets(member);
  }
  return out;
}

/** Items and keys hold the caller's data, which both endpoints must return untouched. */
function isAttributeData(name: string): boolean {
  return (
    name === 'Item' ||
    name === 'Responses' ||
    name === 'Keys' ||
    name === 'NewImage' ||
    name === 'OldImage' ||
    name === 'Attributes' ||
    name === 'Items' ||
    name === 'LastEvaluatedKey'
  );
}

/** One step of a transcript, as far as normalising goes: its scope and what it recorded. */
interface Scoped {
  step: string;
  scope?: string;
}

/** The transcript with every must-differ value replaced by its placeholder (see the file comment). */
export function normalise<T extends Scoped>(transcript: readonly T[]): T[] {
  const byScope = new Map<string, string[]>();
  for (const entry of transcript) {
    const scope = entry.scope ?? '';
    if (!byScope.has(scope)) byScope.set(scope, []);
    collectSequenceNumbers(entry, byScope.get(scope) as string[]);
  }
  const places = new Placeholders();
  return transcript.map((entry) => {
    places.rankSequences(byScope.get(entry.scope ?? '') as string[]);
    return normaliseValue(entry, undefined, places) as T;
  });
}
