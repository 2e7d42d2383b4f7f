/** The shapes of a transcript: what one step of a scenario answered, on one endpoint. */

/** An error as the endpoint sent it. `message` is the body's `message` or `Message` (see known-differences.md). */
export interface WireError {
  status: number;
  type: string;
  message: string | undefined;
  /** Which member carried the message: AWS sends `message` (but `Message` for TransactionCanceledException). */
  messageKey?: 'message' | 'Message';
  /** Members besides `__type` and the message (CancellationReasons, Item), when there are any. */
  members?: Record<string, unknown>;
}

export type StepResult = { output: unknown } | { error: WireError };

export interface TranscriptEntry {
  step: string;
  /** Sequence numbers are ranked within a scope (see normalise.ts); omitted for the default one. */
  scope?: string;
  result: StepResult;
}
