import type { ControlOperation } from './control-operation.js';

/** The control interface's operations, by name. Each lives in its own file in this folder. */
export const CONTROL_OPERATIONS: readonly ControlOperation[] = [];
