/** `Parameter`: a leaf tensor that requires grad and that modules list as trainable. */
import { ArgumentError } from "../../errors.js";
import { type DType, Tensor } from "../tensor.js";

/**
 * A trainable tensor (requiresGrad = true). Built from a Tensor (shares its data) or from a
 * Float64Array with a shape.
 * @example
 * const w = new Parameter(new Float64Array([0.1, 0.2]), [2]);
 */
export class Parameter extends Tensor {
  constructor(data: Tensor | Float64Array, shape?: readonly number[], dtype?: DType) {
    if (data instanceof Tensor) {
      super(data.data, shape ?? data.shape, dtype ?? data.dtype, true);
    } else {
      if (!(data instanceof Float64Array))
        throw new ArgumentError("Parameter: data must be a Tensor or a Float64Array");
      const dt = dtype ?? "float64";
      super(data, shape ?? [dt === "complex128" ? data.length / 2 : data.length], dt, true);
    }
  }
}
