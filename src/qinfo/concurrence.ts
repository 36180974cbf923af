/**
 * Wootters' concurrence of a two-qubit state: C = max(0, l1 - l2 - l3 - l4), where l_i are the
 * decreasing square roots of the eigenvalues of rho rho~, rho~ = (Y x Y) conj(rho) (Y x Y).
 * They are computed as the eigenvalues of the Hermitian sqrt(sqrt(rho) rho~ sqrt(rho)), which
 * makes C differentiable through `spectral.ts` (sqrt at 0: subgradient 0).
 */
import { ShapeError } from "../errors.js";
import { fromData, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { densityBatch, unbatch } from "./density-tensor.js";
import { DENSITY_CHECK_OPTIONS, type DensityCheckOptions, type MatrixOrState } from "./matrix.js";
import { spectralScalar, sqrtm, zeroThreshold } from "./spectral.js";

/** Y x Y, real: the anti-diagonal (-1, 1, 1, -1). */
function yy(): Tensor {
  const m = new Float64Array(32);
  for (const [i, s] of [
    [0, -1],
    [1, 1],
    [2, 1],
    [3, -1],
  ] as const)
    m[2 * (i * 4 + 3 - i)] = s;
  return fromData(m, [4, 4], "complex128");
}

/**
 * The concurrence of a two-qubit density matrix or state, in [0, 1]; 1 for Bell states. A
 * differentiable 0-d tensor ([batch] for batched inputs).
 * @example
 * concurrence(State.bell()).item(); // 1
 */
export function concurrence(rho: MatrixOrState, options: DensityCheckOptions = {}): Tensor {
  checkArity(arguments.length, 2, "concurrence");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "concurrence");
  const { t, batch, dim } = densityBatch(rho, "rho", "concurrence", options.densityTol);
  if (dim !== 4)
    throw new ShapeError(`concurrence: rho must be a two-qubit (4x4) matrix, got ${dim}x${dim}`);
  const y = yy();
  const tilde = y.matmul(t.conj()).matmul(y);
  const s = sqrtm(t);
  const value = spectralScalar("concurrence", s.matmul(tilde).matmul(s), (mu) => {
    // ascending mu: C = sqrt(mu_3) - sqrt(mu_2) - sqrt(mu_1) - sqrt(mu_0), clipped at 0
    const zero = zeroThreshold(mu);
    const root = mu.map((m) => (m > zero ? Math.sqrt(m) : 0));
    const c = root[3]! - root[2]! - root[1]! - root[0]!;
    const grad = new Float64Array(4);
    if (c > 0)
      for (let i = 0; i < 4; i++) grad[i] = root[i]! > 0 ? (i === 3 ? 0.5 : -0.5) / root[i]! : 0;
    return { value: Math.max(0, c), grad };
  });
  return unbatch(value, batch);
}
