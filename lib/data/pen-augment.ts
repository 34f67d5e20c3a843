import type { PenTrajectory } from './pen-features';

/** How strongly {@link augmentTrajectory} distorts a signature; each is the half-width of a uniform draw. */
export interface PenAugmentation {
  /** Independent stretch of x and y (default 0.1: ±10%). */
  scale?: number;
  /** Rotation in radians about the centre (default 0.1). */
  rotation?: number;
  /** Smooth change of the local writing speed, as a fraction of it (default 0.2); the duration stays. */
  timeWarp?: number;
  /** Noise on each point, as a fraction of the signature's RMS radius (default 0.01). */
  jitter?: number;
}

/**
 * A plausible other writing of the same signature: stretched, turned, locally sped up or slowed down and jittered by
 * amounts drawn from `random` (pass a seeded generator). Pen status and the number of points stay.
 */
export function augmentTrajectory(p: PenTrajectory, random: () => number, a: PenAugmentation = {}): PenTrajectory {
  const { scale = 0.1, rotation = 0.1, timeWarp = 0.2, jitter = 0.01 } = a;
  const draw = (w: number): number => (2 * random() - 1) * w;
  const n = p.x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += p.x[i] / n;
    my += p.y[i] / n;
  }
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((p.x[i] - mx) ** 2 + (p.y[i] - my) ** 2) / n;
  const noise = jitter * Math.sqrt(ss);
  const sx = 1 + draw(scale);
  const sy = 1 + draw(scale);
  const th = draw(rotation);
  const [c, s] = [Math.cos(th), Math.sin(th)];
  const out: PenTrajectory = { x: new Float64Array(n), y: new Float64Array(n), t: new Float64Array(n), down: p.down };
  // t → t + w·T/π·sin(πt/T) with |w| < 1 is monotone and keeps both ends: a slower start and faster end, or the reverse.
  const w = Math.min(0.9, Math.abs(draw(timeWarp))) * (random() < 0.5 ? -1 : 1);
  const t0 = p.t[0];
  const span = Math.max(p.t[n - 1] - t0, 1);
  for (let i = 0; i < n; i++) {
    const dx = (p.x[i] - mx) * sx;
    const dy = (p.y[i] - my) * sy;
    out.x[i] = mx + c * dx - s * dy + draw(noise);
    out.y[i] = my + s * dx + c * dy + draw(noise);
    const u = p.t[i] - t0;
    out.t[i] = t0 + u + ((w * span) / Math.PI) * Math.sin((Math.PI * u) / span);
  }
  return out;
}
