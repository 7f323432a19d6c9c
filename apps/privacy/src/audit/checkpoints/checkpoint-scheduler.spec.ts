import { hashLeaf } from '#libs/audit';
import type { Logger } from '#libs/observability';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditQuery, Checkpoint, NewAuditEntry, StoredAuditEntry } from '../audit-entry.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import { CheckpointSigner } from '../checkpoint-signer.js';
import { CheckpointScheduler } from './checkpoint-scheduler.js';
import { CreateCheckpointUseCase } from './create-checkpoint.use-case.js';

const INTERVAL_MS = 1000;

/** Only what the scheduler touches: the head and the checkpoints. Each can be told to fail a number of times. */
class FakeAuditLog extends AuditLogRepository {
  size = 0;
  readonly saved: Checkpoint[] = [];
  readonly failures = { head: 0, checkpoints: 0, saveCheckpoint: 0 };

  private maybeFail(operation: keyof FakeAuditLog['failures']): void {
    if (this.failures[operation] > 0) {
      this.failures[operation] -= 1;
      throw new Error(`${operation}: connection terminated`);
    }
  }

  grow(entries: number): void {
    this.size += entries;
  }

  async head(): Promise<{ size: number; root: Buffer }> {
    this.maybeFail('head');
    return { size: this.size, root: hashLeaf(Buffer.from(`root of ${this.size}`)) };
  }

  async checkpoints(): Promise<Checkpoint[]> {
    this.maybeFail('checkpoints');
    return [...this.saved].sort((a, b) => a.treeSize - b.treeSize);
  }

  async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.maybeFail('saveCheckpoint');
    if (!this.saved.some((existing) => existing.treeSize === checkpoint.treeSize)) this.saved.push(checkpoint);
  }

  append(_entries: NewAuditEntry[]): Promise<string[]> {
    throw new Error('not used by the scheduler');
  }
  list(_query: AuditQuery): Promise<StoredAuditEntry[]> {
    throw new Error('not used by the scheduler');
  }
  scan(_afterSeq: string, _limit: number): Promise<StoredAuditEntry[]> {
    throw new Error('not used by the scheduler');
  }
  leafHashes(_treeSize: number): Promise<Buffer[]> {
    throw new Error('not used by the scheduler');
  }
}

class FlakySigner extends CheckpointSigner {
  failuresLeft = 0;
  signed = 0;

  override sign(treeSize: number, rootHash: Buffer, signedAt: Date): Checkpoint {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('signing key unavailable');
    }
    this.signed += 1;
    return super.sign(treeSize, rootHash, signedAt);
  }
}

describe('CheckpointScheduler', () => {
  let log: FakeAuditLog;
  let signer: FlakySigner;
  let logger: { info: ReturnType<typeof vi.fn>; warn: ReturnType<typeof vi.fn> };
  let scheduler: CheckpointScheduler;

  // Only the timers the scheduler uses are fake; setImmediate stays real so a tick's promise chain can be let run to its end.
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  /** Moves the clock by `ms` and lets whatever the timer started finish. */
  async function elapse(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await settle();
  }
  const sizes = (): number[] => log.saved.map((checkpoint) => checkpoint.treeSize);

  function start(intervalMs = INTERVAL_MS): CheckpointScheduler {
    scheduler = new CheckpointScheduler(new CreateCheckpointUseCase(log, signer), intervalMs, logger as unknown as Logger);
    scheduler.onApplicationBootstrap();
    return scheduler;
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
    log = new FakeAuditLog();
    const { privateKey } = generateKeyPairSync('ed25519');
    signer = new FlakySigner(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'scheduler-test');
    logger = { info: vi.fn(), warn: vi.fn() };
  });
  afterEach(() => {
    scheduler?.onApplicationShutdown();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('signs a checkpoint of the grown log once per interval, not before', async () => {
    log.grow(3);
    start();
    await elapse(INTERVAL_MS - 1);
    expect(log.saved).toEqual([]);
    await elapse(1);
    expect(sizes()).toEqual([3]);
    const [checkpoint] = log.saved;
    expect(signer.verify(checkpoint!)).toBe(true);
    expect(checkpoint).toMatchObject({
      rootHash: hashLeaf(Buffer.from('root of 3')).toString('hex'),
      signedAt: '2026-12-01T00:00:01.000Z',
      keyId: 'scheduler-test',
    });
    expect(logger.info).toHaveBeenCalledWith({ treeSize: 3 }, 'Signed audit checkpoint');

    log.grow(2);
    await elapse(INTERVAL_MS);
    log.grow(1);
    await elapse(INTERVAL_MS);
    expect(sizes()).toEqual([3, 5, 6]);
    expect(log.saved.map((saved) => saved.signedAt)).toEqual(['2026-12-01T00:00:01.000Z', '2026-12-01T00:00:02.000Z', '2026-12-01T00:00:03.000Z']);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('signs nothing while nothing was appended, including an empty log', async () => {
    start();
    await elapse(5 * INTERVAL_MS);
    expect(log.saved).toEqual([]);
    expect(signer.signed).toBe(0);

    log.grow(4);
    await elapse(INTERVAL_MS);
    await elapse(5 * INTERVAL_MS);
    expect(sizes()).toEqual([4]);
    expect(signer.signed).toBe(1);
    expect(logger.info).toHaveBeenCalledTimes(1);

    log.grow(1);
    await elapse(INTERVAL_MS);
    expect(sizes()).toEqual([4, 5]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs a failing signer and signs on the next tick', async () => {
    log.grow(2);
    signer.failuresLeft = 1;
    start();
    await elapse(INTERVAL_MS);
    expect(log.saved).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'signing key unavailable' }) }, 'Could not sign an audit checkpoint');

    await elapse(INTERVAL_MS);
    expect(sizes()).toEqual([2]);
    expect(signer.verify(log.saved[0]!)).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it.each(['head', 'checkpoints', 'saveCheckpoint'] as const)('logs a failing repository (%s) and signs on the next tick', async (operation) => {
    log.grow(7);
    log.failures[operation] = 2;
    start();
    await elapse(INTERVAL_MS);
    await elapse(INTERVAL_MS);
    expect(log.saved).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenLastCalledWith(
      { err: expect.objectContaining({ message: `${operation}: connection terminated` }) },
      'Could not sign an audit checkpoint',
    );

    await elapse(INTERVAL_MS);
    expect(sizes()).toEqual([7]);
    expect(logger.info).toHaveBeenCalledWith({ treeSize: 7 }, 'Signed audit checkpoint');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('stops on shutdown', async () => {
    log.grow(1);
    start();
    await elapse(INTERVAL_MS);
    expect(sizes()).toEqual([1]);

    scheduler.onApplicationShutdown();
    expect(vi.getTimerCount()).toBe(0);
    log.grow(5);
    await elapse(10 * INTERVAL_MS);
    expect(sizes()).toEqual([1]);
    expect(signer.signed).toBe(1);
  });

  it('does not run at all with an interval of 0 (checkpoints on demand only)', async () => {
    log.grow(3);
    start(0);
    expect(vi.getTimerCount()).toBe(0);
    await elapse(60 * 60_000);
    expect(log.saved).toEqual([]);
    scheduler.onApplicationShutdown();
  });

  it('does not keep the process alive for its timer', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    start();
    const timer = setIntervalSpy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });
});
