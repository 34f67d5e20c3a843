import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chartSpec, formatTable, toRows, writeResults } from '../../bench/report';
import type { StepTiming } from '../../bench/tfjs-run';
import { loadWorkloads, stepsPerEpoch } from '../../bench/workloads';

describe('bench/report', () => {
  const workloads = loadWorkloads();
  const timings: StepTiming[] = [
    { engine: 'pytorch 1.13 (1 thread)', workload: 'dense-ae', msPerStep: 10, cpuMsPerStep: 8, steps: 3 },
    { engine: 'tfjs wasm', workload: 'dense-ae', msPerStep: 25, cpuMsPerStep: 20, steps: 3 },
    { engine: 'tfjs wasm', workload: 'conv-ae', msPerStep: 100, cpuMsPerStep: 90, steps: 3 },
  ];

  it('reads the workloads shared with the Python twins', () => {
    for (const name of ['dense-ae', 'deep-ae', 'conv-ae', 'siamese-contrastive', 'triplet', 'text-ae'])
      assert.ok(workloads[name], name);
    assert.equal(stepsPerEpoch(workloads['dense-ae']), Math.ceil(10000 / 256));
  });

  it('turns step times into epochs, examples/s and ratios to PyTorch', () => {
    const rows = toRows(timings, workloads);
    const wasm = rows.find((r) => r.engine === 'tfjs wasm' && r.workload === 'dense-ae');
    assert.ok(wasm);
    assert.equal(wasm.msPerEpoch, 25 * 40);
    assert.equal(wasm.examplesPerSecond, (256 * 1000) / 25);
    assert.equal(wasm.vsPytorch, 2.5);
    assert.equal(wasm.cpuVsPytorch, 2.5);
    assert.equal(rows.find((r) => r.workload === 'conv-ae')?.vsPytorch, null, 'no PyTorch run: no ratio');
    const table = formatTable(rows);
    assert.match(table, /dense-ae\s+tfjs wasm\s+1000\s+800\s+10240\s+2\.50×\s+2\.50×/);
  });

  it('writes the results and a vega-lite chart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-bench-'));
    const rows = toRows(timings, workloads);
    const files = writeResults(dir, {
      machine: {
        cpu: 'x',
        cores: 2,
        loadAverageStart: [0],
        loadAverageEnd: [0],
        node: 'v20',
        date: '2026-01-01T00:00:00.000Z',
      },
      rows,
      skipped: { keras: 'absent' },
    });
    const saved = JSON.parse(fs.readFileSync(files[1], 'utf8')) as { rows: unknown[]; skipped: Record<string, string> };
    assert.equal(saved.rows.length, 3);
    assert.equal(saved.skipped.keras, 'absent');
    const spec = JSON.parse(fs.readFileSync(files[2], 'utf8')) as ReturnType<typeof chartSpec>;
    assert.match(String(spec.$schema), /vega-lite\/v5/);
    assert.equal((spec.data as { values: unknown[] }).values.length, 3);
    fs.rmSync(dir, { recursive: true });
  });
});
