/** Time as the sandbox sees it; tests swap in a hand-driven clock to cross rate-limit windows. */
export abstract class Clock {
  abstract now(): number;

  today(): Date {
    return new Date(this.now());
  }
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
