/** Randomness for latency jitter and random 503s; tests pin it to make both predictable. */
export abstract class Chance {
  /** Uniform in [0, 1). */
  abstract next(): number;
}

export class MathRandomChance extends Chance {
  next(): number {
    return Math.random();
  }
}
