import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** The contents of a Jupyter connection file. */
export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name: string;
}

/** A connection file on disk and the folder that holds it (removed by `removeConnectionFile`). */
export interface ConnectionFile {
  info: ConnectionInfo;
  file: string;
  dir: string;
}

const LOOPBACK = '127.0.0.1';

/** `count` distinct free TCP ports on the loopback interface (all held open together, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, LOOPBACK, () => resolve());
      });
      ports.push((server.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Connection info on fresh loopback ports with a random HMAC-SHA256 key. */
export async function newConnectionInfo(kernelName: string): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  return {
    transport: 'tcp',
    ip: LOOPBACK,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
}

/**
 * Connection info on Unix sockets in `dir` (Jupyter's ipc transport: <ip>-<port> are socket paths),
 * for a kernel in its own network namespace, which no TCP port of ours can reach.
 */
export function newIpcConnectionInfo(kernelName: string, dir: string): ConnectionInfo {
  return {
    transport: 'ipc',
    ip: path.join(dir, 'kernel'),
    shell_port: 1,
    iopub_port: 2,
    stdin_port: 3,
    control_port: 4,
    hb_port: 5,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
}

/**
 * Writes `info` to a private temporary folder, or into `inDir` (mode 0600: the key lets anyone run
 * code in the kernel).
 */
export function writeConnectionFile(info: ConnectionInfo, inDir?: string): ConnectionFile {
  const dir = inDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-kernel-'));
  const file = path.join(dir, 'connection.json');
  fs.writeFileSync(file, JSON.stringify(info, null, 1), { mode: 0o600 });
  return { info, file, dir };
}

/** Deletes the connection file's folder (only the file, when the caller owns the folder); missing is fine. */
export function removeConnectionFile(conn: ConnectionFile, ownsFolder = true): void {
  fs.rmSync(ownsFolder ? conn.dir : conn.file, { recursive: true, force: true });
}

/** The zeromq address of one channel (ipc: Jupyter's "<ip>-<port>" socket path). */
export function channelAddress(info: ConnectionInfo, port: number): string {
  return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`;
}
