/**
 * WGSL programs, generated per kernel kind and cached by a key (`kernelKey`). Amplitudes are
 * complex64, `vec2<f32>` (re, im). Every program reads one uniform block `u` (layout below, the
 * same for all kinds, written by the backend per dispatch), then its storage bindings in order.
 *
 * Uniform block (512 bytes, 256-aligned slots of the parameter arena):
 *   a = (items, count, batch0, highBase)      threads per batch element, batch elements, first
 *                                             global batch element, high-qubit bits of the chunk
 *   b = (ctrlMask, ctrlVal, mStride, nLocal)  controls (global bits), per-batch stride of `m`
 *                                             (0 = shared), qubits inside a chunk
 *   c, d = kernel-specific integers; f = kernel-specific floats
 *   bits[8]  target bit positions; offs[64] target offsets; perm[32] permutation
 */

/** Kernel kinds and their variants. */
export type KernelSpec =
  | { kind: "dense" | "perm" | "diag" | "overlap"; k: number }
  | {
      kind:
        | "scale"
        | "axpy"
        | "setOne"
        | "probs"
        | "swap"
        | "final"
        | "pauliSum"
        | "dmDiag"
        | "fold";
    }
  | { kind: "pauli"; op: "apply" | "rot"; mode: "diag" | "single" | "twin" }
  | { kind: "reduce"; body: ReduceBody; twin: boolean };

/** What a reduction sums: |a|^2, <a|b>, <a|H|a>, <a|P|b>, or tr(H rho) of a density matrix. */
export type ReduceBody = "norm" | "inner" | "expect" | "pauliInner" | "trace";

/** What a binding after the uniform block holds. */
export type BindingKind =
  | "m" // read-only array<vec2<f32>> from the parameter arena
  | "tm" // read-only array<vec4<u32>> from the parameter arena (Pauli terms)
  | "rw" // read-write state chunk
  | "r" // read-only state chunk
  | "out" // read-write array<vec2<f32>> or f32 results
  | "pr" // read-only array<f32> (probabilities)
  | "pw"; // read-write array<f32> (probabilities)

/** A generated program: its WGSL and its storage bindings (binding i + 1). */
export interface Kernel {
  key: string;
  code: string;
  bindings: BindingKind[];
  /** Threads index whole workgroup rows per batch element (reductions). */
  reduction: boolean;
}

/** Workgroup size of every program. */
export const WG = 256;

/**
 * The cache key of a kernel spec.
 * @example
 * kernelKey({ kind: "dense", k: 2 }); // "dense:2"
 */
export function kernelKey(spec: KernelSpec): string {
  switch (spec.kind) {
    case "dense":
    case "perm":
    case "diag":
    case "overlap":
      return `${spec.kind}:${spec.k}`;
    case "pauli":
      return `pauli:${spec.op}:${spec.mode}`;
    case "reduce":
      return `reduce:${spec.body}:${spec.twin ? "twin" : "one"}`;
    default:
      return spec.kind;
  }
}

const HEADER = /* wgsl */ `
struct U {
  a: vec4<u32>,
  b: vec4<u32>,
  c: vec4<u32>,
  d: vec4<u32>,
  f: vec4<f32>,
  bits: array<vec4<u32>, 2>,
  offs: array<vec4<u32>, 16>,
  perm: array<vec4<u32>, 8>,
}
@group(0) @binding(0) var<uniform> u: U;
fn cmul(x: vec2<f32>, y: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x);
}
fn ins0(i: u32, p: u32) -> u32 {
  return ((i >> p) << (p + 1u)) | (i & ((1u << p) - 1u));
}
fn sgn(v: u32) -> f32 { return 1.0 - 2.0 * f32(countOneBits(v) & 1u); }
fn ipow(n: u32) -> vec2<f32> {
  switch (n & 3u) {
    case 0u: { return vec2<f32>(1.0, 0.0); }
    case 1u: { return vec2<f32>(0.0, 1.0); }
    case 2u: { return vec2<f32>(-1.0, 0.0); }
    default: { return vec2<f32>(0.0, -1.0); }
  }
}
fn bitAt(s: u32) -> u32 { return u.bits[s >> 2u][s & 3u]; }
fn offAt(j: u32) -> u32 { return u.offs[j >> 2u][j & 3u]; }
fn permAt(j: u32) -> u32 { return u.perm[j >> 2u][j & 3u]; }
`;

const DECL: Record<BindingKind, (name: string, i: number) => string> = {
  m: (n, i) => `@group(0) @binding(${i}) var<storage, read> ${n}: array<vec2<f32>>;`,
  tm: (n, i) => `@group(0) @binding(${i}) var<storage, read> ${n}: array<vec4<u32>>;`,
  rw: (n, i) => `@group(0) @binding(${i}) var<storage, read_write> ${n}: array<vec2<f32>>;`,
  r: (n, i) => `@group(0) @binding(${i}) var<storage, read> ${n}: array<vec2<f32>>;`,
  out: (n, i) => `@group(0) @binding(${i}) var<storage, read_write> ${n}: array<vec2<f32>>;`,
  pr: (n, i) => `@group(0) @binding(${i}) var<storage, read> ${n}: array<f32>;`,
  pw: (n, i) => `@group(0) @binding(${i}) var<storage, read_write> ${n}: array<f32>;`,
};

/** An elementwise program: `items * count` threads, `w` the item, `bl` the local batch element. */
function elementwise(body: string): string {
  return `
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
  let t = (wid.y * nwg.x + wid.x) * ${WG}u + li;
  let items = u.a.x;
  if (t >= items * u.a.y) { return; }
  let bl = t / items;
  let w = t - bl * items;
  let base = bl << u.b.w;
  let bg = u.a.z + bl;
${body}
}`;
}

/** Sums every lane's `acc` into sh[0] (a tree over the workgroup's shared array `sh`). */
const WORKGROUP_SUM = `  sh[li] = acc;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s >>= 1u) {
    if (li < s) { sh[li] += sh[li + s]; }
    workgroupBarrier();
  }`;

/**
 * A reduction program: grid (gx, count); each workgroup sums `acc` over its share of the
 * `items` amplitudes of batch element `wid.y` and writes one partial sum to
 * out[bg * d.x + d.y + wid.x] (d.x partial slots per batch element, d.y this dispatch's first).
 */
function reduction(body: string): string {
  return `
var<workgroup> sh: array<vec2<f32>, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
  let bl = wid.y;
  let items = u.a.x;
  let base = bl << u.b.w;
  let bg = u.a.z + bl;
  var acc = vec2<f32>(0.0, 0.0);
  for (var j = wid.x * ${WG}u + li; j < items; j += nwg.x * ${WG}u) {
${body}
  }
${WORKGROUP_SUM}
  if (li == 0u) { out[bg * u.d.x + u.d.y + wid.x] = sh[0]; }
}`;
}

function program(bindings: [string, BindingKind][], main: string): string {
  return `${HEADER}${bindings.map(([n, k], i) => DECL[k](n, i + 1)).join("\n")}\n${main}`;
}

/** The indices of a k-target group: i0 with zeros at the sorted bits, `D = 2^k` members. */
function groupStart(k: number): string {
  return `
  var i0 = w;
  for (var s = 0u; s < ${k}u; s++) { i0 = ins0(i0, bitAt(s)); }
  if (((u.a.w | i0) & u.b.x) != u.b.y) { return; }
  var v: array<vec2<f32>, ${1 << k}>;
  for (var j = 0u; j < ${1 << k}u; j++) { v[j] = a[base + (i0 | offAt(j))]; }`;
}

/**
 * Generates the program of `spec`.
 * @example
 * makeKernel({ kind: "dense", k: 1 }).bindings; // ["m", "rw"]
 */
export function makeKernel(spec: KernelSpec): Kernel {
  const key = kernelKey(spec);
  const make = (b: [string, BindingKind][], main: string, reductionKind = false): Kernel => ({
    key,
    code: program(b, main),
    bindings: b.map(([, k]) => k),
    reduction: reductionKind,
  });
  switch (spec.kind) {
    case "dense": {
      const d = 1 << spec.k;
      return make(
        [
          ["m", "m"],
          ["a", "rw"],
        ],
        elementwise(`${groupStart(spec.k)}
  let mb = bg * u.b.z;
  for (var i = 0u; i < ${d}u; i++) {
    var r = vec2<f32>(0.0, 0.0);
    for (var j = 0u; j < ${d}u; j++) { r += cmul(m[mb + i * ${d}u + j], v[j]); }
    a[base + (i0 | offAt(i))] = r;
  }`),
      );
    }
    case "perm": {
      const d = 1 << spec.k;
      return make(
        [
          ["m", "m"],
          ["a", "rw"],
        ],
        elementwise(`${groupStart(spec.k)}
  let pb = bg * u.b.z;
  for (var j = 0u; j < ${d}u; j++) {
    var x = v[j];
    if (u.c.x == 1u) { x = cmul(m[pb + j], x); }
    a[base + (i0 | offAt(permAt(j)))] = x;
  }`),
      );
    }
    case "diag":
      return make(
        [
          ["m", "m"],
          ["a", "rw"],
        ],
        elementwise(`
  let g = u.a.w | w;
  if ((g & u.b.x) != u.b.y) { return; }
  var j = 0u;
  for (var s = 0u; s < ${spec.k}u; s++) { j = (j << 1u) | ((g >> bitAt(s)) & 1u); }
  let i = base + w;
  a[i] = cmul(m[bg * u.b.z + j], a[i]);`),
      );
    case "scale":
      return make(
        [
          ["m", "m"],
          ["a", "rw"],
        ],
        elementwise(`
  let i = base + w;
  a[i] = cmul(m[bg * u.b.z], a[i]);`),
      );
    case "axpy":
      return make(
        [
          ["m", "m"],
          ["a", "rw"],
          ["b", "r"],
        ],
        elementwise(`
  let i = base + w;
  a[i] = a[i] + cmul(m[bg * u.b.z], b[i]);`),
      );
    case "setOne":
      return make([["a", "rw"]], elementwise(`  a[base] = vec2<f32>(1.0, 0.0);`));
    case "probs":
      // two probabilities per vec2 output slot: out[(base + w) / 2] component (w & 1)
      return make(
        [
          ["a", "r"],
          ["out", "out"],
        ],
        elementwise(`
  let i = base + 2u * w;
  let x = a[i];
  let y = a[i + 1u];
  out[i >> 1u] = vec2<f32>(dot(x, x), dot(y, y));`),
      );
    case "fold":
      // marginals: sums out local bit c.x of each batch element's 2^(b.w) probabilities
      return make(
        [
          ["p", "pr"],
          ["o", "pw"],
        ],
        elementwise(`
  let j = ins0(w, u.c.x);
  o[bl * items + w] = p[base + j] + p[base + (j | (1u << u.c.x))];`),
      );
    case "dmDiag":
      // the diagonal of vec(rho) on 2n qubits (c.y = n): thread w takes row r = (highBase >> n) + w
      return make(
        [
          ["a", "r"],
          ["out", "out"],
        ],
        elementwise(`
  let row = (u.a.w >> u.c.y) + w;
  out[bl * items + w] = a[base + (w << u.c.y) + row];`),
      );
    case "swap":
      // chunk a has the high qubit 0, chunk b has it 1; local bit c.x (= ql) is swapped with it
      return make(
        [
          ["a", "rw"],
          ["b", "rw"],
        ],
        elementwise(`
  let bit = 1u << u.c.x;
  let j = ins0(w, u.c.x) | bit;
  let k = j ^ bit;
  let x = a[base + j];
  a[base + j] = b[base + k];
  b[base + k] = x;`),
      );
    case "pauli":
      return pauliKernel(spec.op, spec.mode, make);
    case "reduce":
      return reduceKernel(spec.body, spec.twin, make);
    case "overlap":
      return overlapKernel(spec.k, make);
    case "final":
      // grid (entries, batch): out[b * c.w + e] = sum over c.y slices of the c.x partials of
      // entry e (slice stride c.z, d.x partials per batch element); a plain reduction is one
      // entry in one slice
      return make(
        [
          ["p", "r"],
          ["out", "out"],
        ],
        `
var<workgroup> sh: array<vec2<f32>, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let e = wid.x;
  let b = wid.y;
  var acc = vec2<f32>(0.0, 0.0);
  for (var t = li; t < u.c.x * u.c.y; t += ${WG}u) {
    let h = t / u.c.x;
    acc += p[b * u.d.x + h * u.c.z + e * u.c.x + (t - h * u.c.x)];
  }
${WORKGROUP_SUM}
  if (li == 0u) { out[b * u.c.w + e] = sh[0]; }
}`,
      );
    case "pauliSum":
      // out[j] (+)= sum_t c_t i^nY_t sign((g ^ x_t) & z_t) src[j ^ xLocal_t]; c.x terms, c.y accumulate
      return make(
        [
          ["tm", "tm"],
          ["o", "rw"],
          ["s", "r"],
        ],
        elementwise(`
  var acc = vec2<f32>(0.0, 0.0);
  for (var t = 0u; t < u.c.x; t++) {
    let q = tm[t];
    let k = w ^ q.x;
    let gk = u.d.z | k;
    acc += bitcast<f32>(q.w) * sgn(gk & q.y) * cmul(ipow(q.z), s[base + k]);
  }
  let i = base + w;
  if (u.c.y == 1u) { o[i] = o[i] + acc; } else { o[i] = acc; }`),
      );
  }
}

type Make = (b: [string, BindingKind][], main: string, reductionKind?: boolean) => Kernel;

/**
 * c P psi (op "apply", w = f.xy) or exp(-i theta/2 P) psi (op "rot", (cos, sin) per batch in m).
 * c = (xLocal, z, nY, hbit); d.z = highBase of the partner chunk (twin).
 */
function pauliKernel(op: "apply" | "rot", mode: "diag" | "single" | "twin", make: Make): Kernel {
  const coef =
    op === "apply"
      ? `let W = u.f.xy;`
      : `let cs = m[bg * u.b.z];
  let ip = ipow(u.c.z);
  let W = vec2<f32>(cs.y * ip.y, -cs.y * ip.x);`;
  const bindings: [string, BindingKind][] = op === "rot" ? [["m", "m"]] : [];
  bindings.push(["a", "rw"]);
  if (mode === "twin") bindings.push(["b", "rw"]);
  if (mode === "diag") {
    const body =
      op === "apply"
        ? `a[i] = sgn(g & u.c.y) * cmul(W, a[i]);`
        : `a[i] = cs.x * a[i] + sgn(g & u.c.y) * cmul(W, a[i]);`;
    return make(
      bindings,
      elementwise(`
  ${coef}
  let g = u.a.w | w;
  let i = base + w;
  ${body}`),
    );
  }
  const pair =
    mode === "single"
      ? `let j = ins0(w, u.c.w);
  let k = j ^ u.c.x;
  let gj = u.a.w | j;
  let gk = u.a.w | k;
  let A = a[base + j];
  let B = a[base + k];`
      : `let j = w;
  let k = j ^ u.c.x;
  let gj = u.a.w | j;
  let gk = u.d.z | k;
  let A = a[base + j];
  let B = b[base + k];`;
  const nj =
    op === "apply" ? `sgn(gk & u.c.y) * cmul(W, B)` : `cs.x * A + sgn(gk & u.c.y) * cmul(W, B)`;
  const nk =
    op === "apply" ? `sgn(gj & u.c.y) * cmul(W, A)` : `cs.x * B + sgn(gj & u.c.y) * cmul(W, A)`;
  const dst = mode === "single" ? "a" : "b";
  return make(
    bindings,
    elementwise(`
  ${coef}
  ${pair}
  a[base + j] = ${nj};
  ${dst}[base + k] = ${nk};`),
  );
}

/** Workgroup size of the overlap kernel: its shared memory holds 4^k sums per lane. */
export const OVERLAP_WG = 64;

/**
 * The overlap matrix M[r][c] = sum_rest conj(a[r, rest]) b[c, rest] on k target qubits (bits and
 * offsets as for `dense:k`): each thread accumulates all 4^k entries over its groups, then one
 * workgroup tree sums every entry at once (log2(OVERLAP_WG) barriers, not 4^k trees: barriers
 * are what software adapters run slowly) and writes entry e of workgroup wid.x to
 * out[bg * d.x + d.y + e * nwg.x + wid.x]; `final` sums them.
 */
function overlapKernel(k: number, make: Make): Kernel {
  const d = 1 << k;
  const e2 = d * d;
  return make(
    [
      ["a", "r"],
      ["b", "r"],
      ["out", "out"],
    ],
    `
var<workgroup> sh: array<vec2<f32>, ${OVERLAP_WG * e2}>;
@compute @workgroup_size(${OVERLAP_WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
  let bl = wid.y;
  let base = bl << u.b.w;
  let bg = u.a.z + bl;
  var acc: array<vec2<f32>, ${e2}>;
  for (var w = wid.x * ${OVERLAP_WG}u + li; w < u.a.x; w += nwg.x * ${OVERLAP_WG}u) {
    var i0 = w;
    for (var s = 0u; s < ${k}u; s++) { i0 = ins0(i0, bitAt(s)); }
    var va: array<vec2<f32>, ${d}>;
    var vb: array<vec2<f32>, ${d}>;
    for (var j = 0u; j < ${d}u; j++) {
      va[j] = a[base + (i0 | offAt(j))];
      vb[j] = b[base + (i0 | offAt(j))];
    }
    for (var r = 0u; r < ${d}u; r++) {
      let x = vec2<f32>(va[r].x, -va[r].y);
      for (var c = 0u; c < ${d}u; c++) { acc[r * ${d}u + c] += cmul(x, vb[c]); }
    }
  }
  for (var e = 0u; e < ${e2}u; e++) { sh[li * ${e2}u + e] = acc[e]; }
  workgroupBarrier();
  for (var s = ${OVERLAP_WG / 2}u; s > 0u; s >>= 1u) {
    if (li < s) {
      for (var e = 0u; e < ${e2}u; e++) { sh[li * ${e2}u + e] += sh[(li + s) * ${e2}u + e]; }
    }
    workgroupBarrier();
  }
  if (li < ${e2}u) { out[bg * u.d.x + u.d.y + li * nwg.x + wid.x] = sh[li]; }
}`,
    true,
  );
}

/** Reductions: squared norm, <a|b>, and Pauli-sum expectation (terms in tm, c.x of them). */
function reduceKernel(body: ReduceBody, twin: boolean, make: Make): Kernel {
  if (body === "trace") {
    // tr(H rho) = sum_t c_t i^nY_t sum_r sign(r & z_t) rho[r, r ^ x_t] for vec(rho) on 2n qubits
    // (row r = the high n bits): thread j takes row r = (highBase >> n) + j of this chunk, whose
    // entries start at local index j << n. c.x terms, c.y = n; the caller sets b.w = local qubits.
    return make(
      [
        ["tm", "tm"],
        ["a", "r"],
        ["out", "out"],
      ],
      reduction(`    let row = (u.a.w >> u.c.y) + j;
    let off = base + (j << u.c.y);
    for (var t = 0u; t < u.c.x; t++) {
      let q = tm[t];
      let v = a[off + (row ^ q.x)];
      acc += bitcast<f32>(q.w) * sgn(row & q.y) * cmul(ipow(q.z), v);
    }`),
      true,
    );
  }
  if (body === "pauliInner") {
    // <a|P|b> = sum_j conj(a[j]) i^nY sign(gk & z) b[j ^ x]; b is the partner chunk (x high bits)
    return make(
      [
        ["tm", "tm"],
        ["a", "r"],
        ["b", "r"],
        ["out", "out"],
      ],
      reduction(`    let q = tm[0];
    let x = a[base + j];
    let k = j ^ q.x;
    let pv = sgn((u.d.z | k) & q.y) * cmul(ipow(q.z), b[base + k]);
    acc += cmul(vec2<f32>(x.x, -x.y), pv);`),
      true,
    );
  }
  if (body === "norm") {
    return make(
      [
        ["a", "r"],
        ["out", "out"],
      ],
      reduction(`    let v = a[base + j];
    acc.x += dot(v, v);`),
      true,
    );
  }
  if (body === "inner") {
    return make(
      [
        ["a", "r"],
        ["b", "r"],
        ["out", "out"],
      ],
      reduction(`    let x = a[base + j];
    acc += cmul(vec2<f32>(x.x, -x.y), b[base + j]);`),
      true,
    );
  }
  const bindings: [string, BindingKind][] = [
    ["tm", "tm"],
    ["a", "r"],
  ];
  if (twin) bindings.push(["b", "r"]);
  bindings.push(["out", "out"]);
  const partner = twin ? "b" : "a";
  return make(
    bindings,
    reduction(`    let va = a[base + j];
    for (var t = 0u; t < u.c.x; t++) {
      let q = tm[t];
      let k = j ^ q.x;
      let pv = sgn((u.d.z | k) & q.y) * cmul(ipow(q.z), ${partner}[base + k]);
      acc.x += bitcast<f32>(q.w) * (va.x * pv.x + va.y * pv.y);
    }`),
    true,
  );
}
