/**
 * Superposition of atomic densities (SAD): each distinct element gets a spin-restricted,
 * spherically averaged atomic SCF in its own basis functions (electrons of a partly filled
 * degenerate shell spread evenly over it, so the density is spherical), and the molecular guess
 * density is the block-diagonal sum of those atomic densities.
 */
import { BasisSet } from "../basis.js";
import { electronRepulsion } from "../integrals/eri.js";
import { oneElectronIntegrals } from "../integrals/one-electron.js";
import { eigh, matmul, orthogonalizer } from "../linalg.js";
import { Molecule } from "../molecule.js";
import { Diis } from "./diis.js";
import { addCoulombExchange } from "./fock.js";

/** Occupation numbers: 2 per orbital in order, the last partly filled degenerate group shared evenly. */
function occupations(eps: Float64Array, nel: number): Float64Array {
  const occ = new Float64Array(eps.length);
  let left = nel;
  let i = 0;
  while (left > 1e-12 && i < eps.length) {
    let j = i + 1;
    while (j < eps.length && Math.abs(eps[j]! - eps[i]!) < 1e-4) j++;
    const share = Math.min(2, left / (j - i));
    for (let k = i; k < j; k++) occ[k] = share;
    left -= share * (j - i);
    i = j;
  }
  return occ;
}

/** Spherically averaged atomic density (total, nbf x nbf) of one neutral atom in `basis`. */
function atomicDensity(symbol: string, basis: BasisSet): Float64Array {
  const atom = Molecule.fromGeometry([[symbol, 0, 0, 0]], { units: "bohr" });
  const bs = new BasisSet(atom, basis.data, { pure: basis.pure });
  const n = bs.nbf;
  const one = oneElectronIntegrals(bs, atom);
  const eri = electronRepulsion(bs);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) H[i] = one.kinetic[i]! + one.potential[i]!;
  const S = one.overlap;
  const { X, nmo: m } = orthogonalizer(S, n);
  const nel = atom.nElectrons;
  const D = new Float64Array(n * n);
  const F = new Float64Array(n * n);
  const diis = new Diis(6);
  const build = (Fm: Float64Array): void => {
    const fo = matmul(X, matmul(Fm, X, n, n, m), m, n, m, { transA: true });
    const { values, vectors } = eigh(fo, m);
    const C = matmul(X, vectors, n, m, m);
    const occ = occupations(values, nel);
    D.fill(0);
    for (let k = 0; k < m; k++) {
      const w = occ[k]!;
      if (w === 0) continue;
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) D[a * n + b]! += w * C[a * m + k]! * C[b * m + k]!;
    }
  };
  build(H);
  let last = 0;
  for (let it = 0; it < 50; it++) {
    F.set(H);
    addCoulombExchange(eri, D, n, 1, -0.5, F);
    let e = 0;
    for (let i = 0; i < n * n; i++) e += 0.5 * D[i]! * (H[i]! + F[i]!);
    // commutator F D S - S D F in the orthonormal basis as the DIIS error
    const FDS = matmul(matmul(F, D, n, n, n), S, n, n, n);
    const err = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) err[i * n + j] = FDS[i * n + j]! - FDS[j * n + i]!;
    if (it > 0 && Math.abs(e - last) < 1e-8) break;
    last = e;
    build(diis.extrapolate(F, matmul(X, matmul(err, X, n, n, m), m, n, m, { transA: true })));
  }
  return D;
}

/**
 * SAD guess density (total, nbf x nbf) for a molecule's basis set; atoms of one element share
 * one atomic calculation.
 * @example
 * const D0 = sadDensity(mol, new BasisSet(mol));
 */
export function sadDensity(molecule: Molecule, basis: BasisSet): Float64Array {
  const n = basis.nbf;
  const D = new Float64Array(n * n);
  const cache = new Map<string, Float64Array>();
  molecule.atoms.forEach((atom, ai) => {
    let d = cache.get(atom.symbol);
    if (d === undefined) {
      d = atomicDensity(atom.symbol, basis);
      cache.set(atom.symbol, d);
    }
    const first = basis.functionAtoms.indexOf(ai);
    if (first < 0) return;
    const size = Math.round(Math.sqrt(d.length));
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) D[(first + i) * n + first + j] = d[i * size + j]!;
  });
  return D;
}
