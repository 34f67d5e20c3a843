// Entry point of the replearn kernel: `node main.js <connection file>` (the kernelspec's argv).
import * as fs from 'fs';
import { ConnectionInfo } from '../client/connection';
import { kernelLog } from './io';
import { startKernel } from './kernel';

/** Reads the connection file and runs the kernel until a shutdown_request; exits 0 then. */
export async function runKernel(connectionFile: string): Promise<void> {
  let info: ConnectionInfo;
  try {
    info = JSON.parse(fs.readFileSync(connectionFile, 'utf8')) as ConnectionInfo;
  } catch (e) {
    kernelLog(`cannot read the connection file ${connectionFile}: ${(e as Error).message}`);
    process.exit(2);
  }
  const kernel = await startKernel(info);
  await kernel.stopped;
  process.exit(0);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    kernelLog('usage: node main.js <connection file>');
    process.exit(64);
  }
  void runKernel(file).catch((e: NodeJS.ErrnoException) => {
    // The code (EADDRINUSE) tells the client to retry on other ports.
    kernelLog(`failed to start${e.code ? ` (${e.code})` : ''}: ${e.stack ?? e.message}`);
    process.exit(1);
  });
}
