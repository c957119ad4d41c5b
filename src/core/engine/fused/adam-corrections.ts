/** tfjs's running β₁ᵗ and β₂ᵗ, in float32 as tfjs keeps them: one per network trained by Adam. */
export class AdamCorrections {
  private accBeta1 = Math.fround(0.9);
  private accBeta2 = Math.fround(0.999);

  /** The next Adam step's bias corrections, 1 − β₁ᵗ and 1 − β₂ᵗ, as tfjs computes them. */
  next(): { corr1: number; corr2: number } {
    const corr = { corr1: Math.fround(1 - this.accBeta1), corr2: Math.fround(1 - this.accBeta2) };
    this.accBeta1 = Math.fround(this.accBeta1 * 0.9);
    this.accBeta2 = Math.fround(this.accBeta2 * 0.999);
    return corr;
  }
}
