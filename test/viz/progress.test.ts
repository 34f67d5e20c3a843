import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { captureDisplays } from '../../lib/viz/display';
import { createProgress, progressLine, trainingProgress } from '../../lib/viz/progress';

describe('viz/progress', () => {
  it('progressLine shows percent, stage, metrics, elapsed and ETA', () => {
    const line = progressLine({
      label: 'fit',
      done: 25,
      total: 100,
      stage: 'epoch 1/4',
      metrics: { loss: 0.123456 },
      elapsedMs: 10_000,
      finished: false,
    });
    assert.strictEqual(line, 'fit · 25% · epoch 1/4 · loss 0.1235 · 10 s elapsed · ETA 30 s');
    assert.strictEqual(
      progressLine({ label: 'fit', done: 100, total: 100, metrics: {}, elapsedMs: 95_000, finished: true }),
      'fit · 100% · done in 1:35 min',
    );
  });

  it('createProgress updates one output in place and throttles to ≤ 4 draws a second', () => {
    const cap = captureDisplays();
    try {
      const p = createProgress({ total: 1000, label: 'loop' });
      for (let i = 1; i <= 1000; i++) p.update(i, { loss: 1 / i });
      p.finish();
    } finally {
      cap.restore();
    }
    const ids = new Set(cap.messages.map((m) => m.displayId));
    assert.strictEqual(ids.size, 1);
    assert.deepStrictEqual(cap.messages.map((m) => m.update).slice(0, 2), [false, true]);
    assert.ok(cap.messages.length <= 4, `${cap.messages.length} draws for a loop of a few ms`);
    const last = cap.messages[cap.messages.length - 1].data;
    assert.match(String(last['text/plain']), /^loop · 100% · loss 0\.001 · done in/);
    assert.match(String(last['text/html']), /width:100\.0%/);
  });

  it('trainingProgress: live bar during model.fit, then the loss curve chart; tensors flat', async () => {
    await tf.setBackend('cpu');
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 1, kernelInitializer: 'zeros' })],
    });
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const x = tf.randomUniform([64, 4], 0, 1, 'float32', 1);
    const y = x.sum(1, true);
    const cap = captureDisplays();
    let before: number;
    try {
      await model.fit(x, y, { epochs: 2, batchSize: 16, callbacks: trainingProgress({ epochs: 2, title: 'tiny' }) });
      before = tf.memory().numTensors;
      await model.fit(x, y, { epochs: 2, batchSize: 16, callbacks: trainingProgress({ epochs: 2, title: 'tiny' }) });
    } finally {
      cap.restore();
    }
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([x, y]);
    model.dispose();
    const firstRun = cap.messages.slice(
      0,
      cap.messages.findIndex((m) => 'application/vnd.vegalite.v5+json' in m.data) + 1,
    );
    const bars = firstRun.filter((m) => 'text/html' in m.data);
    assert.strictEqual(new Set(bars.map((m) => m.displayId)).size, 1, 'the bar is one output');
    assert.ok(bars.slice(1).every((m) => m.update) && !bars[0].update);
    assert.match(
      String(bars[bars.length - 1].data['text/plain']),
      /^tiny · 100% · epoch 2\/2 · batch 4\/4 · loss [\d.]+ · done in/,
    );
    const chart = firstRun[firstRun.length - 1];
    const spec = chart.data['application/vnd.vegalite.v5+json'] as {
      data: { values: { series: string; epoch: number }[] };
    };
    assert.ok('image/svg+xml' in chart.data);
    const series = spec.data.values.map((v) => v.series);
    assert.deepStrictEqual(
      [series.filter((s) => s === 'batch loss').length, series.filter((s) => s === 'epoch loss').length],
      [8, 2],
    );
    assert.deepStrictEqual(
      spec.data.values.filter((v) => v.series === 'batch loss').map((v) => v.epoch),
      [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
    );
  });
});
