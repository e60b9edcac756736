// Runs program.ts in a child process with tsx, so the real SDK's globals stay out of the caller.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PROGRAM = fileURLToPath(new URL('./program.ts', import.meta.url));
export const SAMPLE_MODULES = [
  SAMPLE_PROGRAM,
  fileURLToPath(new URL('./orders.ts', import.meta.url)),
  fileURLToPath(new URL('./payments.ts', import.meta.url)),
];

export function runSdkSample(dsn: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SAMPLE_PROGRAM, dsn], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`sdk sample exited with ${code ?? signal}:\n${output}`));
    });
  });
}
