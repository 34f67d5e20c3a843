import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';

/** A matrix whose COLUMNS span a subspace: an ml-matrix Matrix, rows of numbers, or a 2-D tensor-like. */
export type BasisLike = Matrix | number[][] | { arraySync(): unknown; shape: number[] };

/** The principal angles between two subspaces, smallest first. */
export interface PrincipalAngles {
  /** cos θ₁ ≥ cos θ₂ ≥ …: 1 means a shared direction, 0 an orthogonal one. */
  cosines: number[];
  /** The same angles in degrees. */
  degrees: number[];
}

function toMatrix(basis: BasisLike): Matrix {
  if (basis instanceof Matrix) return basis;
  if (Array.isArray(basis)) return new Matrix(basis);
  if (basis.shape.length !== 2) throw new Error(`principalAngles: a basis must be 2-D, got shape [${basis.shape}]`);
  return new Matrix(basis.arraySync() as number[][]);
}

/** An orthonormal basis of the column space of `a` (thin QR); a rank-deficient input is an error, not a silent angle. */
function orthonormalColumns(a: Matrix, which: string): Matrix {
  if (a.columns > a.rows) throw new Error(`principalAngles: ${which} has ${a.columns} columns in ${a.rows} dimensions`);
  const qr = new QrDecomposition(a);
  if (!qr.isFullRank()) throw new Error(`principalAngles: the columns of ${which} are linearly dependent`);
  return qr.orthogonalMatrix;
}

/** Principal angles between span(A) and span(B) (columns = spanning vectors, same row count), by Björck & Golub:
 * orthonormalise both with QR, then the singular values of Qaᵀ Qb are the cosines. */
export function principalAngles(a: BasisLike, b: BasisLike): PrincipalAngles {
  const ma = toMatrix(a);
  const mb = toMatrix(b);
  if (ma.rows !== mb.rows) throw new Error(`principalAngles: bases live in ${ma.rows} and ${mb.rows} dimensions`);
  const qa = orthonormalColumns(ma, 'A');
  const qb = orthonormalColumns(mb, 'B');
  const svd = new SingularValueDecomposition(qa.transpose().mmul(qb), {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const count = Math.min(ma.columns, mb.columns);
  // Rounding can push a cosine a hair above 1; clamp so acos stays real.
  const cosines = svd.diagonal
    .slice(0, count)
    .map((s) => Math.min(1, Math.max(0, s)))
    .sort((x, y) => y - x);
  return { cosines, degrees: cosines.map((c) => (Math.acos(c) * 180) / Math.PI) };
}
