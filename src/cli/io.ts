// What a command may touch of the outside world, injected so tests can run the CLI in-process.

import { EXIT_INCOMPLETE } from '../engine/outcome.js';

export interface CliIo {
  stdout: (text: string) => void;
  /** Resolves once stdout has taken what was written (a pipe whose reader is slow); batch output waits on it. */
  stdoutDrained?: () => Promise<void>;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Colour and progress lines only on a TTY (and colour never with NO_COLOR). */
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  env: NodeJS.ProcessEnv;
  /** Registers a handler for SIGINT; returns a function that removes it. */
  onInterrupt: (handler: () => void) => () => void;
}

export function processIo(): CliIo {
  stopWhenStdoutFails();
  return {
    stdout: (text) => process.stdout.write(text),
    stdoutDrained: () => drained(process.stdout),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
    env: process.env,
    onInterrupt: (handler) => {
      // The first Ctrl-C finishes the report with what is done; a second one means "stop now".
      let interrupted = false;
      const listener = (): void => {
        if (interrupted) process.exit(130);
        interrupted = true;
        process.stderr.write('maildns: interrupted; reporting what is done (Ctrl-C again to quit at once)\n');
        handler();
      };
      process.on('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
  };
}

let stoppingOnStdoutError = false;

/**
 * A reader that goes away (`maildns rules | head -1`) makes stdout's next write fail with EPIPE, which
 * Node raises as an unhandled 'error' event: a stack trace and exit 1, as if findings were found. The
 * report can no longer be delivered, so the run stops at once with exit 3 (could not complete) — and,
 * for a closed pipe, silently, as Unix tools stopped by SIGPIPE are. Any other write error (a full
 * disk) is said on stderr.
 */
function stopWhenStdoutFails(): void {
  if (stoppingOnStdoutError) return; // one handler, however many runs
  stoppingOnStdoutError = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`maildns: cannot write the report: ${error.code ?? error.message}\n`);
    process.exit(EXIT_INCOMPLETE);
  });
}

/** One promise per stream for every waiter, so a batch's many workers add one listener, not one each. */
const draining = new WeakMap<NodeJS.WritableStream, Promise<void>>();

export function drained(stream: NodeJS.WritableStream & { writableNeedDrain?: boolean }): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  let pending = draining.get(stream);
  if (!pending) {
    pending = new Promise<void>((resolve) => {
      // A stream that errors never drains: let the waiters go on (the write error surfaces elsewhere).
      const done = (): void => {
        stream.off('drain', done);
        stream.off('error', done);
        draining.delete(stream);
        resolve();
      };
      stream.once('drain', done);
      stream.once('error', done);
    });
    draining.set(stream, pending);
  }
  return pending;
}

/** An error in how maildns was called (flag, file, config): exit 2 with this message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A number flag's value (from the flag or the config) when it is whole and within [min, max];
 * otherwise a usage error with `problem`, which names the flag and what it takes.
 */
export function wholeNumberIn<T extends number | undefined>(value: T, min: number, max: number, problem: string): T {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) throw new UsageError(problem);
  return value;
}

/**
 * A text file's content by its byte order mark: UTF-16 (little- or big-endian) when it has one, as
 * Windows PowerShell 5's `>` and Notepad's "Unicode" write, else UTF-8 (a UTF-8 BOM is dropped).
 * Read as UTF-8, a UTF-16 file was one long line of NULs. Without a BOM, NULs still mean UTF-16 (or
 * not text at all): undefined, so the caller says so instead of reading garbage.
 */
export function decodeTextFile(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return undefined;
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/** The run could not complete (no nameserver, AWS unreachable): exit 3 with this message. */
export class IncompleteRunError extends Error {
  override name = 'IncompleteRunError';
}
