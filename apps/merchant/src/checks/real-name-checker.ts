/** The identity service's answer about a name and an ID number (its ID-authority adapter). */
export type RealNameResult = 'MATCH' | 'MISMATCH' | 'NO_RECORD' | 'UNAVAILABLE' | 'REJECTED';

export interface RealNameAnswer {
  result: RealNameResult;
  reasonCode: string;
  retryable: boolean;
}

/** Port: the real-name check of an individual owner or a legal representative. Never throws for an upstream outage: answers UNAVAILABLE. */
export abstract class RealNameChecker {
  abstract check(request: { subjectId: string; name: string; idNumber: string }): Promise<RealNameAnswer>;
}
