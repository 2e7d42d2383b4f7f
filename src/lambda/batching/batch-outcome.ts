/**
 * What one invocation's answer means for its batch (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html):
 * a throw, rejection or timeout is `error`; with ReportBatchItemFailures Lambda checkpoints before the lowest
 * `itemIdentifier` (`partial`), one empty, missing or not of this batch fails it all (`invalid`), and a null
 * or empty answer or list is success. A tumbling window's answer must carry `state` (an object).
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
  if (!reportBatchItemFailures || response === null || response === undefined || typeof response !== 'object')
    return success;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return success;
  if (!Array.isArray(failures)) return { kind: 'invalid', reason: '`batchItemFailures` is not a list' };
  if (failures.length === 0) return success;
  let lowest = -1;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '')
      return { kind: 'invalid', reason: 'an `itemIdentifier` is empty, null or missing' };
    const index = sequenceNumbers.indexOf(id);
    if (index === -1)
      return { kind: 'invalid', reason: `\`itemIdentifier\` ${id} is not a sequence number of this batch` };
    if (lowest === -1 || index < lowest) lowest = index;
  }
  const partial = {
    kind: 'partial',
    failedIndex: lowest,
    failedSequenceNumber: sequenceNumbers[lowest] as string,
  } as const;
  return state === undefined ? partial : { ...partial, state };
}
