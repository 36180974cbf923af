/**
 * Suite "tensor": float64 matmul (256, 1024) and one MLP training step (784-128-10, batch 64,
 * forward + backward + Adam), each beside the same work in TensorFlow.js's pure-JS CPU backend
 * (float32), measured in the same run as baseline "tfjs-cpu".
 */
import * as tf from "@tensorflow/tfjs";
import {
  Adam,
  crossEntropy,
  Linear,
  matmul,
  ReLU,
  randn,
  Sequential,
} from "../src/tensor/index.js";
import { type BenchContext, type BenchSuite, timeIt } from "./harness.js";

async function matmulCase(ctx: BenchContext, n: number): Promise<void> {
  const name = `matmul-${n}`;
  if (!ctx.selected("tensor", name)) return;
  ctx.progress(`tensor/${name}`);
  const a = randn([n, n], { seed: 1 });
  const b = randn([n, n], { seed: 2 });
  const budgetMs = ctx.quick ? 300 : 2000;
  const ours = timeIt(() => void matmul(a, b), { budgetMs });
  const ta = tf.randomNormal([n, n], 0, 1, "float32", 1);
  const tb = tf.randomNormal([n, n], 0, 1, "float32", 2);
  const base = timeIt(
    () => {
      const c = tf.matMul(ta, tb);
      c.dataSync();
      c.dispose();
    },
    { budgetMs },
  );
  ta.dispose();
  tb.dispose();
  ctx.report({
    suite: "tensor",
    case: name,
    n,
    dtype: "float64",
    ...ours,
    baseline: "tfjs-cpu",
    baseline_ms: base.median_ms,
  });
}

async function mlpCase(ctx: BenchContext): Promise<void> {
  const name = "mlp-train-step";
  if (!ctx.selected("tensor", name)) return;
  ctx.progress(`tensor/${name}`);
  const batch = 64;
  const x = randn([batch, 784], { seed: 3 });
  const labels = Array.from({ length: batch }, (_, i) => (i * 7) % 10);
  const net = new Sequential(
    new Linear(784, 128, { seed: 4 }),
    new ReLU(),
    new Linear(128, 10, { seed: 5 }),
  );
  const opt = new Adam(net.parameters(), { lr: 1e-3 });
  const budgetMs = ctx.quick ? 300 : 2000;
  const ours = timeIt(
    () => {
      opt.zeroGrad();
      crossEntropy(net.forward(x), labels).backward();
      opt.step();
    },
    { budgetMs, warmup: 3 },
  );

  const tx = tf.randomNormal([batch, 784], 0, 1, "float32", 3);
  const ty = tf.oneHot(tf.tensor1d(labels, "int32"), 10);
  const w1 = tf.variable(tf.randomNormal([784, 128], 0, 0.05, "float32", 4));
  const b1 = tf.variable(tf.zeros([128]));
  const w2 = tf.variable(tf.randomNormal([128, 10], 0, 0.1, "float32", 5));
  const b2 = tf.variable(tf.zeros([10]));
  const topt = tf.train.adam(1e-3);
  const base = timeIt(
    () => {
      const cost = topt.minimize(
        () => {
          const h = tf.relu(tf.add(tf.matMul(tx, w1), b1));
          const logits = tf.add(tf.matMul(h, w2), b2);
          return tf.losses.softmaxCrossEntropy(ty, logits) as tf.Scalar;
        },
        true,
        [w1, b1, w2, b2],
      );
      cost?.dataSync();
      cost?.dispose();
    },
    { budgetMs, warmup: 3 },
  );
  tf.dispose([tx, ty, w1, b1, w2, b2]);
  topt.dispose();
  ctx.report({
    suite: "tensor",
    case: name,
    batch,
    params: 784 * 128 + 128 + 128 * 10 + 10,
    dtype: "float64",
    ...ours,
    baseline: "tfjs-cpu",
    baseline_ms: base.median_ms,
  });
}

export const suite: BenchSuite = {
  name: "tensor",
  async run(ctx) {
    await tf.setBackend("cpu");
    await tf.ready();
    await matmulCase(ctx, 256);
    if (!ctx.quick) await matmulCase(ctx, 1024); // tfjs needs ~2.5 s per 1024 product
    await mlpCase(ctx);
  },
};
