import * as assert from 'assert';
import { createOutputCollector } from '../../lib/jupyter/client/outputs';
import { JsonObject, newMessage } from '../../lib/jupyter/client/wire';

const msg = (type: string, content: JsonObject) => newMessage(type, content, 's');

describe('kernel/outputs', () => {
  it('merges consecutive writes to one stream and keeps the order of streams and displays', () => {
    const c = createOutputCollector(1e6);
    c.add(msg('stream', { name: 'stdout', text: 'a\n' }));
    c.add(msg('stream', { name: 'stdout', text: 'b\n' }));
    c.add(msg('stream', { name: 'stderr', text: 'warn\n' }));
    c.add(msg('display_data', { data: { 'text/html': '<b>x</b>' }, metadata: {} }));
    c.add(msg('stream', { name: 'stdout', text: 'c\n' }));
    assert.deepStrictEqual(c.outputs, [
      { output_type: 'stream', name: 'stdout', text: 'a\nb\n' },
      { output_type: 'stream', name: 'stderr', text: 'warn\n' },
      { output_type: 'display_data', data: { 'text/html': '<b>x</b>' }, metadata: {} },
      { output_type: 'stream', name: 'stdout', text: 'c\n' },
    ]);
  });

  it('applies update_display_data by display_id in place, and hands on updates of earlier cells', () => {
    const c = createOutputCollector(1e6);
    c.add(msg('display_data', { data: { 'text/plain': 'epoch 1' }, metadata: {}, transient: { display_id: 'p' } }));
    c.add(msg('stream', { name: 'stdout', text: 'between\n' }));
    c.add(
      msg('update_display_data', { data: { 'text/plain': 'epoch 2' }, metadata: {}, transient: { display_id: 'p' } }),
    );
    c.add(
      msg('update_display_data', { data: { 'text/plain': 'other' }, metadata: {}, transient: { display_id: 'old' } }),
    );
    assert.strictEqual(c.outputs.length, 2);
    assert.deepStrictEqual(c.outputs[0], {
      output_type: 'display_data',
      data: { 'text/plain': 'epoch 2' },
      metadata: {},
    });
    // A display_data with a display_id also refreshes earlier cells' outputs of that id (as in nbclient).
    assert.deepStrictEqual(
      c.foreignUpdates.map((u) => u.displayId),
      ['p', 'old'],
    );
    assert.deepStrictEqual(c.foreignUpdates[1], { displayId: 'old', data: { 'text/plain': 'other' }, metadata: {} });
    assert.strictEqual(c.displays.get('p')?.length, 1);
  });

  it('clear_output clears at once, or before the next output when wait is set', () => {
    const c = createOutputCollector(1e6);
    c.add(msg('stream', { name: 'stdout', text: 'old\n' }));
    c.add(msg('clear_output', { wait: true }));
    assert.strictEqual(c.outputs.length, 1);
    c.add(msg('stream', { name: 'stdout', text: 'new\n' }));
    assert.deepStrictEqual(c.outputs, [{ output_type: 'stream', name: 'stdout', text: 'new\n' }]);
    c.add(msg('clear_output', { wait: false }));
    assert.strictEqual(c.outputs.length, 0);
  });

  it('caps the captured output size and says so', () => {
    const c = createOutputCollector(100);
    for (let i = 0; i < 50; i++) c.add(msg('stream', { name: 'stdout', text: '0123456789\n' }));
    c.add(msg('display_data', { data: { 'text/plain': 'x'.repeat(500) }, metadata: {} }));
    assert.strictEqual(c.outputs.length, 1);
    assert.strictEqual((c.outputs[0] as { text: string }).text.length, 100);
    assert.ok(c.truncated());
  });

  it('keeps kernel error messages as nbformat error outputs', () => {
    const c = createOutputCollector(1e6);
    c.add(msg('error', { ename: 'ValueError', evalue: 'bad', traceback: ['t1'] }));
    assert.deepStrictEqual(c.outputs, [
      { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['t1'] },
    ]);
  });
});
