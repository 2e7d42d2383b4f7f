import type {
  DeserializeMiddleware,
  HandlerExecutionContext,
  HttpRequest,
  MiddlewareStack,
  Pluggable,
  SerializeMiddleware,
} from '@smithy/types';
import type { Database } from '../database.js';
import { setAttribute } from '../model/attribute-value.js';
import { createAwsHandler, toHttpResponse } from './aws-request-handler.js';
import { runParsed } from './dispatch.js';

/**
 * An AWS SDK v3 client plugin that runs the client's calls against `db` in process, without the SDK's
 * per-call machinery:
 *
 * ```ts
 * const client = new DynamoDBClient(inProcessClientConfig(db));
 * client.middlewareStack.use(inProcessPlugin(db));
 * ```
 *
 * Add it before the client's first call: with `cacheMiddleware` (inProcessClientConfig sets it) the SDK resolves a
 * command type's middleware stack at its first call and keeps it.
 *
 * Why: most of an SDK call's cost is the SDK's own work (serialising to JSON, endpoint rules, user agent,
 * retry bookkeeping, signing, parsing the JSON back), about 50-130 µs per call on a small machine, where
 * shardline's PutItem takes about 1 µs. A test suite that makes thousands of calls spends its time there.
 *
 * How: a middleware placed just before the endpoint resolution (after the initialize step, so the SDK's logger
 * and any initialize-step middleware of yours still run) hands the command's input, as the SDK would have
 * serialised it, to the same operation that the wire protocol runs (`runParsed`: the same validation, the same
 * messages, the same request ids), and returns a copy of its output in the SDK's output types (Uint8Arrays for
 * binary, Dates for timestamps, a fresh object the caller may change, `$metadata` as the SDK fills it).
 *
 * What keeps it exact where a shortcut could drift:
 * - An error is not built here: the failed call's wire response (already computed, the call changed nothing)
 *   is handed to the SDK's own deserializer, through the rest of the stack, so the caller gets the SDK's own
 *   exception classes (`ConditionalCheckFailedException` with its `Item`, `TransactionCanceledException` with
 *   its `CancellationReasons`, `$metadata`, `$fault`). A retry the client makes after that goes through the
 *   whole stack too.
 * - `DynamoDBDocumentClient` commands take the whole stack: their output is unmarshalled in the deserialize
 *   step, which the shortcut skips. They still run in process, as every request of a client with this plugin
 *   does (the plugin answers at the end of the stack, whatever `requestHandler` the client has).
 * - Commands of other clients (not DynamoDB or DynamoDB Streams) take the whole stack, and get shardline's
 *   UnknownOperationException.
 *
 * What a successful call skips, so do not use the plugin where a test depends on it: middleware of your own in
 * the serialize, build, finalizeRequest or deserialize steps, and `abortSignal` (the call completes at once).
 */
export function inProcessPlugin<Input extends object = object, Output extends object = object>(
  db: Database,
): Pluggable<Input, Output> {
  const handler = createAwsHandler(db);

  const call: SerializeMiddleware<Input, Output> = (next, context) => async (args) => {
    const target = targetOf(context);
    const input: unknown = args.input ?? {};
    if (target === undefined || isDocumentCommand(context) || typeof input !== 'object' || Array.isArray(input))
      return next(args);
    const result = runParsed(db, target, input as Record<string, unknown>);
    if (!result.ok) {
      (context as StashContext)[STASHED_RESPONSE] = result.response;
      return next(args);
    }
    const output = copyForCaller(result.output) as Record<string, unknown>;
    // As the SDK fills it for a call answered on its first attempt (no extendedRequestId or cfId from DynamoDB).
    output.$metadata = {
      httpStatusCode: 200,
      requestId: result.headers['x-amzn-requestid'],
      extendedRequestId: undefined,
      cfId: undefined,
      attempts: 1,
      totalRetryDelay: 0,
    };
    // The HTTP response an initialize-step middleware may look at: status and headers (its body was never text).
    return { output: output as Output, response: { statusCode: 200, headers: result.headers, body: undefined } };
  };

  // The end of the stack: the stashed response of a failed call, else the request answered in process.
  const transport: DeserializeMiddleware<Input, Output> = (_next, context) => async (args) => {
    const stash = context as StashContext;
    const stashed = stash[STASHED_RESPONSE];
    if (stashed !== undefined) {
      stash[STASHED_RESPONSE] = undefined;
      return { response: toHttpResponse(stashed) };
    }
    return handler.handle(args.request as HttpRequest);
  };

  return {
    applyToStack(stack: MiddlewareStack<Input, Output>) {
      stack.addRelativeTo(call, {
        name: 'shardlineInProcessCall',
        relation: 'before',
        toMiddleware: 'endpointV2Middleware',
        override: true,
      });
      stack.addRelativeTo(transport, {
        name: 'shardlineInProcessTransport',
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
        override: true,
      });
    },
  };
}

/** Where the shortcut leaves a failed call's response for the transport at the end of the stack. */
const STASHED_RESPONSE = Symbol('shardline.stashedResponse');
type StashContext = HandlerExecutionContext & { [STASHED_RESPONSE]?: Parameters<typeof toHttpResponse>[0] | undefined };

/** The SDK's client names (smithy's `clientName` in the handler context) and their JSON 1.0 target prefixes. */
const TARGET_PREFIXES: Readonly<Record<string, string>> = {
  DynamoDBClient: 'DynamoDB_20120810',
  DynamoDBStreamsClient: 'DynamoDBStreams_20120810',
};

/** `DynamoDB_20120810.PutItem` for a `PutItemCommand` of a `DynamoDBClient`; undefined for another client. */
function targetOf(context: HandlerExecutionContext): string | undefined {
  const prefix = Object.hasOwn(TARGET_PREFIXES, context.clientName ?? '')
    ? TARGET_PREFIXES[context.clientName as string]
    : undefined;
  const command = context.commandName;
  if (prefix === undefined || typeof command !== 'string' || !command.endsWith('Command')) return undefined;
  return `${prefix}.${command.slice(0, -'Command'.length)}`;
}

/**
 * lib-dynamodb marks its commands' context with the `DDB_MAPPER` feature in its marshalling middleware, which
 * runs before the endpoint resolution (and so before this plugin's shortcut).
 */
function isDocumentCommand(context: HandlerExecutionContext): boolean {
  const features = (context as { __aws_sdk_context?: { features?: Record<string, unknown> } }).__aws_sdk_context
    ?.features;
  return features?.DDB_MAPPER !== undefined;
}

/**
 * A typed output as the SDK would have parsed it from the wire: a fresh, mutable copy (the typed API hands out
 * frozen items), Dates and Uint8Arrays copied, undefined members left out as JSON leaves them out.
 */
function copyForCaller(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(copyForCaller);
  const out: Record<string, unknown> = {};
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const member = (value as Record<string, unknown>)[name];
    if (member !== undefined) setAttribute(out, name, copyForCaller(member));
  }
  return out;
}
