/** `Parameter`: a leaf tensor that requires grad and that modules list as trainable. */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { type Nested, tensor } from "../creation.js";
import { type DType, Tensor } from "../tensor.js";

/**
 * A trainable tensor (requiresGrad = true). Built from a Tensor (shares its data), from a
 * Float64Array with a shape, or from a number or (nested) array of numbers, whose shape is
 * inferred (float64 unless `dtype` says otherwise; complex values as in `tensor()`).
 * @example
 * const w = new Parameter(new Float64Array([0.1, 0.2]), [2]);
 * const theta = new Parameter([0.5]);          // shape [1]
 * const m = new Parameter([[1, 2], [3, 4]]);   // shape [2, 2]
 */
export class Parameter extends Tensor {
  constructor(data: Tensor | Float64Array | Nested, shape?: readonly number[], dtype?: DType) {
    checkArity(arguments.length, 3, "Parameter");
    let values: Float64Array;
    let inferredShape: readonly number[];
    let dt: DType;
    if (data instanceof Tensor) {
      values = data.data;
      inferredShape = data.shape;
      dt = dtype ?? data.dtype;
    } else if (data instanceof Float64Array) {
      dt = dtype ?? "float64";
      values = data;
      inferredShape = [dt === "complex128" ? data.length / 2 : data.length];
    } else if (typeof data === "number" || Array.isArray(data)) {
      const t = tensor(data, dtype === undefined ? {} : { dtype });
      values = t.data;
      inferredShape = t.shape;
      dt = t.dtype;
    } else {
      throw new ArgumentError(
        `Parameter: data must be a number, a (nested) array of numbers, a Float64Array or a Tensor, got ${describe(data)}`,
      );
    }
    super(values, shape ?? inferredShape, dt, true);
  }
}
