/**
 * Lindh's model Hessian (Lindh, Bernhardsson, Karlström, Malmqvist, Chem. Phys. Lett. 241, 423
 * (1995)) in Cartesian coordinates: force constants of every stretch, bend and torsion, damped by
 * ρ_ij = exp(α_ij (r_ref,ij^2 - r_ij^2)) so bonded atoms dominate, put together as Σ k b b^T over
 * the internal coordinates' Wilson B rows. The optimizer starts BFGS from it: it knows that
 * bonds are stiff and angles soft, which a multiple of the identity does not.
 */
import type { Molecule } from "../molecule.js";

/** α_ij (Bohr^-2) and r_ref,ij (Bohr) by periodic-table row (H-He, Li-Ne, Na and beyond). */
const ALPHA = [
  [1.0, 0.3949, 0.3949],
  [0.3949, 0.28, 0.28],
  [0.3949, 0.28, 0.28],
];
const R_REF = [
  [1.35, 2.1, 2.53],
  [2.1, 2.87, 3.4],
  [2.53, 3.4, 3.4],
];
const K_STRETCH = 0.45;
const K_BEND = 0.15;
const K_TORSION = 0.005;
/** ρ products below this add nothing worth the work. */
const NEGLIGIBLE = 1e-8;

function row(Z: number): number {
  return Z <= 2 ? 0 : Z <= 10 ? 1 : 2;
}

/**
 * The model Hessian (3N x 3N, row-major, Hartree/Bohr^2) at the molecule's geometry.
 * @example
 * const H0 = lindhHessian(Molecule.fromName("h2o"));
 */
export function lindhHessian(molecule: Molecule): Float64Array {
  const at = molecule.atoms;
  const n = at.length;
  const dim = 3 * n;
  const H = new Float64Array(dim * dim);
  const pos = (i: number): [number, number, number] => [at[i]!.x, at[i]!.y, at[i]!.z];
  const rho = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = row(at[i]!.Z);
      const b = row(at[j]!.Z);
      const [xi, yi, zi] = pos(i);
      const [xj, yj, zj] = pos(j);
      const r2 = (xi - xj) ** 2 + (yi - yj) ** 2 + (zi - zj) ** 2;
      rho[i * n + j] = Math.exp(ALPHA[a]![b]! * (R_REF[a]![b]! ** 2 - r2));
    }
  }
  // H += k b b^T for a B row given on a few atoms.
  const add = (k: number, atoms: number[], b: number[][]): void => {
    for (let p = 0; p < atoms.length; p++) {
      for (let q = 0; q < atoms.length; q++) {
        for (let u = 0; u < 3; u++) {
          for (let v = 0; v < 3; v++)
            H[(3 * atoms[p]! + u) * dim + 3 * atoms[q]! + v]! += k * b[p]![u]! * b[q]![v]!;
        }
      }
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const k = K_STRETCH * rho[i * n + j]!;
      if (k < NEGLIGIBLE) continue;
      const [xi, yi, zi] = pos(i);
      const [xj, yj, zj] = pos(j);
      const r = Math.hypot(xi - xj, yi - yj, zi - zj);
      const e = [(xi - xj) / r, (yi - yj) / r, (zi - zj) / r];
      add(k, [i, j], [e, e.map((v) => -v)]);
    }
  }
  // Bends i-j-k at the central atom j.
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (i === j) continue;
      for (let k = 0; k < i; k++) {
        if (k === j) continue;
        const kb = K_BEND * rho[i * n + j]! * rho[j * n + k]!;
        if (kb < NEGLIGIBLE) continue;
        const [xj, yj, zj] = pos(j);
        const u = pos(i).map((v, c) => v - [xj, yj, zj][c]!);
        const w = pos(k).map((v, c) => v - [xj, yj, zj][c]!);
        const r1 = Math.hypot(u[0]!, u[1]!, u[2]!);
        const r2 = Math.hypot(w[0]!, w[1]!, w[2]!);
        const e1 = u.map((v) => v / r1);
        const e2 = w.map((v) => v / r2);
        const cos = e1[0]! * e2[0]! + e1[1]! * e2[1]! + e1[2]! * e2[2]!;
        const sin = Math.sqrt(Math.max(0, 1 - cos * cos));
        if (sin < 1e-3) continue; // linear: the bend is not defined this way
        const bi = e1.map((v, c) => (cos * v - e2[c]!) / (r1 * sin));
        const bk = e2.map((v, c) => (cos * v - e1[c]!) / (r2 * sin));
        const bj = bi.map((v, c) => -v - bk[c]!);
        add(kb, [i, j, k], [bi, bj, bk]);
      }
    }
  }
  // Torsions i-j-k-l about the j-k bond (Wilson B vectors as in Blondel and Karplus,
  // J. Comput. Chem. 17, 1132 (1996)); each once, with j < k.
  const sub = (a: number[], b: number[]) => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
  const cross = (a: number[], b: number[]) => [
    a[1]! * b[2]! - a[2]! * b[1]!,
    a[2]! * b[0]! - a[0]! * b[2]!,
    a[0]! * b[1]! - a[1]! * b[0]!,
  ];
  const dot3 = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  for (let j = 0; j < n; j++) {
    for (let k = j + 1; k < n; k++) {
      const rjk = rho[j * n + k]!;
      if (K_TORSION * rjk < NEGLIGIBLE) continue;
      for (let i = 0; i < n; i++) {
        if (i === j || i === k) continue;
        for (let l = 0; l < n; l++) {
          if (l === i || l === j || l === k) continue;
          const kt = K_TORSION * rho[i * n + j]! * rjk * rho[k * n + l]!;
          if (kt < NEGLIGIBLE) continue;
          const F = sub(pos(i), pos(j));
          const G = sub(pos(j), pos(k));
          const Hv = sub(pos(l), pos(k));
          const A = cross(F, G);
          const B = cross(Hv, G);
          const a2 = dot3(A, A);
          const b2 = dot3(B, B);
          const g = Math.sqrt(dot3(G, G));
          if (a2 < 1e-6 * g * g || b2 < 1e-6 * g * g) continue; // a linear angle: no torsion
          const fg = dot3(F, G) / (a2 * g);
          const hg = dot3(Hv, G) / (b2 * g);
          const bi = A.map((v) => (-g / a2) * v);
          const bl = B.map((v) => (g / b2) * v);
          const bj = A.map((v, c) => (g / a2 + fg) * v - hg * B[c]!);
          const bk = A.map((v, c) => -fg * v + (hg - g / b2) * B[c]!);
          add(kt, [i, j, k, l], [bi, bj, bk, bl]);
        }
      }
    }
  }
  return H;
}
