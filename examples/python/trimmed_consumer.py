"""A boto3 consumer of a DynamoDB stream that outlives its position, against `shardline serve --clock manual`.

The consumer reads a table's stream and keeps a checkpoint. The clock is then advanced 25 hours through
shardline's control interface (docs/time-travel.md), past the streams' 24-hour retention. Resuming from its
checkpoint, the consumer gets TrimmedDataAccessException, as it would on AWS after a day away: it restarts from
TRIM_HORIZON and says how many records it lost.

    shardline serve --clock manual --port 8000 &
    python3 examples/python/trimmed_consumer.py http://127.0.0.1:8000

`npm run test:python` runs it against a fresh server (scripts/test-python.sh).
"""

import json
import sys
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import ClientError

CONTROL_PREFIX = "Shardline_20261208"


def control(endpoint, operation, body=None):
    """Calls one of shardline's control operations: an AWS JSON 1.0 POST with our X-Amz-Target.

    boto3 cannot send a target outside AWS's own services, so this is a plain HTTP request.
    """
    request = urllib.request.Request(
        endpoint,
        data=json.dumps(body or {}).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": f"{CONTROL_PREFIX}.{operation}",
        },
    )
    try:
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        answer = json.loads(error.read() or b"{}")
        name = answer.get("__type", "").split("#")[-1]
        raise RuntimeError(f"{operation} failed: {name}: {answer.get('message')}") from None


def error_code(error):
    return error.response.get("Error", {}).get("Code")


class Consumer:
    """Reads one table's stream shard by shard, remembering the last sequence number it processed."""

    def __init__(self, streams, stream_arn):
        self.streams = streams
        self.stream_arn = stream_arn
        self.seen = []
        self.checkpoint = None  # (shard id, sequence number)

    def read_shard(self, shard_id, iterator_type, sequence_number=None):
        args = {"StreamArn": self.stream_arn, "ShardId": shard_id, "ShardIteratorType": iterator_type}
        if sequence_number is not None:
            args["SequenceNumber"] = sequence_number
        iterator = self.streams.get_shard_iterator(**args)["ShardIterator"]
        while iterator:
            page = self.streams.get_records(ShardIterator=iterator)
            for record in page["Records"]:
                self.seen.append(record["dynamodb"]["Keys"]["id"]["S"])
                self.checkpoint = (shard_id, record["dynamodb"]["SequenceNumber"])
            # An open shard answers an empty page and a next iterator: caught up for now.
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")

    def read_from_trim_horizon(self):
        """Every shard the stream lists now (parents before children), from its oldest record."""
        shards = self.streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
        for shard in shards:
            self.read_shard(shard["ShardId"], "TRIM_HORIZON")

    def resume(self):
        """Continues after the checkpoint; a checkpoint past retention restarts from TRIM_HORIZON."""
        shard_id, sequence_number = self.checkpoint
        try:
            self.read_shard(shard_id, "AFTER_SEQUENCE_NUMBER", sequence_number)
            return False
        except ClientError as error:
            if error_code(error) != "TrimmedDataAccessException":
                raise
            print(f"checkpoint {sequence_number} is past the trim horizon: restarting from TRIM_HORIZON")
            self.read_from_trim_horizon()
            return True


def main(endpoint):
    session = boto3.session.Session(
        aws_access_key_id="AKIDSHARDLINE", aws_secret_access_key="shardline", region_name="us-east-1"
    )
    dynamodb = session.client("dynamodb", endpoint_url=endpoint)
    streams = session.client("dynamodbstreams", endpoint_url=endpoint)

    clock = control(endpoint, "GetClock")
    assert clock["Manual"], "start the server with: shardline serve --clock manual"
    table = f"events-{clock['EpochMillis']}"  # a fresh table on every run against the same server
    created = dynamodb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
    )
    consumer = Consumer(streams, created["TableDescription"]["LatestStreamArn"])

    def put(item_id):
        dynamodb.put_item(TableName=table, Item={"id": {"S": item_id}})
        return item_id

    written = [put(f"early-{n}") for n in range(3)]
    consumer.read_from_trim_horizon()
    assert consumer.seen == written, consumer.seen
    print(f"read {len(consumer.seen)} records, checkpoint {consumer.checkpoint[1]}")

    # Written while the consumer is away; a day later they are past retention, unread.
    written += [put(f"unread-{n}") for n in range(2)]
    moved = control(endpoint, "AdvanceClock", {"By": "25h"})
    print(f"clock advanced to {moved['Now']}")
    written.append(put("after"))

    seen_before = len(consumer.seen)
    restarted = consumer.resume()
    assert restarted, "the checkpoint should be past the trim horizon"
    lost = [item for item in written if item not in consumer.seen]
    print(f"lost {len(lost)} records to the trim horizon: {', '.join(lost)}")
    print(f"read {len(consumer.seen) - seen_before} record(s) after the restart: {consumer.seen[seen_before:]}")
    assert lost == ["unread-0", "unread-1"], lost
    assert consumer.seen[seen_before:] == ["after"], consumer.seen
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
