/**
 * Cotangents carried as state buffers. A dense backend passes dL/dpsi between autograd nodes as a
 * complex128 tensor of 2^n amplitudes; a matrix product state of 60 qubits has no such tensor.
 * Backends that say `stateCotangents` (mps) get their cotangent as a buffer of their own (for
 * expecVal: 2 H|psi>, an MPS), registered here against a placeholder tensor of shape [batch, 0]
 * that travels through the graph; the circuit's adjoint sweep takes the buffer back out.
 * A state consumed by two differentiable readers would need the two buffers summed: the
 * placeholders are then added as tensors, the registration is lost and the circuit's backward
 * says so.
 */
import type { StateBuffer } from "../../backend/backend.js";
import { fromData, type Tensor } from "../../tensor/index.js";

const carried = new WeakMap<Tensor, StateBuffer>();

/**
 * A placeholder tensor that carries `buffer` (the caller hands over its ownership) as a
 * cotangent.
 * @example
 * const g = stateCotangent(hpsi); // returned by expecVal's backward on the mps backend
 */
export function stateCotangent(buffer: StateBuffer): Tensor {
  const t = fromData(new Float64Array(0), [buffer.batch, 0], "complex128");
  carried.set(t, buffer);
  return t;
}

/**
 * The buffer a placeholder from `stateCotangent` carries (ownership passes to the caller,
 * once), or undefined for an ordinary tensor.
 * @example
 * const lam = takeStateCotangent(grad) ?? backend.fromArray(n, batch, grad.data);
 */
export function takeStateCotangent(t: Tensor): StateBuffer | undefined {
  const b = carried.get(t);
  if (b !== undefined) carried.delete(t);
  return b;
}
