import type { GraphAddon, GraphAttr, GraphHandle, GraphInput, GraphOutput } from './addon';

/** Builds one graph op by op, naming each op uniquely. */
export interface GraphBuilder {
  addon: GraphAddon;
  handle: GraphHandle;
  /** Adds an op; returns its first output (or output `index`). */
  op(type: string, inputs: GraphInput[], attrs?: GraphAttr[], name?: string, control?: string[]): GraphOutput;
  /** A float32 placeholder of `shape` (-1 for a free dimension). */
  placeholder(shape: number[], name?: string): GraphOutput;
  /** A float32 scalar, an int32 scalar (an axis) or an int32 vector constant. */
  scalar(value: number): GraphOutput;
  axis(value: number): GraphOutput;
  ints(values: number[]): GraphOutput;
}

/** A fresh graph. */
export function graphBuilder(addon: GraphAddon): GraphBuilder {
  const handle = addon.newGraph();
  let count = 0;
  const op: GraphBuilder['op'] = (type, inputs, attrs = [], name, control = []) => {
    const unique = `${name ?? type}_${count++}`;
    addon.addOperation(handle, type, unique, inputs, attrs, control);
    return [unique, 0];
  };
  return {
    addon,
    handle,
    op,
    placeholder: (shape, name) =>
      op(
        'Placeholder',
        [],
        [
          ['dtype', 'type', 'float32'],
          ['shape', 'shape', shape],
        ],
        name ?? 'input',
      ),
    scalar: (value) =>
      op(
        'Const',
        [],
        [
          ['dtype', 'type', 'float32'],
          ['value', 'tensor', { dtype: 'float32', shape: [], data: Float32Array.of(value) }],
        ],
        'scalar',
      ),
    axis: (value) =>
      op(
        'Const',
        [],
        [
          ['dtype', 'type', 'int32'],
          ['value', 'tensor', { dtype: 'int32', shape: [], data: Int32Array.of(value) }],
        ],
        'axis',
      ),
    ints: (values) =>
      op(
        'Const',
        [],
        [
          ['dtype', 'type', 'int32'],
          ['value', 'tensor', { dtype: 'int32', shape: [values.length], data: Int32Array.from(values) }],
        ],
        'ints',
      ),
  };
}
