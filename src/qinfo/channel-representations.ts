/**
 * Channel representation conversions (Kraus, Choi, Stinespring), re-exported from
 * `quantum/density/channels.ts` where the channels live, so qinfo users find them next to the other
 * quantum-information tools.
 *
 * @example
 * import { choiToKraus, krausToChoi } from "./channel-representations.js";
 * const choi = krausToChoi([identity(2)]); // |Phi>><<Phi|, unnormalized
 * choiToKraus(choi);                        // one Kraus operator, the identity up to a phase
 */
export {
  choiToKraus,
  krausToChoi,
  krausToStinespring,
  stinespringToKraus,
} from "../quantum/density/channels.js";
