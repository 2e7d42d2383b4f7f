/** Every row of the API-level expression suite, results first, then errors. */
import type { ApiCase } from './case-types.js';
import { CONDITION_ROWS, READ_ROWS } from './condition-read-rows.js';
import { ERROR_ROWS } from './error-rows.js';
import { UPDATE_ROWS } from './update-rows.js';

export const RESULT_ROWS: readonly ApiCase[] = [...UPDATE_ROWS, ...CONDITION_ROWS, ...READ_ROWS];
export { ERROR_ROWS };
