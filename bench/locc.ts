/**
 * Suite "locc": the cost of LOCC's local operations. Case `apply-local`: a party's 4-qubit circuit
 * (u3 on every qubit, a CNOT ring, u3 again) on qubits 0, 2, 4, 6 of an n = 8 density matrix
 * through `applyOnQubits` (block layout, one batched density run, reassembly: gathers of
 * differentiable tensors), against the same gates written on the 8-qubit register and run as one
 * density-matrix forward pass (`global-circuit`, measured in the same run). Case `train-step`:
 * one forward and backward of the 4 -> 1 distillation protocol of the locc-distillation-learned
 * tutorial (two party circuits, 8 kept branches), against its forward alone.
 * Single thread, CPU backend.
 */

import { applyOnQubits } from "../src/qml/locc/local-circuit.js";
import { LoccNet, type QubitRef } from "../src/qml/locc/locc-net.js";
import { targetOverlap } from "../src/qml/locc/overlap.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { isotropicState, randomDensityMatrix } from "../src/quantum/density/states.js";
import { State } from "../src/quantum/state/state.js";
import { add, neg } from "../src/tensor/index.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "locc";

function layered(c: Circuit): Circuit {
  c.u3("full");
  c.cnot("cycle");
  c.u3("full");
  return c;
}

function applyLocal(ctx: BenchContext): void {
  const n = 8;
  const qubits = [0, 2, 4, 6];
  const rho = randomDensityMatrix(n, { seed: 1 });
  const local = layered(new Circuit(4, { seed: 2 }));
  const [first, second] = local.parameters();
  const global = new Circuit(n);
  global.u3(qubits, { param: first! });
  global.cnot([
    [0, 2],
    [2, 4],
    [4, 6],
    [6, 0],
  ]);
  global.u3(qubits, { param: second! });
  const base = timeIt(() => {
    global.forward(rho).toArray();
  });
  const cand = timeIt(() => {
    applyOnQubits(rho, local, qubits).toArray();
  });
  ctx.report({
    suite: SUITE,
    case: "apply-local",
    n,
    threads: 1,
    median_ms: cand.median_ms,
    runs: cand.runs,
    baseline: "global-circuit",
    baseline_ms: base.median_ms,
  });
}

function trainStep(ctx: BenchContext): void {
  const input = isotropicState(2, 0.7);
  const net = new LoccNet();
  net.addParty("Alice", 4);
  net.addParty("Bob", 4);
  for (let j = 0; j < 4; j++)
    net.setInitialState(input, [
      ["Alice", j],
      ["Bob", j],
    ]);
  const circuits = ["Alice", "Bob"].map((p, k) => layered(net.localCircuit(p, { seed: k + 1 })));
  const measured: QubitRef[] = [1, 2, 3].flatMap((j) => [
    ["Alice", j] as const,
    ["Bob", j] as const,
  ]);
  const agreeing = Array.from({ length: 8 }, (_, m) =>
    [2, 1, 0].map((b) => ((m >> b) & 1 ? "11" : "00")).join(""),
  );
  const start = net.initialStatus();
  const target = State.bell();
  const loss = () => {
    const status = circuits.reduce((s, c) => net.apply(s, c), start);
    return net
      .measure(status, measured, agreeing, { discard: true })
      .map((s) => add(neg(targetOverlap(s.state, target)), 1))
      .reduce((a, b) => add(a, b));
  };
  const base = timeIt(() => {
    loss().item();
  });
  const cand = timeIt(() => {
    for (const p of net.parameters()) p.grad = null;
    loss().backward();
  });
  ctx.report({
    suite: SUITE,
    case: "train-step",
    n: 8,
    threads: 1,
    params: net.parameters().reduce((s, p) => s + p.data.length, 0),
    median_ms: cand.median_ms,
    runs: cand.runs,
    baseline: "forward",
    baseline_ms: base.median_ms,
  });
}

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    if (ctx.selected(SUITE, "apply-local")) applyLocal(ctx);
    if (!ctx.quick && ctx.selected(SUITE, "train-step")) trainStep(ctx);
  },
};
