/**
 * Raw JSON over HTTP, for the raw-wire differential (raw-wire.test.ts): hand-written request bodies, sent with
 * `fetch` and an `X-Amz-Target` header to shardline (`listen(db)`) and to DynamoDB Local, bypassing the AWS SDK,
 * which would only ever send well-typed JSON. Each answer becomes a step result of the suite's transcript shape
 * (scenario-types.ts), so that the same normaliser and known differences apply.
 */
import { expect } from 'vitest';
import { Database } from '../src/index.js';
import { listen } from '../src/public/wire.js';
import { DDB_LOCAL_ENDPOINT, type SideName } from './endpoints.js';
import { applyKnownDifferences, applyToShardline, type KnownDifferenceId } from './known-differences.js';
import { normalise } from './normalise.js';
import { writeDifferingSteps } from './scenario.js';
import type { StepResult, TranscriptEntry, WireError } from './scenario-types.js';

/** The services of X-Amz-Target, by operation. */
const STREAMS_OPERATIONS = new Set(['DescribeStream', 'GetShardIterator', 'GetRecords', 'ListStreams']);

export function targetOf(operation: string): string {
  return `${STREAMS_OPERATIONS.has(operation) ? 'DynamoDBStreams_20120810' : 'DynamoDB_20120810'}.${operation}`;
}

/** The raw HTTP answer to one request. */
export interface RawAnswer {
  status: number;
  text: string;
}

/**
 * POSTs `body` (sent as it is: a string is the body's text, not JSON-encoded again) to `endpoint` with the
 * target of `operation`. Only ever 127.0.0.1: both endpoints of the suite are local.
 */
export async function post(endpoint: string, operation: string, body: string): Promise<RawAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': targetOf(operation),
      // DynamoDB Local reads the region and access key from the signature's scope (it keeps one namespace per
      // key and region); the signature itself is not checked by either endpoint.
      Authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDCONFORMANCE/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0',
      'X-Amz-Date': '20260101T000000Z',
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** An answer as a step result: the parsed body for a 200, else the error as the suite records it (scenario.ts). */
export function resultOf(answer: RawAnswer): StepResult {
  let body: unknown;
  try {
    body = answer.text === '' ? undefined : JSON.parse(answer.text);
  } catch {
    return { error: { status: answer.status, type: '<not JSON>', message: answer.text } };
  }
  if (answer.status === 200) return { output: body };
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { error: { status: answer.status, type: '<no error body>', message: answer.text } };
  const { __type: type, message, Message, ...members } = body as Record<string, unknown>;
  const error: WireError = {
    status: answer.status,
    type: String(type),
    message: (message ?? Message) as string | undefined,
  };
  if (message !== undefined) error.messageKey = 'message';
  else if (Message !== undefined) error.messageKey = 'Message';
  if (Object.keys(members).length > 0) error.members = members;
  return { error };
}

/** One request of a raw scenario. */
export interface RawStepOptions {
  /** The known differences (known-differences.ts) this request shows on DynamoDB Local. */
  known?: readonly KnownDifferenceId[];
  /**
   * ListStreams without a TableName lists every stream of the endpoint: DynamoDB Local keeps the streams of the
   * suite's earlier (deleted) tables for a day. Only this scenario's streams are kept for comparison.
   */
  onlyOwnStreams?: boolean;
}

export interface RawContext {
  readonly side: SideName;
  /** A table name unique to this run, the same on both sides; deleted on DynamoDB Local afterwards. */
  table(base: string): string;
  /**
   * Sends one request and records its answer; returns the parsed body of a 200 (undefined otherwise). `body` is
   * sent as it is when a string, else as its JSON.
   */
  step(
    label: string,
    operation: string,
    body: unknown,
    options?: RawStepOptions,
  ): Promise<Record<string, unknown> | undefined>;
}

export type RawScenario = (context: RawContext) => Promise<void>;

/** Distinguishes this run's tables from leftovers in a reused DynamoDB Local instance. */
const RUN = `raw${Date.now().toString(36)}`;
let scenarios = 0;

async function runRawScenario(
  side: SideName,
  endpoint: string,
  scenario: RawScenario,
  suffix: string,
): Promise<TranscriptEntry[]> {
  const transcript: TranscriptEntry[] = [];
  const tables = new Set<string>();
  const context: RawContext = {
    side,
    table(base) {
      const name = `${base}_${suffix}`;
      tables.add(name);
      return name;
    },
    async step(label, operation, body, options = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const known = options.known ?? [];
      const raw = resultOf(await post(endpoint, operation, text));
      // A request DynamoDB Local reads otherwise than AWS (a number read as a table name) may create a table.
      const created =
        'output' in raw
          ? (raw.output as { TableDescription?: { TableName?: unknown } } | null)?.TableDescription?.TableName
          : undefined;
      if (operation === 'CreateTable' && typeof created === 'string') tables.add(created);
      let result = raw;
      if (side === 'ddb-local' && known.includes('empty-body')) {
        // `empty-body`: DynamoDB Local fails; what AWS (and shardline) answer to an empty body is the answer to `{}`.
        applyKnownDifferences(raw, ['empty-body'], label);
        const others = known.filter((id) => id !== 'empty-body');
        result = applyKnownDifferences(resultOf(await post(endpoint, operation, '{}')), others, label);
      } else if (side === 'ddb-local') {
        result = applyKnownDifferences(raw, known, label);
      } else {
        result = applyToShardline(result, known);
      }
      if (options.onlyOwnStreams === true && 'output' in result) result = { output: ownStreams(result.output, suffix) };
      transcript.push({ step: label, result });
      return 'output' in result && result.output !== null && typeof result.output === 'object'
        ? (result.output as Record<string, unknown>)
        : undefined;
    },
  };
  try {
    await scenario(context);
  } finally {
    if (side === 'ddb-local')
      for (const name of tables)
        await post(endpoint, 'DeleteTable', JSON.stringify({ TableName: name })).catch(() => undefined);
  }
  return transcript;
}

function ownStreams(output: unknown, suffix: string): unknown {
  const {
    Streams,
    LastEvaluatedStreamArn: _last,
    ...rest
  } = output as { Streams?: { TableName?: string }[]; LastEvaluatedStreamArn?: string };
  return { ...rest, Streams: (Streams ?? []).filter((stream) => stream.TableName?.endsWith(`_${suffix}`) === true) };
}

/**
 * Runs the scenario against a fresh shardline database on the real clock, served over HTTP by `listen(db)`, and
 * against DynamoDB Local, and expects the same normalised transcripts (status, `__type` and message of every
 * error, every output).
 */
export async function expectSameOverTheWire(scenario: RawScenario): Promise<TranscriptEntry[]> {
  const suffix = `${RUN}_${++scenarios}`;
  const db = await Database.create({ seed: 7 });
  const server = await listen(db, { port: 0 });
  let ours: TranscriptEntry[];
  try {
    ours = await runRawScenario('shardline', server.endpoint, scenario, suffix);
  } finally {
    await server.close();
    db.close();
  }
  const theirs = await runRawScenario('ddb-local', DDB_LOCAL_ENDPOINT, scenario, suffix);
  const [shardline, ddbLocal] = [normalise(ours), normalise(theirs)];
  const debugFile = process.env.CONFORMANCE_DEBUG;
  if (debugFile !== undefined && debugFile !== '') writeDifferingSteps(debugFile, shardline, ddbLocal);
  expect(shardline).toEqual(ddbLocal);
  return shardline;
}
