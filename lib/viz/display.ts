import * as crypto from 'crypto';
import * as path from 'path';

/** One output in several representations, keyed by MIME type (binary images base64-encoded). */
export type MimeBundle = Record<string, unknown>;

/** A display message as Jupyter's display_data / update_display_data carries it. */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** Set for outputs that are later updated in place. */
  displayId?: string;
  /** True to replace the output with this displayId instead of adding one. */
  update: boolean;
}

/** Where display messages go when set (tests install one to capture them). */
export type DisplaySink = (message: DisplayMessage) => void;

/** The writer tslab installs per executed cell (tslab/dist/jupyter.js `lastWriteDisplayData`). */
type TslabWriter = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient?: { display_id: string } },
  update: boolean,
) => void;

let customSink: DisplaySink | null = null;

/** Install a sink for every display (null restores the default: tslab when inside it, else text on stdout). */
export function setDisplaySink(sink: DisplaySink | null): void {
  customSink = sink;
}

/** Capture displays into an array until `restore()` is called; for tests. */
export function captureDisplays(): { messages: DisplayMessage[]; restore(): void } {
  const messages: DisplayMessage[] = [];
  const previous = customSink;
  customSink = (m) => messages.push(m);
  return {
    messages,
    restore: () => {
      customSink = previous;
    },
  };
}

/**
 * tslab's display writer when this process is a tslab kernel executing a cell, else null. It is looked up
 * among loaded modules, never loaded here: outside tslab, requiring it would start nothing useful.
 */
function tslabWriter(): TslabWriter | null {
  const suffix = path.join('tslab', 'dist', 'jupyter.js');
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.endsWith(suffix) || !mod) continue;
    const writer = (mod.exports as { lastWriteDisplayData?: TslabWriter | null }).lastWriteDisplayData;
    if (typeof writer === 'function') return writer;
  }
  return null;
}

/** True when displays reach a rich front end (a tslab kernel or an installed sink), not plain text on stdout. */
export function richDisplayAvailable(): boolean {
  return customSink !== null || tslabWriter() !== null;
}

/** A fresh id for an output that will be updated in place. */
export function newDisplayId(): string {
  return crypto.randomBytes(8).toString('hex');
}

/**
 * Show one output holding every representation in `data` (the front end picks the richest it renders).
 * Goes to the installed sink, else to tslab's writer as one display_data message, else text/plain to stdout.
 */
export function displayBundle(
  data: MimeBundle,
  options: { metadata?: Record<string, unknown>; displayId?: string; update?: boolean } = {},
): void {
  const message: DisplayMessage = {
    data,
    metadata: options.metadata ?? {},
    displayId: options.displayId,
    update: options.update ?? false,
  };
  if (customSink) {
    customSink(message);
    return;
  }
  const writer = tslabWriter();
  if (writer) {
    writer(
      {
        data,
        metadata: message.metadata,
        ...(message.displayId ? { transient: { display_id: message.displayId } } : {}),
      },
      message.update,
    );
    return;
  }
  const text = typeof data['text/plain'] === 'string' ? data['text/plain'] : `[${Object.keys(data).join(', ')}]`;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
