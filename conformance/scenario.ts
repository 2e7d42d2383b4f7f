/**
 * A scenario is one async function of the SDK clients, run twice: against shardline and against DynamoDB Local.
 * Each call goes through `step`, which records its output or its error (HTTP status, `__type` and message as
 * sent) in a transcript. The two transcripts, normalised (normalise.ts), must be equal.
 */
import { appendFileSync } from 'node:fs';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { canonical } from './canonical.js';
import { ddbLocalSide, shardlineSide, type Side, type SideName } from './endpoints.js';
import { applyKnownDifferences, applyToShardline, type KnownDifferenceId } from './known-differences.js';
import { normalise } from './normalise.js';
import type { StepResult, TranscriptEntry, WireError } from './scenario-types.js';

export type { StepResult, TranscriptEntry, WireError } from './scenario-types.js';

export interface ScenarioContext {
  readonly side: Side;
  readonly client: Side['client'];
  readonly streams: Side['streams'];
  /** A table name unique to this run, the same on both sides; the table is deleted (on DynamoDB Local) afterwards. */
  table(base: string): string;
  /**
   * Runs one call and records its output or error; returns the output, or undefined after an error.
   * `known` names the known differences (known-differences.ts) this step shows on DynamoDB Local.
   */
  step<T>(label: string, call: () => Promise<T>, known?: readonly KnownDifferenceId[]): Promise<T | undefined>;
  /**
   * Steps from here on rank their sequence numbers among themselves (normalise.ts): one scope per stream when a
   * scenario has several, since only the order within a stream is AWS's to promise.
   */
  scope(name: string): void;
  /** Records a value the scenario derived itself (a count, a shape), for comparison. */
  note(label: string, value: unknown): void;
}

export type Scenario = (context: ScenarioContext) => Promise<void>;

/** Distinguishes this run's tables from leftovers in a reused DynamoDB Local instance. */
const RUN = Date.now().toString(36);
let tableCounter = 0;

function errorOf(side: Side, thrown: unknown): WireError {
  const raw = side.lastResponse();
  if (raw === undefined || raw.status < 300) throw thrown; // not an answer of the endpoint: a bug of the scenario
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.body) as Record<string, unknown>;
  } catch {
    return { status: raw.status, type: '<not JSON>', message: raw.body };
  }
  const { __type: type, message, Message, ...members } = body;
  const error: WireError = {
    status: raw.status,
    type: String(type),
    message: (message ?? Message) as string | undefined,
  };
  if (message !== undefined) error.messageKey = 'message';
  else if (Message !== undefined) error.messageKey = 'Message';
  if (Object.keys(members).length > 0) error.members = members;
  return error;
}

/** Runs `scenario` on one side and returns its transcript (not yet normalised). */
export async function runScenario(
  side: Side,
  scenario: Scenario,
  tableNames: (base: string) => string,
): Promise<TranscriptEntry[]> {
  const transcript: TranscriptEntry[] = [];
  const tables = new Set<string>();
  let scope: string | undefined;
  const push = (step: string, result: StepResult) =>
    transcript.push(scope === undefined ? { step, result } : { step, scope, result });
  const context: ScenarioContext = {
    side,
    client: side.client,
    streams: side.streams,
    table: (base) => {
      const name = tableNames(base);
      tables.add(name);
      return name;
    },
    async step(label, call, known = []) {
      let result: StepResult;
      let output: Awaited<ReturnType<typeof call>> | undefined;
      try {
        output = await call();
        result = { output };
      } catch (thrown) {
        result = { error: errorOf(side, thrown) };
      }
      push(
        label,
        side.name === 'ddb-local' ? applyKnownDifferences(result, known, label) : applyToShardline(result, known),
      );
      return output;
    },
    scope(name) {
      scope = name;
    },
    note(label, value) {
      const result = { output: value };
      push(label, side.name === 'ddb-local' ? applyKnownDifferences(result, [], label) : result);
    },
  };
  try {
    await scenario(context);
  } finally {
    // DynamoDB Local keeps its tables for the life of the JVM: leave it as it was found.
    if (side.name === 'ddb-local') {
      for (const name of tables)
        await side.client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
    }
  }
  return transcript;
}

export interface BothTranscripts {
  shardline: TranscriptEntry[];
  ddbLocal: TranscriptEntry[];
}

/** Runs the scenario on both sides (same table names) and returns both transcripts, normalised. */
export async function runBoth(scenario: Scenario): Promise<BothTranscripts & { sides: Record<SideName, Side> }> {
  const suffix = `${RUN}_${++tableCounter}`;
  const names = (base: string) => `${base}_${suffix}`;
  const shardline = await shardlineSide();
  const local = ddbLocalSide();
  const ours = await runScenario(shardline, scenario, names);
  const theirs = await runScenario(local, scenario, names).finally(() => {
    local.client.destroy();
    local.streams.destroy();
  });
  return { shardline: normalise(ours), ddbLocal: normalise(theirs), sides: { shardline, 'ddb-local': local } };
}

/** Runs the scenario on both sides and expects the same normalised transcript. */
export async function expectSameOnBoth(scenario: Scenario): Promise<TranscriptEntry[]> {
  const { shardline, ddbLocal } = await runBoth(scenario);
  const debugFile = process.env.CONFORMANCE_DEBUG;
  if (debugFile !== undefined && debugFile !== '') writeDifferingSteps(debugFile, shardline, ddbLocal);
  expect(shardline).toEqual(ddbLocal);
  return shardline;
}

/**
 * With CONFORMANCE_DEBUG=<file>, the steps whose results differ, one line per side: quicker to read than the
 * diff of two whole transcripts when a scenario first runs.
 */
export function writeDifferingSteps(
  file: string,
  shardline: readonly TranscriptEntry[],
  ddbLocal: readonly TranscriptEntry[],
): void {
  for (let i = 0; i < Math.max(shardline.length, ddbLocal.length); i++) {
    const ours = canonical(shardline[i]);
    const theirs = canonical(ddbLocal[i]);
    if (ours !== theirs) appendFileSync(file, `shardline ${ours}\nddb-local ${theirs}\n\n`);
  }
}
