/**
 * Uhlmann state fidelity. Two conventions are in use and both are offered:
 *
 * - `"root"` (the default, Nielsen & Chuang's and Paddle Quantum's `state_fidelity`):
 *   F(rho, sigma) = tr sqrt( sqrt(rho) sigma sqrt(rho) ); for pure states |<psi|phi>|.
 * - `"squared"` (Jozsa's, Qiskit's `state_fidelity`): F^2; for pure states |<psi|phi>|^2.
 *
 * The Fuchs-van de Graaf inequalities read 1 - F_root <= T <= sqrt(1 - F_root^2).
 */
import { ArgumentError, describe } from "../errors.js";
import { matmul } from "../quantum/linalg.js";
import { State } from "../quantum/state/state.js";
import {
  eigvalsHermitian,
  type MatrixOrState,
  sameDim,
  sqrtPsd,
  stateVector,
  toMatrix,
} from "./matrix.js";

/** Which fidelity convention: `"root"` = tr sqrt(...) (default), `"squared"` = its square. */
export type FidelityConvention = "root" | "squared";

/** Options of `stateFidelity`. */
export interface FidelityOptions {
  /** Default `"root"`. */
  convention?: FidelityConvention;
}

/**
 * The Uhlmann fidelity of two states (density matrices, `State`s or a mix), by default in the
 * root convention tr sqrt(sqrt(rho) sigma sqrt(rho)); `{ convention: "squared" }` returns its square.
 * @example
 * stateFidelity(State.bell(), State.bell()); // 1
 * stateFidelity(rho, sigma, { convention: "squared" });
 */
export function stateFidelity(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  options: FidelityOptions = {},
): number {
  const convention = options.convention ?? "root";
  if (convention !== "root" && convention !== "squared") {
    throw new ArgumentError(
      `stateFidelity: convention must be "root" or "squared", got ${describe(convention)}`,
    );
  }
  let f: number;
  if (rho instanceof State && sigma instanceof State) {
    // Pure states: |<psi|phi>|, no matrix square roots.
    const a = stateVector(rho, "rho");
    const b = stateVector(sigma, "sigma");
    if (a.length !== b.length) {
      throw new ArgumentError(
        `stateFidelity: sigma has ${sigma.nQubits} qubits, rho has ${rho.nQubits}`,
      );
    }
    let re = 0;
    let im = 0;
    for (let i = 0; i < a.length; i += 2) {
      re += a[i]! * b[i]! + a[i + 1]! * b[i + 1]!;
      im += a[i]! * b[i + 1]! - a[i + 1]! * b[i]!;
    }
    f = Math.hypot(re, im);
  } else {
    const a = toMatrix(rho, "rho");
    const b = toMatrix(sigma, "sigma");
    sameDim(a, b, "rho", "sigma");
    const s = sqrtPsd(a.data);
    f = 0;
    for (const v of eigvalsHermitian(matmul(matmul(s, b.data), s))) f += Math.sqrt(Math.max(0, v));
  }
  // Rounding can push the fidelity of (nearly) equal states a hair above 1; snap it back so
  // 1 - F^2 stays non-negative. Larger values (unnormalized inputs) are left as they are.
  if (f > 1 && f < 1 + 1e-9) f = 1;
  return convention === "root" ? f : f * f;
}
