/**
 * The differences between shardline and DynamoDB Local that are kept on purpose, each with its reason
 * (known-differences.md explains them for readers; a test checks that the two lists agree).
 *
 * Each one turns DynamoDB Local's answer into AWS's (the behaviour shardline follows) before the transcripts
 * are compared. `everywhere` differences are applied to every result; the others only to the steps that name
 * them, and there they must change something: a difference DynamoDB Local no longer shows fails the suite, so
 * the list cannot grow stale.
 */
import { normalizeNumber } from '../src/model/number-value.js';
import type { StepResult } from './scenario-types.js';

export interface KnownDifference {
  /** What differs, in one line. */
  readonly summary: string;
  /** Applied to every DynamoDB Local result (true), or only where a step names it. */
  readonly everywhere?: boolean;
  /** DynamoDB Local's result, rewritten to what AWS (and shardline) answers. */
  adjust(result: StepResult): StepResult;
  /**
   * Where AWS's exact answer cannot be derived from DynamoDB Local's, the part that differs is also taken out of
   * shardline's result (the rest is still compared).
   */
  adjustShardline?(result: StepResult): StepResult;
}

type Mutable = Record<string, unknown>;

function isObject(value: unknown): value is Mutable {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

/** A deep copy of a result in which `edit` may change any object it is given (visited depth first). */
function rewrite(result: StepResult, edit: (node: Mutable) => void): StepResult {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!isObject(value)) return value;
    const copy: Mutable = {};
    for (const [key, member] of Object.entries(value)) copy[key] = visit(member);
    edit(copy);
    return copy;
  };
  return visit(result) as StepResult;
}

/** A number in canonical form; text that is not a number (an error's subject) is left as it is. */
function canonicalOrAsIs(text: string): string {
  try {
    return normalizeNumber(text);
  } catch {
    return text;
  }
}

/** An error whose message DynamoDB Local words differently: its text replaced by AWS's. */
function messageBecomes(from: string, to: string): (result: StepResult) => StepResult {
  return (result) =>
    'error' in result && result.error.message === from ? { error: { ...result.error, message: to } } : result;
}

/** AWS's answer to a request DynamoDB Local accepts or fails otherwise: a ValidationException with this text. */
function validationError(message: string): (result: StepResult) => StepResult {
  return () => ({
    error: { status: 400, type: 'com.amazon.coral.validate#ValidationException', message, messageKey: 'message' },
  });
}

/** DynamoDB Local's internal names of the data types, and AWS's. */
const INTERNAL_TYPE_NAMES: Readonly<Record<string, string>> = {
  STRING: 'S',
  NUMBER: 'N',
  BINARY: 'B',
  BOOLEAN: 'BOOL',
  NULL: 'NULL',
  LIST: 'L',
  MAP: 'M',
  STRING_SET: 'SS',
  NUMBER_SET: 'NS',
  BINARY_SET: 'BS',
};

/** GetRecords' page limit: "up to 1 MB of data" (API_streams_GetRecords). */
const MEGABYTE = 1024 * 1024;

/** The type AWS's JSON deserializer answers with, for a body or a member of the wrong JSON type. */
const SERIALIZATION = 'com.amazon.coral.service#SerializationException';

/** What `wrong-json-type` compares in place of the deserializer's message (see there). */
export const DESERIALIZER_MESSAGE = "<AWS's JSON deserializer message>";

/** The texts of AWS's JSON deserializer that shardline sends (src/validation/member-rules.ts, src/wire/json-codec.ts, dispatch.ts). */
const DESERIALIZER_TEXTS = [
  /^(NUMBER|STRING|TRUE|FALSE)_VALUE cannot be converted to (String|Integer|Boolean)$/,
  /^Start of structure or map found where not expected\.$/,
  /^Start of list found where not expected$/,
  /^Unexpected value type in payload: [A-Z_]+ where a (map|structure) was expected$/,
  /^Unrecognized collection type: [A-Z_]+ where a list was expected$/,
  /^Start of structure or map expected$/,
  /^Base64 encoded length is expected a multiple of 4 bytes but found: \d+$/,
  /^Invalid Base64 character detected$/,
];

/** Stands for "the answer to the same request with the body `{}`" (`empty-body`; raw-wire-client.ts sends it). */
const SAME_AS_EMPTY_OBJECT = '<the answer to the same request with the body {}>';

const MODEL_NULL = (member: string) =>
  `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`;

export const KNOWN_DIFFERENCES = {
  'throughput-epoch-zero': {
    summary:
      'A table whose throughput never changed: DynamoDB Local sends LastIncreaseDateTime and LastDecreaseDateTime of 0 (1970); shardline leaves them out.',
    everywhere: true,
    adjust: (result) =>
      rewrite(result, (node) => {
        for (const key of ['LastIncreaseDateTime', 'LastDecreaseDateTime']) {
          // A Date through the SDK; epoch seconds over the raw wire (raw-wire.test.ts).
          if ((node[key] instanceof Date && (node[key] as Date).getTime() === 0) || node[key] === 0) delete node[key];
        }
      }),
  },
  'update-key-numbers-as-given': {
    summary:
      "UpdateItem with a key number not in canonical form ('01', '1.0'): DynamoDB Local's stream record carries it as given in Keys (its images and every other answer have '1'); AWS stores numbers canonical, so the record's Keys say '1', as shardline's.",
    everywhere: true,
    adjust: (result) =>
      rewrite(result, (node) => {
        // A stream record's `dynamodb`: Keys beside an image.
        if (!isObject(node.Keys) || (node.NewImage === undefined && node.OldImage === undefined)) return;
        for (const value of Object.values(node.Keys)) {
          if (isObject(value) && typeof value.N === 'string') value.N = normalizeNumber(value.N);
        }
      }),
  },
  'batch-get-duplicate-numbers': {
    summary:
      "BatchGetItem with two keys that are one key once numbers are canonical ('1' and '1.0'): DynamoDB Local reads both (it compares them as given); AWS stores numbers canonical, and shardline rejects the pair as duplicates, as DynamoDB Local itself does in BatchWriteItem and TransactWriteItems.",
    adjust: validationError('Provided list of item keys contains duplicates'),
  },
  'nested-numbers-as-given': {
    summary:
      "A number inside a map or list (M, L): DynamoDB Local stores and returns it as given ('1e3', '007'), although it makes top-level numbers and every number set canonical; AWS stores numbers canonical at any depth, as shardline does ('1000', '7').",
    everywhere: true,
    adjust: (result) =>
      rewrite(result, (node) => {
        // The values of a map (M) and the elements of a list (L): top-level numbers are DynamoDB Local's own business.
        const nested = isObject(node.M) ? Object.values(node.M) : Array.isArray(node.L) ? node.L : [];
        for (const value of nested) {
          if (!isObject(value)) continue;
          if (typeof value.N === 'string') value.N = canonicalOrAsIs(value.N);
          if (Array.isArray(value.NS))
            value.NS = (value.NS as unknown[]).map((n) => (typeof n === 'string' ? canonicalOrAsIs(n) : n));
        }
      }),
  },
  'transact-duplicate-numbers': {
    summary:
      "TransactWriteItems with a Delete or ConditionCheck key and another request on the same item, its number written another way ('01' and '1', '0' and '-0'): DynamoDB Local compares those keys as given and runs both; AWS stores numbers canonical, so they are one item, and shardline answers as DynamoDB Local does for two Puts: 'Transaction request cannot include multiple operations on one item'.",
    adjust: validationError('Transaction request cannot include multiple operations on one item'),
  },
  'error-message-member': {
    summary:
      'Error bodies carry the text in `message` (AWS; `Message` only for TransactionCanceledException); DynamoDB Local always uses `Message`.',
    everywhere: true,
    adjust: (result) => {
      if (
        !('error' in result) ||
        result.error.messageKey !== 'Message' ||
        result.error.type.endsWith('#TransactionCanceledException')
      )
        return result;
      return { error: { ...result.error, messageKey: 'message' } };
    },
  },
  'delete-table-status': {
    summary: "DeleteTable answers TableStatus 'DELETING' (AWS); DynamoDB Local answers 'ACTIVE'.",
    adjust: (result) =>
      rewrite(result, (node) => {
        if (isObject(node.TableDescription) && node.TableDescription.TableStatus === 'ACTIVE')
          node.TableDescription.TableStatus = 'DELETING';
      }),
  },
  'delete-absent-consumed-capacity': {
    summary:
      'DeleteItem of an absent key: DynamoDB Local adds ConsumedCapacity although none was asked for; shardline (as AWS) answers {}.',
    adjust: (result) =>
      rewrite(result, (node) => {
        delete node.ConsumedCapacity;
      }),
  },
  'shard-filter-ignored': {
    summary:
      "DescribeStream with ShardFilter CHILD_SHARDS lists the shard's children (AWS); DynamoDB Local ignores the filter and lists every shard. DynamoDB Local never splits or rolls over a shard, so on its streams the right answer is always no shard.",
    adjust: (result) =>
      rewrite(result, (node) => {
        if (Array.isArray(node.Shards) && node.Shards.length > 0) node.Shards = [];
      }),
  },
  'pay-per-request-with-throughput': {
    summary:
      'CreateTable with BillingMode PAY_PER_REQUEST and a ProvisionedThroughput: AWS refuses it (shardline too); DynamoDB Local accepts it and ignores the throughput.',
    adjust: validationError(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    ),
  },
  'billing-mode-enum': {
    summary:
      'CreateTable with BillingMode BOGUS: AWS answers the enum ValidationException; DynamoDB Local fails with HTTP 500 InternalFailure.',
    adjust: validationError(
      "1 validation error detected: Value 'BOGUS' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
    ),
  },
  'throughput-below-one': {
    summary:
      "ProvisionedThroughput ReadCapacityUnits 0: AWS answers the model's constraint text; DynamoDB Local its own.",
    adjust: messageBecomes(
      'Table read and write throughput must be at least 1, and cannot be null',
      "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ),
  },
  'add-type-name': {
    summary:
      "AttributeUpdates ADD or DELETE with a value of a type it does not take: AWS names the type by its data type ('ADD action is not supported for the type S'); DynamoDB Local by its internal name (`STRING`, `LIST`, ...).",
    adjust: (result) => {
      if (!('error' in result) || result.error.message === undefined) return result;
      const match =
        /^(One or more parameter values were invalid: (?:ADD action|DELETE action with value) is not supported for the type )([A-Z_]+)$/.exec(
          result.error.message,
        );
      const short = match === null ? undefined : INTERNAL_TYPE_NAMES[match[2] as string];
      return short === undefined || match === null
        ? result
        : { error: { ...result.error, message: `${match[1]}${short}` } };
    },
  },
  'batch-get-empty': {
    summary:
      "BatchGetItem with no tables, or a table with no keys: AWS answers the model's length constraint; DynamoDB Local its own texts.",
    adjust: (result) => {
      if (!('error' in result) || result.error.message === undefined) return result;
      const { message } = result.error;
      if (message === 'BatchGetItem must have some requests set') {
        return messageBecomes(
          message,
          "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
        )(result);
      }
      const empty = /^The list of keys in RequestItems for BatchGetItem is required: (.+) has empty list$/.exec(
        message,
      );
      if (empty === null) return result;
      return messageBecomes(
        message,
        `1 validation error detected: Value '[]' at 'requestItems.${empty[1]}.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      )(result);
    },
  },
  'read-limit-zero': {
    summary:
      "Query or Scan with Limit 0: AWS answers the model's constraint text; DynamoDB Local says 'Limit must be greater than or equal to 1'.",
    adjust: messageBecomes(
      'Limit must be greater than or equal to 1',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ),
  },
  'query-missed-key-name': {
    summary:
      "Query without a condition on the partition key: AWS names the key ('Query condition missed key schema element: id'); DynamoDB Local leaves the name out. Compared without the name.",
    adjust: (result) => result,
    adjustShardline: (result) =>
      'error' in result && result.error.message?.startsWith('Query condition missed key schema element: ') === true
        ? { error: { ...result.error, message: 'Query condition missed key schema element' } }
        : result,
  },
  'streams-missing-member': {
    summary:
      "A required Streams member left out (StreamArn, ShardId, ShardIteratorType, ShardIterator): AWS answers the model's 'Member must not be null' text; DynamoDB Local its own ('Invalid StreamArn', 'No ShardId specified.', 'Invalid ShardIteratorType.', ...).",
    adjust: (result) => {
      const texts: Record<string, string> = {
        'Invalid StreamArn': MODEL_NULL('streamArn'),
        'One or more parameter values were invalid: streamArn cannot be empty or null.': MODEL_NULL('streamArn'),
        'Invalid ShardIteratorType.': MODEL_NULL('shardIteratorType'),
        'Invalid ShardIterator': MODEL_NULL('shardIterator'),
        'No ShardId specified.': MODEL_NULL('shardId'),
      };
      if (!('error' in result) || result.error.message === undefined || texts[result.error.message] === undefined)
        return result;
      return messageBecomes(result.error.message, texts[result.error.message] as string)(result);
    },
  },
  'get-records-megabyte': {
    summary:
      'GetRecords returns at most 1 MB of records a page (AWS); DynamoDB Local returns them all. Its pages (the SizeBytes of each record) are cut again where shardline cuts: before the record that would take the page past 1 MB.',
    adjust: (result) => {
      if (!('output' in result) || !Array.isArray(result.output)) return result;
      const pages: number[][] = [];
      let page: number[] = [];
      let bytes = 0;
      for (const size of (result.output as number[][]).flat()) {
        if (page.length > 0 && bytes + size > MEGABYTE) {
          pages.push(page);
          page = [];
          bytes = 0;
        }
        page.push(size);
        bytes += size;
      }
      if (page.length > 0) pages.push(page);
      return { output: pages };
    },
  },
  'wrong-json-type': {
    summary:
      "A request body that is not a JSON object, a member (top-level, or inside an AttributeValue) of the wrong JSON type, or a B value that is not base64: AWS answers 400 SerializationException from its JSON deserializer (shardline too); DynamoDB Local converts the value (a number read as a string, and so on) or fails with HTTP 500 InternalFailure. Compared by status and type; the message stands for the deserializer's text.",
    adjust: (result) => {
      if ('error' in result && result.error.type === SERIALIZATION) {
        throw new Error(
          "known difference 'wrong-json-type' was not observed: DynamoDB Local now answers SerializationException itself; compare its message",
        );
      }
      return { error: { status: 400, type: SERIALIZATION, message: DESERIALIZER_MESSAGE, messageKey: 'message' } };
    },
    adjustShardline: (result) => {
      if (!('error' in result) || result.error.type !== SERIALIZATION) return result;
      const { message } = result.error;
      // A body that is not JSON at all: AWS's SerializationException has no message (dynalite's connection tests).
      if (message !== undefined && !DESERIALIZER_TEXTS.some((text) => text.test(message))) return result;
      return { error: { status: 400, type: SERIALIZATION, message: DESERIALIZER_MESSAGE, messageKey: 'message' } };
    },
  },
  'empty-body': {
    summary:
      "An empty request body: shardline reads it as `{}` (on purpose, see the README); DynamoDB Local fails with HTTP 500 InternalFailure. Compared with DynamoDB Local's answer to the same request with the body `{}`.",
    adjust: (result) =>
      'error' in result && result.error.status === 500 && result.error.type.endsWith('#InternalFailure')
        ? { output: SAME_AS_EMPTY_OBJECT }
        : result,
  },
  'get-shard-iterator-nothing': {
    summary:
      "GetShardIterator with none of its three required members: AWS lists the three in one ValidationException (the model's constraint form); DynamoDB Local says 'No ShardId specified.'.",
    adjust: messageBecomes(
      'No ShardId specified.',
      `3 validation errors detected: ${['streamArn', 'shardId', 'shardIteratorType'].map((member) => MODEL_NULL(member).replace('1 validation error detected: ', '')).join('; ')}`,
    ),
  },
  'add-sum-trailing-zeros': {
    summary:
      "AttributeUpdates ADD: DynamoDB Local stores and returns the sum with the scale of Java's BigDecimal addition (1.50 + -1.5 is '0.0', plus 1e3 is '1000.0'); AWS trims trailing zeros, as shardline does ('0', '1000').",
    adjust: (result) =>
      rewrite(result, (node) => {
        if (typeof node.N === 'string' && /\.\d*0$/.test(node.N)) node.N = node.N.replace(/0+$/, '').replace(/\.$/, '');
      }),
  },
  'expression-numbers-as-given': {
    summary:
      "A number an UpdateExpression writes (a value SET or ADDed, a sum or a difference): DynamoDB Local stores and answers it as given or at the scale of Java's BigDecimal arithmetic ('2.50', '0.00', '1000.000'), top level included; AWS stores every number canonical ('2.5', '0', '1000'), as shardline does.",
    adjust: (result) =>
      rewrite(result, (node) => {
        if (typeof node.N === 'string') node.N = canonicalOrAsIs(node.N);
        if (Array.isArray(node.NS))
          node.NS = (node.NS as unknown[]).map((n) => (typeof n === 'string' ? canonicalOrAsIs(n) : n));
      }),
    // Named on every request of random-expressions.test.ts, most of which write no such number: the identity here
    // exempts it from the check that a named difference shows (shardline's numbers are canonical already).
    adjustShardline: (result) => result,
  },
  'overlap-paths-named': {
    summary:
      "Two document paths overlap or conflict in an UpdateExpression or a ProjectionExpression: which two paths the message names follows DynamoDB's internal hash order, which shardline reproduces for the common cases only; the rest of the message is compared.",
    adjust: (result) => withoutNamedPaths(result),
    adjustShardline: (result) => withoutNamedPaths(result),
  },
  'update-problem-chosen': {
    summary:
      'An UpdateExpression that cannot be applied for several reasons at once (a missing operand, an invalid path, an operand of the wrong type): which one DynamoDB names depends on its internal order, which shardline reproduces for the common pairs only; that the update is refused, and changes nothing, is compared.',
    adjust: (result) => withUpdateProblemBlurred(result),
    adjustShardline: (result) => withUpdateProblemBlurred(result),
  },
  'gsi-throughput-decreases-today': {
    summary:
      "A GSI's ProvisionedThroughput in a table description: AWS's carries NumberOfDecreasesToday (0 for an index never decreased), as the table's does (the AWS CLI's describe-table output of a table with a GSI); DynamoDB Local leaves it out of the index's. Added where it is missing.",
    everywhere: true,
    adjust: (result) =>
      rewrite(result, (node) => {
        if (!Array.isArray(node.GlobalSecondaryIndexes)) return;
        for (const index of node.GlobalSecondaryIndexes as unknown[]) {
          const throughput = isObject(index) ? index.ProvisionedThroughput : undefined;
          if (isObject(throughput) && throughput.NumberOfDecreasesToday === undefined)
            throughput.NumberOfDecreasesToday = 0;
        }
      }),
  },
  'index-definition-texts': {
    summary:
      "CreateTable with a secondary index defined wrong: AWS answers 'One or more parameter values were invalid: ...' texts (recorded against AWS by dynalite's tests); DynamoDB Local its own (random-indexes.test.ts names the faulty index `bad_index` or `dup_index`, so AWS's texts are constant there).",
    adjust: (result) => {
      if (!('error' in result) || result.error.message === undefined) return result;
      const aws = INDEX_DEFINITION_TEXTS[result.error.message];
      return aws === undefined ? result : messageBecomes(result.error.message, aws)(result);
    },
  },
  'index-key-type-mismatch-text': {
    summary:
      "A write whose value for a secondary index's key attribute has the wrong type: AWS says which attribute, which types and which index ('... Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g', recorded against AWS by dynalite's tests); DynamoDB Local stops after 'Index Key'. Compared up to there.",
    adjust: (result) => result,
    adjustShardline: (result) =>
      'error' in result && result.error.message?.startsWith(INDEX_KEY_MISMATCH) === true
        ? { error: { ...result.error, message: INDEX_KEY_MISMATCH } }
        : result,
  },
  'gsi-consistent-read-text': {
    summary:
      "Query or Scan of a GSI with ConsistentRead true: AWS answers 'Consistent reads are not supported on global secondary indexes' (API_Query.html says a ValidationException; the text as recorded against AWS by dynalite's tests); DynamoDB Local 'Consistent read cannot be true when querying a GSI' ('scanning' for a Scan).",
    adjust: (result) => {
      if (
        !('error' in result) ||
        !/^Consistent read cannot be true when (querying|scanning) a GSI$/.test(result.error.message ?? '')
      )
        return result;
      return { error: { ...result.error, message: 'Consistent reads are not supported on global secondary indexes' } };
    },
  },
  'ttl-specification-texts': {
    summary:
      "UpdateTimeToLive without TimeToLiveSpecification, without its AttributeName or Enabled, or with an AttributeName outside 1 to 255 characters: AWS answers its model's constraint text ('1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' ...', recorded against AWS by ack-api-quirks DDB-TABLE-146); DynamoDB Local its own ('TimeToLiveSpecification cannot be null', 'AttributeName cannot be null when time to live is being enabled' for each missing member, 'Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive'). Compared by status and type; the texts are pinned in test/ttl/time-to-live-api.test.ts.",
    adjust: (result) =>
      'error' in result && DDB_LOCAL_TTL_SPEC_TEXTS.includes(result.error.message ?? '')
        ? { error: { ...result.error, message: TTL_SPEC_MESSAGE } }
        : result,
    adjustShardline: (result) =>
      'error' in result &&
      /^\d+ validation errors? detected: Value .* at 'timeToLiveSpecification/s.test(result.error.message ?? '')
        ? { error: { ...result.error, message: TTL_SPEC_MESSAGE } }
        : result,
  },
  'ttl-members-before-table': {
    summary:
      "UpdateTimeToLive of a table that does not exist, with a request whose TimeToLiveSpecification is missing or wrong: AWS checks the request's members before it looks for the table (its validation layer runs first), so it answers ValidationException; DynamoDB Local looks for the table first and answers ResourceNotFoundException.",
    adjust: (result) =>
      'error' in result && result.error.type.endsWith('#ResourceNotFoundException')
        ? validationError(TTL_SPEC_MESSAGE)(result)
        : result,
  },
  'ttl-different-attribute-text': {
    summary:
      "UpdateTimeToLive naming another attribute than the one TTL is on: AWS says which ('TimeToLive is active on a different AttributeName: current AttributeName is ttl_a', recorded against AWS by ack-api-quirks DDB-TABLE-146); DynamoDB Local stops after 'AttributeName'. Compared up to there.",
    adjust: (result) => result,
    adjustShardline: (result) =>
      'error' in result && result.error.message?.startsWith(`${TTL_DIFFERENT_ATTRIBUTE}: `) === true
        ? { error: { ...result.error, message: TTL_DIFFERENT_ATTRIBUTE } }
        : result,
  },
  'ttl-one-change-an-hour': {
    summary:
      "A second UpdateTimeToLive within an hour of the last change: AWS refuses it ('Time to live has been modified multiple times within a fixed interval', API_UpdateTimeToLive.html; the text as recorded against AWS by ack-api-quirks DDB-TABLE-143), and so does shardline, on its clock; DynamoDB Local takes it.",
    adjust: (result) =>
      'output' in result
        ? validationError('Time to live has been modified multiple times within a fixed interval')(result)
        : result,
  },
} satisfies Record<string, KnownDifference>;

/** DynamoDB Local's texts for a TimeToLiveSpecification that is missing or wrong, which AWS words by its model. */
const DDB_LOCAL_TTL_SPEC_TEXTS = [
  'TimeToLiveSpecification cannot be null',
  'AttributeName cannot be null when time to live is being enabled',
  'Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive',
];
const TTL_SPEC_MESSAGE = "<AWS's constraint text for the TimeToLiveSpecification>";
const TTL_DIFFERENT_ATTRIBUTE = 'TimeToLive is active on a different AttributeName';

/** The start of AWS's index key type mismatch text, where DynamoDB Local's ends. */
const INDEX_KEY_MISMATCH = 'One or more parameter values were invalid: Type mismatch for Index Key';

/** DynamoDB Local's texts for a secondary index defined wrong, and AWS's for the same request (dynalite's tests). */
const INDEX_DEFINITION_TEXTS: Readonly<Record<string, string>> = {
  'GSI list is empty/invalid': 'One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty',
  'Local Secondary indices are not allowed on hash tables, only hash and range tables':
    'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
  'Local secondary indices must have a range key':
    'One or more parameter values were invalid: Index KeySchema does not have a range key for index: bad_index',
  'Local Secondary indices must have the same hash key as the main table':
    'One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: bad_index. index hash key: x, table hash key: pk',
  'Two global secondary indices have the same name':
    'One or more parameter values were invalid: Duplicate index name: dup_index',
  'No attributes should be specified to be projected unless projection type is INCLUDE':
    'One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified',
  'Cannot have more than 5 local secondary indexes per table':
    'One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5',
  'Indexes must have a projection specified': 'One or more parameter values were invalid: Unknown ProjectionType: null',
};

/** The errors an UpdateExpression meets when it is applied: which of several DynamoDB reports is not compared. */
const UPDATE_PROBLEMS = new Set([
  'The provided expression refers to an attribute that does not exist in the item',
  'The document path provided in the update expression is invalid for update',
  'An operand in the update expression has an incorrect data type',
]);

function withUpdateProblemBlurred(result: StepResult): StepResult {
  if (!('error' in result) || !UPDATE_PROBLEMS.has(result.error.message as string)) return result;
  return { error: { ...result.error, message: 'an UpdateExpression that cannot be applied' } };
}

/** An overlap or conflict error without its `path one: [...], path two: [...]` part. */
function withoutNamedPaths(result: StepResult): StepResult {
  if (!('error' in result) || typeof result.error.message !== 'string') return result;
  const cut =
    /^(Invalid (?:Update|Projection)Expression: Two document paths (?:overlap|conflict) with each other; [^;]*;).*$/s.exec(
      result.error.message,
    );
  return cut === null ? result : { error: { ...result.error, message: `${cut[1]} path one: ..., path two: ...` } };
}

export type KnownDifferenceId = keyof typeof KNOWN_DIFFERENCES;

/** shardline's result with the `adjustShardline` of the differences the step names. */
export function applyToShardline(result: StepResult, named: readonly KnownDifferenceId[]): StepResult {
  let adjusted = result;
  for (const id of named) adjusted = (KNOWN_DIFFERENCES[id] as KnownDifference).adjustShardline?.(adjusted) ?? adjusted;
  return adjusted;
}

/** DynamoDB Local's result with the differences applied: the `everywhere` ones, then those the step names. */
export function applyKnownDifferences(
  result: StepResult,
  named: readonly KnownDifferenceId[],
  step: string,
): StepResult {
  let adjusted = result;
  for (const difference of Object.values(KNOWN_DIFFERENCES) as KnownDifference[]) {
    if (difference.everywhere === true) adjusted = difference.adjust(adjusted);
  }
  for (const id of named) {
    const difference = KNOWN_DIFFERENCES[id] as KnownDifference;
    const before = JSON.stringify(adjusted);
    adjusted = difference.adjust(adjusted);
    // A difference compared by taking a part out of shardline's answer cannot be checked from this side alone.
    if (difference.adjustShardline === undefined && JSON.stringify(adjusted) === before) {
      throw new Error(
        `known difference '${id}' was not observed at step '${step}': DynamoDB Local now answers as AWS does; drop it there (and from the list if it is nowhere else)`,
      );
    }
  }
  return adjusted;
}

/**
 * `value` as a step would record it on side `side`: on DynamoDB Local, with the `everywhere` differences applied.
 * For values a scenario turns into text itself (a set of canonical items), which the transcript's own pass cannot
 * reach inside.
 */
export function withEverywhereDifferences(side: 'shardline' | 'ddb-local', value: unknown, step: string): unknown {
  if (side !== 'ddb-local') return value;
  return (applyKnownDifferences({ output: value }, [], step) as { output: unknown }).output;
}
