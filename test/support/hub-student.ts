// One student of the JupyterHub load test (test/hub/jupyterhub.test.ts), run as its own process
// (node --experimental-websocket: Node 20's WebSocket): through the hub's proxy, reads each lesson
// of the student's copy, starts a "replearn" kernel, runs every code cell over the kernel websocket
// and reports times, per-cell outputs and the kernel's resident memory as one JSON line.
import { randomUUID } from 'crypto';
import { executeRequestContent } from '../../lib/jupyter/client/wire';

interface Args {
  base: string;
  user: string;
  token: string;
  notebooks: string[];
}
interface Message {
  channel: string;
  header: { msg_type: string; msg_id: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
}
/** What one lesson run produced. */
export interface LessonRun {
  notebook: string;
  ok: boolean;
  error?: string;
  cells: { status: string; outputs: number; text: string }[];
  firstOutputMs: number;
  totalMs: number;
  rssAfterImportMb: number;
  rssAtEndMb: number;
}

const args = JSON.parse(process.argv[2]) as Args;
const server = `${args.base}/user/${args.user}`;
const headers = { Authorization: `token ${args.token}`, 'Content-Type': 'application/json' };

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${server}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
  return r.status === 204 ? null : r.json();
}

async function runLesson(notebook: string): Promise<LessonRun> {
  const nb = (await api('GET', `/api/contents/${notebook}?content=1`)) as {
    content: { cells: { cell_type: string; source: string | string[] }[] };
  };
  const codes = nb.content.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
  // A session, as JupyterLab opens a notebook: its kernel works in the notebook's folder.
  const sessionInfo = (await api('POST', '/api/sessions', {
    path: notebook,
    type: 'notebook',
    name: notebook.split('/').pop(),
    kernel: { name: 'replearn' },
  })) as { id: string; kernel: { id: string } };
  const kernel = sessionInfo.kernel;
  const ws = new WebSocket(`${server.replace(/^http/, 'ws')}/api/kernels/${kernel.id}/channels?token=${args.token}`);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('websocket failed'));
  });
  const session = randomUUID();
  const waiting = new Map<string, (m: Message) => void>();
  ws.onmessage = (ev) => {
    const m = JSON.parse(String(ev.data)) as Message;
    const id = m.parent_header?.msg_id;
    if (id) waiting.get(id)?.(m);
  };
  /** Runs `code`; resolves on its reply and idle status with the outputs it produced. */
  const execute = (code: string, onOutput: () => void): Promise<{ status: string; outputs: Message[] }> =>
    new Promise((resolve) => {
      const msgId = randomUUID();
      const outputs: Message[] = [];
      let reply: string | null = null;
      let idle = false;
      const done = (): void => {
        if (reply !== null && idle) {
          waiting.delete(msgId);
          resolve({ status: reply, outputs });
        }
      };
      waiting.set(msgId, (m) => {
        const t = m.header.msg_type;
        if (['stream', 'display_data', 'execute_result', 'error'].includes(t)) {
          outputs.push(m);
          onOutput();
        } else if (t === 'execute_reply') {
          reply = String(m.content.status);
          done();
        } else if (t === 'status' && m.content.execution_state === 'idle') {
          idle = true;
          done();
        }
      });
      ws.send(
        JSON.stringify({
          channel: 'shell',
          header: {
            msg_id: msgId,
            msg_type: 'execute_request',
            session,
            username: args.user,
            version: '5.3',
            date: new Date().toISOString(),
          },
          parent_header: {},
          metadata: {},
          content: executeRequestContent(code),
          buffers: [],
        }),
      );
    });
  const rss = async (): Promise<number> => {
    const r = await execute('console.log(`rss=${process.memoryUsage().rss}`);', () => undefined);
    const text = r.outputs.map((m) => (typeof m.content.text === 'string' ? m.content.text : '')).join('');
    return Math.round(Number(/rss=(\d+)/.exec(text)?.[1] ?? NaN) / 2 ** 20);
  };
  const started = Date.now();
  let firstOutputMs = -1;
  const cells: LessonRun['cells'] = [];
  let rssAfterImportMb = NaN;
  let error: string | undefined;
  for (const [i, code] of codes.entries()) {
    const r = await execute(code, () => {
      if (firstOutputMs < 0) firstOutputMs = Date.now() - started;
    });
    const text = r.outputs
      .map((m) => (m.header.msg_type === 'stream' ? String(m.content.text) : m.header.msg_type))
      .join('')
      .slice(0, 2000);
    cells.push({ status: r.status, outputs: r.outputs.length, text });
    if (r.status !== 'ok') {
      const failed = r.outputs.filter((m) => m.header.msg_type === 'error');
      const said = failed.map(
        (m) =>
          `${String(m.content.ename)}: ${String(m.content.evalue)} ${JSON.stringify(m.content.traceback ?? []).slice(0, 500)}`,
      );
      error = `cell ${i + 1}: ${said.join(' ') || text}`;
      break;
    }
    if (i === 0) rssAfterImportMb = await rss();
  }
  const totalMs = Date.now() - started;
  const rssAtEndMb = await rss();
  ws.close();
  await api('DELETE', `/api/sessions/${sessionInfo.id}`);
  return {
    notebook,
    ok: !error && cells.length === codes.length,
    error,
    cells,
    firstOutputMs,
    totalMs,
    rssAfterImportMb,
    rssAtEndMb,
  };
}

async function main(): Promise<void> {
  const runs: LessonRun[] = [];
  for (const nb of args.notebooks) runs.push(await runLesson(nb));
  process.stdout.write(JSON.stringify({ user: args.user, runs }) + '\n');
}

main().catch((e: Error) => {
  process.stdout.write(JSON.stringify({ user: args.user, failure: e.message }) + '\n');
  process.exitCode = 1;
});
