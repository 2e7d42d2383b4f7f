/**
 * What one invocation's result means for its batch, by Lambda's rules for stream sources:
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 *
 * - the function threw, rejected or timed out: a function error (`error`);
 * - without `ReportBatchItemFailures`, any answer is a complete success;
 * - with it: a null or empty response, or a null or empty `batchItemFailures`, is a complete success;
 *   failures name records by `itemIdentifier` (their SequenceNumber), and Lambda checkpoints before the
 *   lowest one (`partial`, with its index in the batch); an `itemIdentifier` that is empty, null, missing
 *   (a wrong key name) or not a sequence number of this batch fails the whole batch (`invalid`).
 * - with a tumbling window, the response must carry `state` (an object): without it the invocation failed.
 */
export type BatchOutcome =
  | { kind: 'success'; state?: Record<string, unknown> }
  | { kind: 'error'; error: unknown; timedOut: boolean }
  | { kind: 'partial'; failedIndex: number; failedSequenceNumber: string; state?: Record<string, unknown> }
  | { kind: 'invalid'; reason: string };

export function classifyResponse(
  response: unknown,
  sequenceNumbers: readonly string[],
  reportBatchItemFailures: boolean,
  expectState: boolean,
): BatchOutcome {
  let state: Record<string, unknown> | undefined;
  if (expectState) {
    const candidate = (response as { state?: unknown } | null | undefined)?.state;
    if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) {
      return { kind: 'invalid', reason: 'a tumbling-window response must carry a `state` object' };
    }
    state = candidate as Record<string, unknown>;
  }
  const success = state === undefined ? ({ kind: 'success' } as const) : ({ kind: 'success', state } as const);
  if (!reportBatchItemFailures || response === null || response === undefined || typeof response !== 'object') return success;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return success;
  if (!Array.isArray(failures)) return { kind: 'invalid', reason: '`batchItemFailures` is not a list' };
  if (failures.length === 0) return success;
  let lowest = -1;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return { kind: 'invalid', reason: 'an `itemIdentifier` is empty, null or missing' };
    const index = sequenceNumbers.indexOf(id);
    if (index === -1) return { kind: 'invalid', reason: `\`itemIdentifier\` ${id} is not a sequence number of this batch` };
    if (lowest === -1 || index < lowest) lowest = index;
  }
  const partial = { kind: 'partial', failedIndex: lowest, failedSequenceNumber: sequenceNumbers[lowest] as string } as const;
  return state === undefined ? partial : { ...partial, state };
}
