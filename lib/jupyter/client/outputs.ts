import { JsonObject, JupyterMessage, textField } from './wire';

/** MIME bundle of a rich output. */
export type MimeBundle = Record<string, unknown>;

/** nbformat v4 stream output. */
export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
}
/** nbformat v4 display_data output. */
export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: JsonObject;
}
/** nbformat v4 execute_result output. */
export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: JsonObject;
}
/** nbformat v4 error output. */
export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}
/** Any nbformat v4 code-cell output. */
export type NotebookOutput = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** A display_id update that targets an output of an earlier cell (the notebook runner applies it). */
export interface DisplayUpdate {
  displayId: string;
  data: MimeBundle;
  metadata: JsonObject;
}

/** Collects one execution's iopub messages into nbformat outputs, the way nbclient does. */
export interface OutputCollector {
  /** Feeds one iopub message that belongs to this execution. */
  add(msg: JupyterMessage): void;
  readonly outputs: NotebookOutput[];
  /** Updates whose display_id was not shown in this execution. */
  readonly foreignUpdates: DisplayUpdate[];
  /** This execution's rich outputs by display_id (later updates replace their data in place). */
  readonly displays: ReadonlyMap<string, (DisplayDataOutput | ExecuteResultOutput)[]>;
  /** True once output was dropped because of the size cap. */
  truncated(): boolean;
}

/** A collector that keeps at most `maxBytes` of output (streams and rich data counted by JSON size). */
export function createOutputCollector(maxBytes: number): OutputCollector {
  const outputs: NotebookOutput[] = [];
  const foreignUpdates: DisplayUpdate[] = [];
  const byDisplayId = new Map<string, (DisplayDataOutput | ExecuteResultOutput)[]>();
  let used = 0;
  let dropped = 0;
  let clearPending = false;

  const noteDropped = (bytes: number): void => {
    dropped += bytes;
  };
  const clear = (): void => {
    outputs.length = 0;
    byDisplayId.clear();
    used = 0;
    clearPending = false;
  };
  const appendStream = (name: 'stdout' | 'stderr', text: string): void => {
    if (clearPending) clear();
    const room = maxBytes - used;
    if (room <= 0) return noteDropped(text.length);
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept.length < text.length) noteDropped(text.length - kept.length);
    used += kept.length;
    const last = outputs[outputs.length - 1];
    // Consecutive writes to one stream form one output, as JupyterLab shows them.
    if (last?.output_type === 'stream' && last.name === name) last.text += kept;
    else outputs.push({ output_type: 'stream', name, text: kept });
  };
  const appendRich = (out: DisplayDataOutput | ExecuteResultOutput, displayId: string | undefined): void => {
    if (clearPending) clear();
    const size = JSON.stringify(out.data).length;
    if (used + size > maxBytes) return noteDropped(size);
    used += size;
    outputs.push(out);
    if (displayId) byDisplayId.set(displayId, [...(byDisplayId.get(displayId) ?? []), out]);
  };
  // Updates for displays of earlier cells are kept until applied: they count against the same cap, so
  // a flood of fresh display ids cannot grow without bound.
  const keepForeign = (update: DisplayUpdate): void => {
    const size = JSON.stringify(update.data).length + update.displayId.length;
    if (used + size > maxBytes) return noteDropped(size);
    used += size;
    foreignUpdates.push(update);
  };
  const updateDisplay = (displayId: string, data: MimeBundle, metadata: JsonObject): boolean => {
    const targets = byDisplayId.get(displayId);
    if (!targets) return false;
    const size = JSON.stringify(data).length;
    if (size > maxBytes) {
      noteDropped(size);
      return true;
    }
    for (const t of targets) {
      t.data = data;
      t.metadata = metadata;
    }
    return true;
  };

  return {
    outputs,
    foreignUpdates,
    displays: byDisplayId,
    truncated: () => dropped > 0,
    add(msg) {
      const c = msg.content;
      const displayId = transientDisplayId(c);
      switch (msg.header.msg_type) {
        case 'stream':
          appendStream(c.name === 'stderr' ? 'stderr' : 'stdout', textField(c.text));
          break;
        case 'display_data':
          // A repeated display_id refreshes the earlier outputs too (nbclient does the same).
          if (displayId && !updateDisplay(displayId, bundle(c.data), object(c.metadata))) {
            keepForeign({ displayId, data: bundle(c.data), metadata: object(c.metadata) });
          }
          appendRich({ output_type: 'display_data', data: bundle(c.data), metadata: object(c.metadata) }, displayId);
          break;
        case 'execute_result':
          appendRich(
            {
              output_type: 'execute_result',
              execution_count: typeof c.execution_count === 'number' ? c.execution_count : null,
              data: bundle(c.data),
              metadata: object(c.metadata),
            },
            displayId,
          );
          break;
        case 'update_display_data':
          if (displayId && !updateDisplay(displayId, bundle(c.data), object(c.metadata))) {
            keepForeign({ displayId, data: bundle(c.data), metadata: object(c.metadata) });
          }
          break;
        case 'error':
          if (clearPending) clear();
          outputs.push({
            output_type: 'error',
            ename: textField(c.ename, 'Error'),
            evalue: textField(c.evalue),
            traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [],
          });
          break;
        case 'clear_output':
          if (c.wait === true) clearPending = true;
          else clear();
          break;
        default:
          break; // status, execute_input, comm_*: not outputs
      }
    },
  };
}

/** Appends a note saying how much output the cap dropped (shown to the reader of the executed notebook). */
export function truncationNote(limitBytes: number): StreamOutput {
  return { output_type: 'stream', name: 'stderr', text: `\n[replearn: output truncated at ${limitBytes} bytes]\n` };
}

function transientDisplayId(content: JsonObject): string | undefined {
  const transient = content.transient;
  if (transient && typeof transient === 'object' && !Array.isArray(transient)) {
    const id = (transient as JsonObject).display_id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return undefined;
}

function bundle(value: unknown): MimeBundle {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as MimeBundle) } : {};
}

function object(value: unknown): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as JsonObject) } : {};
}
