import { ResourceNotFoundException } from '../errors.js';
import { Stream, type StreamEnvironment } from '../stream/stream.js';
import { streamArnFor, streamLabelAt } from '../stream/stream-arn.js';
import { LIST_STREAMS_LIMIT, checkLimit } from '../stream/stream-requests.js';
import { resolveStreamOptions, type StreamOptions } from '../stream/stream-options.js';
import type { ListStreamsInput, ListStreamsOutput, StreamViewType } from '../stream/types.js';
import type { Table } from '../table/table.js';
import { checkStreamOptionsObject } from '../database-options.js';
import type { TableStreams } from './table-description.js';

/**
 * The streams that exist (ENABLED, or DISABLED within retention), by ARN: the lifecycle of a stream, from the
 * CreateTable or UpdateTable that enables it to its expiry, and which stream each table writes to.
 */
export class StreamRegistry {
  readonly #env: StreamEnvironment;
  readonly #accountId: string;
  readonly #defaults: StreamOptions;
  /** In creation order. */
  readonly #streams = new Map<string, Stream>();
  readonly #usedArns = new Set<string>();
  readonly #ofTable = new Map<Table, TableStreams>();

  constructor(env: StreamEnvironment, accountId: string, defaults: StreamOptions) {
    this.#env = env;
    this.#accountId = accountId;
    this.#defaults = defaults;
  }

  /** Starts tracking a new table's streams in `slot`, the object its item store appends through. */
  track(table: Table, slot: TableStreams): void {
    this.#ofTable.set(table, slot);
  }

  /** The table's enabled and latest streams (undefined once the table is deleted). */
  of(table: Table): TableStreams | undefined {
    return this.#ofTable.get(table);
  }

  /** A table's stream options over the database's defaults, resolved (a bad option throws, and changes nothing). */
  resolveOptions(tableOptions: StreamOptions | undefined) {
    checkStreamOptionsObject(tableOptions);
    return resolveStreamOptions({ ...this.#defaults, ...tableOptions });
  }

  /** Creates the table's new stream, with a new label and ARN, and makes it the one the table writes to. */
  enable(table: Table, viewType: StreamViewType, options: ReturnType<typeof resolveStreamOptions>): void {
    // Labels are creation times to the millisecond; on a frozen clock two streams of one table could share
    // one, so a taken label moves on by a millisecond.
    const { region, clock, events } = this.#env;
    let at = clock.now();
    let label = streamLabelAt(at);
    let arn = streamArnFor(region, this.#accountId, table.name, label);
    while (this.#usedArns.has(arn)) {
      at += 1;
      label = streamLabelAt(at);
      arn = streamArnFor(region, this.#accountId, table.name, label);
    }
    const stream = new Stream(
      this.#env,
      { arn, label, tableName: table.name, keySchema: table.keySchema, viewType, options },
      (expired) => {
        this.#streams.delete(expired.arn);
      },
    );
    this.#usedArns.add(arn);
    this.#streams.set(arn, stream);
    const streams = this.#ofTable.get(table) as TableStreams;
    streams.current = stream;
    streams.latest = stream;
    if (events.wants('streamStatus'))
      events.emit('streamStatus', { streamArn: arn, tableName: table.name, status: 'ENABLED' });
  }

  /** Disables the table's enabled stream: its open shards close, and it stays readable for the retention period. */
  disable(table: Table): void {
    const streams = this.#ofTable.get(table) as TableStreams;
    streams.current?.disable();
    streams.current = undefined;
  }

  /** The table was deleted: its stream is disabled, and the table is forgotten. */
  forget(table: Table): void {
    const streams = this.#ofTable.get(table);
    if (streams === undefined) return;
    streams.current?.disable();
    streams.current = undefined;
    this.#ofTable.delete(table);
  }

  /** The stream with this ARN, while it exists, else undefined. */
  find(streamArn: string): Stream | undefined {
    const stream = this.#streams.get(streamArn);
    return stream === undefined || stream.expired ? undefined : stream;
  }

  /** The stream with this ARN, while it exists (ResourceNotFoundException when not). */
  get(streamArn: string): Stream {
    const stream = this.find(streamArn);
    if (stream === undefined)
      throw new ResourceNotFoundException(`Requested resource not found: Stream: ${String(streamArn)} not found`);
    return stream;
  }

  /**
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html
   * As DynamoDB Local: pages follow ascending ARN order, and each page lists its streams newest first.
   */
  list(input: ListStreamsInput = {}): ListStreamsOutput {
    const limit = checkLimit(input.Limit, LIST_STREAMS_LIMIT);
    const start = input.ExclusiveStartStreamArn;
    const all = [...this.#streams.values()]
      .filter((stream) => !stream.expired && (input.TableName === undefined || stream.tableName === input.TableName))
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
      .filter((stream) => start === undefined || stream.arn > start);
    const page = all.slice(0, limit);
    const output: ListStreamsOutput = {
      Streams: [...page]
        .sort((a, b) => b.createdAt - a.createdAt || (a.arn < b.arn ? 1 : -1))
        .map((stream) => ({ StreamArn: stream.arn, TableName: stream.tableName, StreamLabel: stream.label })),
    };
    if (all.length > page.length) output.LastEvaluatedStreamArn = (page[page.length - 1] as Stream).arn;
    return output;
  }

  /** Cancels every stream's clock timers. */
  close(): void {
    for (const stream of this.#streams.values()) stream.dispose();
  }
}
