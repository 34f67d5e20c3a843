/** The fields of a tfjs layer's getConfig() that the direct-op and graph compilers read (all optional: per layer). */
export interface LayerConfig {
  activation?: string;
  useBias?: boolean;
  padding?: 'same' | 'valid';
  strides?: number | number[];
  poolSize?: number | number[];
  size?: number | number[];
  interpolation?: string;
  dataFormat?: string;
  dilationRate?: number | number[];
  rate?: number;
  kernelSize?: number | number[];
  targetShape?: number[];
}

/** A config's number-or-pair field as [height, width]: `fallback` for both when unset (tfjs serialises unset as null). */
export const pair = (v: number | number[] | undefined | null, fallback: number): [number, number] =>
  v === undefined || v === null ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0], v[1] ?? v[0]];
