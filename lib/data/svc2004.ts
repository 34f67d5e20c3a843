import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { findDataFile } from './fetching/data-dirs';
import { withDataset } from './fetching/first-use';
import { PEN_FEATURE_NAMES, PenTrajectory, cleanTimes, penFeatures } from './pen-features';

/** Signatures per user in SVC2004: samples 1–20 genuine, 21–40 skilled forgeries of that user's signature. */
export const SVC2004_SAMPLES = 40;
/** Users (signature sets) in the public SVC2004 sample data of each task. */
export const SVC2004_USERS = 40;

/** One SVC2004 file as integers: x, y, time stamp (ms), button status, and for Task 2 azimuth, altitude, pressure. */
export interface Svc2004Record {
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
  /** Raw button status: 0 pen up, 1 pen down, and the undocumented 2–5 that occur inside pen-down strokes. */
  button: Int32Array;
  azimuth?: Float64Array;
  altitude?: Float64Array;
  pressure?: Float64Array;
}

/** Parse one SVC2004 text file (line 1: point count; then one point per line; LF or CRLF). */
export function parseSvc2004(text: string, source = 'SVC2004 file'): Svc2004Record {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const count = Number(lines[0]);
  if (!Number.isInteger(count) || count !== lines.length - 1) {
    throw new Error(`${source}: line 1 says ${lines[0]} points but ${lines.length - 1} rows follow`);
  }
  const rows = lines.slice(1).map((l) => l.trim().split(' ').map(Number));
  const width = rows[0]?.length ?? 0;
  if (width !== 4 && width !== 7) throw new Error(`${source}: expected 4 (Task 1) or 7 (Task 2) columns, got ${width}`);
  const column = (c: number): Float64Array =>
    Float64Array.from(rows, (r) => {
      if (r.length !== width || !Number.isFinite(r[c])) throw new Error(`${source}: malformed row "${r.join(' ')}"`);
      return r[c];
    });
  const rec: Svc2004Record = { x: column(0), y: column(1), t: column(2), button: Int32Array.from(column(3)) };
  if (width === 7) {
    rec.azimuth = column(4);
    rec.altitude = column(5);
    rec.pressure = column(6);
  }
  return rec;
}

/** The pen trajectory of a record; every nonzero button status counts as pen down (2–5 occur mid-stroke). */
export function svc2004Trajectory(rec: Svc2004Record): PenTrajectory {
  return { x: rec.x, y: rec.y, t: rec.t, down: Uint8Array.from(rec.button, (b) => (b !== 0 ? 1 : 0)) };
}

/** Signatures as fixed-size feature sequences, with who wrote them and whether they are genuine. */
export interface SignatureSet {
  /** [N, steps, 8] float32, channels {@link PEN_FEATURE_NAMES}, not yet standardised. */
  features: tf.Tensor3D;
  /** The user (signature set) 1..40 whose signature each sample is, genuine or forged. */
  users: Int32Array;
  /** Sample number 1..40 within the user. */
  samples: Int32Array;
  /** 1 for samples 1–20 (genuine), 0 for 21–40 (skilled forgeries). */
  genuine: Uint8Array;
  featureNames: string[];
  /** How long each signature took to write, ms (first to last point, time stamps cleaned). */
  durations: Float64Array;
}

/** Options of {@link loadSvc2004}. */
export interface Svc2004Options {
  /** 1: x, y, time, pen status (default); 2: the other recordings, which add pen angles and pressure (unused here). */
  task?: 1 | 2;
  /** Users to read, 1..40 (default all). */
  users?: number[];
  /** Time steps each signature is resampled to (default 200, as in Bromley et al. 1994). */
  steps?: number;
}

/** Where the files of one task are: the data directory's svc2004/task<k>/ (throws a one-line message if absent). */
export function svc2004Dir(task: 1 | 2 = 1): string {
  return path.dirname(findDataFile('svc2004', `task${task}/U1S1.TXT`));
}

/** Raw signatures with who wrote them: what {@link loadSvc2004} turns into features (and augmentation starts from). */
export interface Svc2004Trajectories {
  trajectories: PenTrajectory[];
  users: Int32Array;
  samples: Int32Array;
  genuine: Uint8Array;
}

/** Read the pen trajectories of all 40 samples of each chosen user of one task (dataset "svc2004", downloaded on
 * first use). */
export async function readSvc2004(options: Omit<Svc2004Options, 'steps'> = {}): Promise<Svc2004Trajectories> {
  return withDataset('svc2004', () => readTrajectories(options));
}

async function readTrajectories(options: Omit<Svc2004Options, 'steps'>): Promise<Svc2004Trajectories> {
  const { task = 1 } = options;
  const users = options.users ?? Array.from({ length: SVC2004_USERS }, (_, i) => i + 1);
  const dir = svc2004Dir(task);
  const n = users.length * SVC2004_SAMPLES;
  const out = { trajectories: [] as PenTrajectory[], users: new Int32Array(n), samples: new Int32Array(n) };
  const genuine = new Uint8Array(n);
  let k = 0;
  for (const u of users) {
    if (!Number.isInteger(u) || u < 1 || u > SVC2004_USERS)
      throw new Error(`loadSvc2004: user ${u} is not in 1..${SVC2004_USERS}`);
    for (let s = 1; s <= SVC2004_SAMPLES; s++, k++) {
      const file = path.join(dir, `U${u}S${s}.TXT`);
      out.trajectories.push(svc2004Trajectory(parseSvc2004(await fs.promises.readFile(file, 'ascii'), file)));
      out.users[k] = u;
      out.samples[k] = s;
      genuine[k] = s <= 20 ? 1 : 0;
    }
  }
  return { ...out, genuine };
}

/** Trajectories as a {@link SignatureSet}: every one resampled to `steps` steps of the 8 pen features. */
export function signatureSet(t: Svc2004Trajectories, steps = 200): SignatureSet {
  const c = PEN_FEATURE_NAMES.length;
  const n = t.trajectories.length;
  const data = new Float32Array(n * steps * c);
  t.trajectories.forEach((p, k) => data.set(penFeatures(p, steps), k * steps * c));
  return {
    features: tf.tensor3d(data, [n, steps, c]),
    users: t.users,
    samples: t.samples,
    genuine: t.genuine,
    featureNames: [...PEN_FEATURE_NAMES],
    durations: Float64Array.from(t.trajectories, (p) => cleanTimes(p.t)[p.t.length - 1]),
  };
}

/** Read SVC2004 signatures (all 40 samples of each chosen user) as 8-feature sequences of `steps` time steps. */
export async function loadSvc2004(options: Svc2004Options = {}): Promise<SignatureSet> {
  return signatureSet(await readSvc2004(options), options.steps ?? 200);
}
