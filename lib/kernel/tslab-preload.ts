// Loaded into a tslab kernel with `node --require` (the client adds it through NODE_OPTIONS).
//
// Why: tslab publishes iopub with zeromq.js's default socket options. There a send that finds the
// socket not writable goes asynchronous, and every further send throws EBUSY until it settles;
// console.log swallows that error. A cell that prints ~500 lines without yielding therefore loses
// the rest of its output and even its closing "idle" status (nbclient then waits for its iopub
// timeout). With sendTimeout 0 each send is queued at once; the high-water mark bounds the queue.
import type * as Zmq from 'zeromq';
import { installMissingDataCells } from './missing-data-cells';

/** iopub messages queued before the kernel drops output (a flood, not a lesson). */
export const IOPUB_HIGH_WATER_MARK = 100_000;
const PATCHED = Symbol.for('replearn.tslab-iopub-patched');

type PublisherOptions = ConstructorParameters<typeof Zmq.Publisher>[0];
type Patchable = {
  Publisher: typeof Zmq.Publisher;
  Router: typeof Zmq.Router;
  Reply: typeof Zmq.Reply;
  [PATCHED]?: boolean;
};

/** Makes every Publisher created from now on queue sends instead of failing them (idempotent). */
export function patchPublisher(module: Patchable = loadZeromq()): void {
  if (module[PATCHED]) return;
  const Base = module.Publisher;
  class QueueingPublisher extends Base {
    constructor(options?: PublisherOptions) {
      super({ sendTimeout: 0, sendHighWaterMark: IOPUB_HIGH_WATER_MARK, ...options });
    }
    override bind(address: string): Promise<void> {
      return super.bind(jupyterIpcAddress(address));
    }
  }
  class IpcRouter extends module.Router {
    override bind(address: string): Promise<void> {
      return super.bind(jupyterIpcAddress(address));
    }
  }
  class IpcReply extends module.Reply {
    override bind(address: string): Promise<void> {
      return super.bind(jupyterIpcAddress(address));
    }
  }
  module.Publisher = QueueingPublisher;
  module.Router = IpcRouter;
  module.Reply = IpcReply;
  module[PATCHED] = true;
}

/**
 * tslab binds "<transport>://<ip>:<port>"; for Unix sockets (ipc) Jupyter names them "<ip>-<port>",
 * which is what clients connect to. A sandboxed kernel has no network, so only ipc reaches it.
 */
export function jupyterIpcAddress(address: string): string {
  const ipc = /^ipc:\/\/(.*):(\d+)$/.exec(address);
  return ipc ? `ipc://${ipc[1]}-${ipc[2]}` : address;
}

// Loaded only inside a kernel: other node processes that inherit NODE_OPTIONS skip the native addon.
function loadZeromq(): Patchable {
  return require('zeromq') as Patchable;
}

/** True in a process started as a tslab kernel (NODE_OPTIONS reaches its child processes too). */
function isTslabKernel(): boolean {
  return process.argv.slice(1, 3).some((a) => /[\\/]tslab([\\/]|$)/.test(a)) && process.argv.includes('kernel');
}

if (isTslabKernel()) {
  patchPublisher();
  // A missing dataset skips the cells that need it instead of stopping the lesson (lib/kernel/missing-data-cells.ts).
  installMissingDataCells();
}
