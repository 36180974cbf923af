/**
 * A party's circuit on its own qubits of a larger density matrix: rho is cut into the blocks
 * <r| rho |r'> over the other qubits' values r, r' (a batch of 4^(n-k) k-qubit "density
 * matrices"; the blocks off the diagonal are not states, but a circuit acts linearly on each
 * block as U X U^dagger), run as one batched density-matrix forward pass, and put back. The
 * result is (U (x) I) rho (U (x) I)^dagger, differentiable in the circuit's parameters and in rho
 * (through the density-matrix reverse sweep).
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import type { Circuit } from "../../quantum/circuit/circuit.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { densityFromTensor } from "../../quantum/density/states.js";
import { checkQubitIndices } from "../../quantum/gates/apply.js";
import { checkArity } from "../../validate.js";
import { blockMap, gatherEntries, otherQubits } from "./entries.js";

/**
 * Applies `circuit` (on `qubits.length` qubits, its qubit i on `qubits[i]`) to rho (batch 1).
 * @example
 * const c = new Circuit(1);
 * c.x(0);
 * applyOnQubits(DensityMatrix.zero(2), c, [1]).probabilities(); // [0, 1, 0, 0]
 */
export function applyOnQubits(
  rho: DensityMatrix,
  circuit: Circuit,
  qubits: readonly number[],
): DensityMatrix {
  checkArity(arguments.length, 3, "applyOnQubits");
  if (!(rho instanceof DensityMatrix))
    throw new ArgumentError(`applyOnQubits: rho must be a DensityMatrix, got ${describe(rho)}`);
  if (rho.batch !== 1)
    throw new ShapeError(`applyOnQubits: rho has batch ${rho.batch}, expected 1`);
  const n = rho.nQubits;
  checkQubitIndices(qubits, n, "applyOnQubits: qubits");
  if (typeof circuit?.forward !== "function" || circuit.nQubits !== qubits.length)
    throw new ArgumentError(
      `applyOnQubits: expected a Circuit on ${qubits.length} qubits, got ${describe(circuit)}`,
    );
  const dk = 2 ** qubits.length;
  const dr = 2 ** (n - qubits.length);
  const { map, back } = blockLayout(qubits, n);
  const blocks = densityFromTensor(gatherEntries(rho, map, [dr * dr, dk, dk]), {
    backend: rho.backend,
  });
  const evolved = circuit.forward(blocks).toTensor();
  return densityFromTensor(gatherEntries(evolved, back, [rho.dim, rho.dim]), {
    backend: rho.backend,
  });
}

/** Block layouts by register size and qubit list (a training loop asks for the same ones). */
const layouts = new Map<string, { map: number[]; back: number[] }>();

/** The block index map of `qubits` and its inverse (the layout is a permutation of rho's entries). */
function blockLayout(qubits: readonly number[], n: number): { map: number[]; back: number[] } {
  const key = `${n}:${qubits.join(",")}`;
  let layout = layouts.get(key);
  if (layout === undefined) {
    const map = blockMap(qubits, otherQubits(qubits, n), n);
    const back = new Array<number>(map.length);
    map.forEach((src, k) => {
      back[src] = k;
    });
    layout = { map, back };
    if (layouts.size > 64) layouts.clear(); // a bound, not an LRU: layouts are cheap to rebuild
    layouts.set(key, layout);
  }
  return layout;
}
