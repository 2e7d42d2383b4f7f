import type { Shard } from '../stream/types.js';
import type { CursorGraph } from './cursor-graph.js';
import type { LossReporter } from './loss-reporter.js';
import { isStreamsError } from './sdk-errors.js';
import type { ShardCursor } from './shard-cursor.js';
import { call, type Step } from './source-calls.js';
import type { StreamSource } from './stream-source.js';

/**
 * How the reader finds shards: the whole listing at its start, and at each shard's end its children
 * (DescribeStream with CHILD_SHARDS), so discovery costs the children of the shards that end, never the
 * shards already finished.
 */
export class ShardDiscovery {
  readonly #source: StreamSource;
  readonly #graph: CursorGraph;
  readonly #losses: LossReporter;

  constructor(source: StreamSource, graph: CursorGraph, losses: LossReporter) {
    this.#source = source;
    this.#graph = graph;
    this.#losses = losses;
  }

  /** Every shard the stream lists (all DescribeStream pages). */
  *listAll(): Step<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const page = yield* call('describeStream', start === undefined ? {} : { ExclusiveStartShardId: start });
      shards.push(...page.StreamDescription.Shards);
      start = page.StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  }

  /** After a shard's read (and its batch's delivery): its children, when it has just ended. */
  *childrenOf(cursor: ShardCursor): Step<void> {
    if (this.#graph.childrenPending(cursor)) yield* this.findChildren(cursor);
  }

  /**
   * Before a round: the children of shards whose lookup failed in an earlier round. The error went to the
   * caller of that poll (as the KCL's ShutdownTask's does), who chooses the backoff; nothing is lost by
   * waiting. Until none is left: a lookup may add more (a forgotten child, ended as it would start).
   */
  *retryPending(): Step<void> {
    while (this.#graph.anyChildrenPending)
      for (const cursor of this.#graph.pendingChildren()) yield* this.findChildren(cursor);
  }

  /** Finds a finished shard's children and starts those whose parents are all done. Retried until it succeeds. */
  *findChildren(cursor: ShardCursor): Step<void> {
    const graph = this.#graph;
    let start: string | undefined;
    let streamGone = false;
    let enabled = false;
    do {
      let page;
      try {
        page = yield* call('describeStream', {
          ShardFilter: { Type: 'CHILD_SHARDS', ShardId: cursor.shardId },
          ...(start === undefined ? {} : { ExclusiveStartShardId: start }),
        });
      } catch (error) {
        if (!isStreamsError(error, 'ResourceNotFoundException')) throw error;
        streamGone = true; // the stream itself is gone: no listing names the children any more
        break;
      }
      for (const shard of page.StreamDescription.Shards)
        cursor.addChild(graph.cursorFor(shard.ShardId, shard.ParentShardId).shardId);
      enabled = page.StreamDescription.StreamStatus === 'ENABLED';
      start = page.StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
    // CHILD_SHARDS lists live shards only: a source that knows every child adds the expired ones (and all of
    // them once the stream is gone), so a branch that expired unread is walked, and its loss counted, too.
    for (const child of this.#source.shardChildren?.(cursor.shardId) ?? [])
      cursor.addChild(graph.cursorFor(child, undefined).shardId);
    // The children found, and any known before that have expired since.
    for (const child of cursor.children) {
      const childCursor = graph.get(child);
      if (childCursor !== undefined) graph.startIfReady(childCursor);
    }
    if (cursor.children.length === 0 && graph.isForgotten(cursor.shardId)) this.#childrenForgotten(cursor, enabled);
    if (!streamGone && (cursor.endedBy === 'TRIMMED' || cursor.endedBy === 'GONE')) {
      // Children of an expired shard may have expired too, and CHILD_SHARDS would never lead to their live
      // descendants: look at the whole stream, then let every waiting shard adopt an expired parent.
      yield* this.#discoverAll();
      for (const waiting of graph.waiting()) graph.startIfReady(waiting);
    }
    graph.childrenFound(cursor);
  }

  /**
   * The stream forgot a shard before its children were looked up, and names none of them. On an enabled
   * stream a walk up from a live shard finds the way back; on a disabled one the branch leads nowhere, so what
   * may have followed is reported lost once (unless already covered). Either way it leaves the checkpoint.
   */
  #childrenForgotten(cursor: ShardCursor, streamEnabled: boolean): void {
    if (!streamEnabled && !cursor.loss.uncountedReported) this.#losses.announce(cursor, undefined);
    this.#graph.leaveCheckpoint(cursor);
  }

  /** Learns every live shard the reader does not know yet, from a full DescribeStream. */
  *#discoverAll(): Step<void> {
    let start: string | undefined;
    do {
      let page;
      try {
        page = yield* call('describeStream', start === undefined ? {} : { ExclusiveStartShardId: start });
      } catch (error) {
        if (isStreamsError(error, 'ResourceNotFoundException')) return; // the stream itself is gone
        throw error;
      }
      for (const shard of page.StreamDescription.Shards) this.#graph.cursorFor(shard.ShardId, shard.ParentShardId);
      start = page.StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
  }
}
