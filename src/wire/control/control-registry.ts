import type { ControlOperation } from './control-operation.js';
import { describeShardHistory } from './describe-shard-history.js';

/** The control interface's operations, by name. Each lives in its own file in this folder. */
export const CONTROL_OPERATIONS: readonly ControlOperation[] = [describeShardHistory];
