import { strict as assert } from 'assert';
import * as path from 'path';
import { backendOf, formatLessons, timeKernelLatency, type LessonTiming } from '../../bench/lessons';
import type { NotebookRun } from '../../lib/jupyter/runner';
import { projectRoot } from '../../lib/project';

function runPrinting(text: string): NotebookRun {
  return {
    notebook: {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          source: '',
          metadata: {},
          outputs: [{ output_type: 'stream', name: 'stdout', text: `loading…\n${text}` }],
        },
      ],
    },
    ok: true,
    cellsRun: 1,
    codeCells: 1,
    startupMs: 1,
    durationMs: 2,
    cellTimesMs: new Map(),
  };
}

describe('bench/lessons', () => {
  it('reads the backend a lesson announced', () => {
    assert.equal(backendOf(runPrinting('replearn backend: tensorflow (first choice)\n')), 'tensorflow');
    assert.equal(
      backendOf(runPrinting('replearn backend: wasm, 2 threads (chosen by REPLEARN_BACKEND)\n')),
      'wasm, 2 threads',
    );
    assert.equal(backendOf(runPrinting('no backend line\n')), '?');
  });

  it('tables lesson times against the 5-minute goal and names the slowest', () => {
    const lessons: LessonTiming[] = [
      { notebook: '01-transfer', ok: true, seconds: 120.4, startupSeconds: 2, cells: 30, backend: 'tensorflow' },
      {
        notebook: '07-conv',
        ok: false,
        seconds: 310,
        startupSeconds: 2,
        cells: 12,
        backend: 'wasm',
        failure: 'cell 3: Error: x',
      },
    ];
    const text = formatLessons(lessons, [{ startupMs: 2000, firstCellMs: 5, importMs: 900 }]);
    assert.match(text, /kernel start-up 2000 ms, first cell 5 ms, import replearn \+ initBackend 900 ms/);
    assert.match(text, /07-conv\s+FAILED\s+wasm/);
    assert.match(text, /1\/2 ran through; total 430 s; slowest 07-conv 310 s/);
  });

  it('starts the replearn kernel and times a first cell and the library import', async function () {
    this.timeout(120000);
    const [probe] = await timeKernelLatency(path.join(projectRoot(), 'notebooks'), 1);
    assert.ok(probe.startupMs > 50 && probe.startupMs < 60000, `start-up ${probe.startupMs} ms`);
    assert.ok(probe.firstCellMs > 0 && probe.importMs > probe.firstCellMs, JSON.stringify(probe));
  });
});
