import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../project';

/** An op output as the addon names it: [operation name, output index]. */
export type GraphOutput = [string, number];

/** An attribute of an op: [name, kind, value]. */
export type GraphAttr =
  | [string, 'type', 'float32' | 'int32']
  | [string, 'shape', number[] | null]
  | [string, 'int' | 'float', number]
  | [string, 'ints', number[]]
  | [string, 'bool', boolean]
  | [string, 'string', string]
  | [string, 'tensor', { dtype: 'float32' | 'int32'; shape: number[]; data: Float32Array | Int32Array }];

/** An op input: one output, or a list of them for a list input (ConcatV2's values). */
export type GraphInput = GraphOutput | GraphOutput[];

/** A float32 feed: where, the values, their shape. */
export type GraphFeed = [GraphOutput, Float32Array, number[]];

/** Opaque handle of one graph and its session. */
export interface GraphHandle {
  readonly __graph: unique symbol;
}

/** The functions of native/graph/graph.cc. */
export interface GraphAddon {
  newGraph(): GraphHandle;
  addOperation(
    graph: GraphHandle,
    type: string,
    name: string,
    inputs: GraphInput[],
    attrs: GraphAttr[],
    controlInputs: string[],
  ): number;
  addGradients(graph: GraphHandle, ys: GraphOutput[], xs: GraphOutput[], prefix: string): GraphOutput[];
  openSession(graph: GraphHandle, intraOpThreads: number, interOpThreads: number): void;
  run(graph: GraphHandle, feeds: GraphFeed[], fetches: GraphOutput[], targets: string[]): Float32Array[];
  closeSession(graph: GraphHandle): void;
}

/** Where `npm install` builds the addon. */
export function addonPath(): string {
  return path.join(projectRoot(), 'native/graph/build/Release/replearn_graph.node');
}

let loaded: { addon: GraphAddon | null; reason: string } | null = null;

/** The addon, or null with the reason it cannot be used (not built, or it does not load). */
export function loadGraphAddon(): { addon: GraphAddon | null; reason: string } {
  if (loaded) return loaded;
  const file = addonPath();
  if (!fs.existsSync(file)) {
    loaded = { addon: null, reason: 'the graph addon is not built (npm install builds it with the native backend)' };
  } else {
    try {
      loaded = { addon: require(file) as GraphAddon, reason: '' };
    } catch (err) {
      loaded = { addon: null, reason: `the graph addon does not load: ${(err as Error).message.split('\n')[0]}` };
    }
  }
  return loaded;
}
