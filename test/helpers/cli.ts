// Runs the CLI in-process with captured output, as a user would see it.

import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { stdin?: string; tty?: boolean; env?: NodeJS.ProcessEnv; interrupt?: (fire: () => void) => void } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => options.stdin ?? '',
    stdoutIsTty: options.tty ?? false,
    stderrIsTty: options.tty ?? false,
    env: options.env ?? {},
    onInterrupt: (handler) => {
      options.interrupt?.(handler);
      return () => {};
    },
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
