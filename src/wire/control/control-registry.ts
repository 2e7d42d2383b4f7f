import type { ControlOperation } from './control-operation.js';
import { advanceClock } from './advance-clock.js';
import { describeShardHistory } from './describe-shard-history.js';
import { getClock } from './get-clock.js';
import { mergeShards } from './merge-shards.js';
import { rolloverShard } from './rollover-shard.js';
import { setClock } from './set-clock.js';
import { splitShard } from './split-shard.js';
import { trimStream } from './trim-stream.js';

/** The control interface's operations, by name. Each lives in its own file in this folder. */
export const CONTROL_OPERATIONS: readonly ControlOperation[] = [
  getClock,
  advanceClock,
  setClock,
  splitShard,
  mergeShards,
  rolloverShard,
  trimStream,
  describeShardHistory,
];
