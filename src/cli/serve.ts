/**
 * `shardline serve`: an in-memory DynamoDB with DynamoDB Streams over HTTP, on the system clock (or a manual
 * one, `--clock manual`, moved through the control interface), until Ctrl-C. The first line on stdout is the
 * endpoint (so `--port 0` can be read back by a script); the rest of what it says goes to stderr. The `shardline` program (./shardline.ts) runs it.
 */
import { SystemClock } from '../clock/system-clock.js';
import { ManualClock } from '../clock/manual-clock.js';
import { formatIsoTime } from '../clock/iso-time.js';
import { Database } from '../database.js';
import { listen } from '../wire/listen.js';
import { UsageError } from './command-line.js';
import { SERVE_USAGE, parseServeArgs, type ServeOptions } from './serve-options.js';
import { stopOnSignal } from './stop-on-signal.js';

/** Runs `shardline serve` with its arguments (the word `serve` included or not); sets `process.exitCode`. */
export async function serve(args: readonly string[]): Promise<void> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`shardline: ${error.message}\n\n${SERVE_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(SERVE_USAGE);
    return;
  }

  // Real time stays the server's own (stopping on Ctrl-C), whatever clock the database runs on.
  const realTime = new SystemClock();
  const clock = options.clock === 'manual' ? new ManualClock(options.start ?? realTime.now()) : realTime;
  const db = await Database.create({ clock, seed: options.seed, region: options.region });
  let server;
  try {
    server = await listen(db, {
      port: options.port,
      host: options.host,
      maxRequestBytes: options.maxRequestBytes,
      maxBufferedBytes: options.maxBufferedBytes,
      idleTimeoutMs: options.idleTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
    });
  } catch (error) {
    process.stderr.write(
      `shardline: cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    db.close();
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${server.endpoint}\n`);
  const clockText =
    options.clock === 'manual'
      ? `manual clock at ${formatIsoTime(clock.now())}, moved by \`shardline clock\``
      : 'system clock';
  process.stderr.write(
    `shardline: DynamoDB and DynamoDB Streams at ${server.endpoint} (region ${db.region}, seed ${db.seed}); ${clockText}; Ctrl-C stops it\n`,
  );

  const stop = stopOnSignal({
    // Not the database's clock: a manual one stands still, and a second Ctrl-C would never count as one.
    now: () => realTime.now(),
    drain: () =>
      server.close().then(
        () => {
          db.close();
          return 0;
        },
        (error: unknown) => {
          process.stderr.write(`shardline: ${error instanceof Error ? error.message : String(error)}\n`);
          return 1;
        },
      ),
    exit: (code) => process.exit(code),
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
