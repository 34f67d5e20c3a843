import * as assert from 'assert';
import {
  captureDisplays,
  displayBundle,
  richDisplayAvailable,
  setDisplaySink,
  type DisplayMessage,
} from '../../lib/viz/display';
import { showMarkdown } from '../../lib/viz/markdown';

describe('viz/display', () => {
  it('outside tslab without a sink, writes text/plain to stdout', () => {
    assert.strictEqual(richDisplayAvailable(), false);
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => {
      written.push(String(chunk));
      return true;
    };
    try {
      displayBundle({ 'text/html': '<b>x</b>', 'text/plain': 'plain x' });
      displayBundle({ 'image/png': 'AAAA' });
    } finally {
      process.stdout.write = original;
    }
    assert.deepStrictEqual(written, ['plain x\n', '[image/png]\n']);
  });

  it('a capture sink receives whole bundles with metadata and display ids, and restores', () => {
    const cap = captureDisplays();
    try {
      assert.strictEqual(richDisplayAvailable(), true);
      displayBundle({ 'text/plain': 'a' }, { displayId: 'id1', metadata: { x: 1 } });
      displayBundle({ 'text/plain': 'b' }, { displayId: 'id1', update: true });
      showMarkdown('# Title');
    } finally {
      cap.restore();
    }
    assert.deepStrictEqual(
      cap.messages.map((m) => [m.displayId, m.update]),
      [
        ['id1', false],
        ['id1', true],
        [undefined, false],
      ],
    );
    assert.deepStrictEqual(cap.messages[0].metadata, { x: 1 });
    assert.deepStrictEqual(cap.messages[2].data, { 'text/markdown': '# Title', 'text/plain': '# Title' });
    assert.strictEqual(richDisplayAvailable(), false);
    const got: DisplayMessage[] = [];
    setDisplaySink((m) => got.push(m));
    displayBundle({ 'text/plain': 'c' });
    setDisplaySink(null);
    assert.strictEqual(got.length, 1);
  });
});
