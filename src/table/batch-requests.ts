import { ValidationException } from '../errors.js';
import type { AttributeMap } from '../model/attribute-value.js';

/** One request of a BatchWriteItem list: a put or a delete. */
export interface BatchWriteRequest {
  PutRequest?: { Item: AttributeMap };
  DeleteRequest?: { Key: AttributeMap };
}

/** How a table prepares one put or delete (Table.preparePut, Table.prepareDelete). */
export interface BatchPreparer<C extends { storageKey: string }> {
  readonly name: string;
  preparePut(item: AttributeMap): C;
  prepareDelete(key: AttributeMap): C;
}

/** Validates a BatchWriteItem request list for one table (1-25 requests, no key twice) into prepared changes. */
export function prepareBatchRequests<C extends { storageKey: string }>(
  table: BatchPreparer<C>,
  requests: readonly BatchWriteRequest[],
): C[] {
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new ValidationException(`The batch write request list for a table cannot be null or empty: ${table.name}`);
  }
  if (requests.length > 25) throw new ValidationException('Too many items requested for the BatchWriteItem call');
  // Duplicates are found request by request, so a key given twice is reported before a bad key after it
  // (DynamoDB Local 2.9.30, found by conformance/random-operations.test.ts).
  const seen = new Set<string>();
  return requests.map((request) => {
    const change = prepareBatchRequest(table, request);
    if (seen.has(change.storageKey)) throw new ValidationException('Provided list of item keys contains duplicates');
    seen.add(change.storageKey);
    return change;
  });
}

function prepareBatchRequest<C extends { storageKey: string }>(table: BatchPreparer<C>, request: BatchWriteRequest): C {
  const put = request?.PutRequest;
  const del = request?.DeleteRequest;
  if ((put === undefined) === (del === undefined)) {
    // DynamoDB Local 1.25.1 answers both a request with PutRequest and DeleteRequest and an empty one `{}`
    // with this AttributeValue text (docs/ddb-local-observed-core.md, section 9).
    throw new ValidationException(
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  }
  return put !== undefined ? table.preparePut(put.Item) : table.prepareDelete((del as { Key: AttributeMap }).Key);
}
