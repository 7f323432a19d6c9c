import { Injectable } from '@nestjs/common';
import { PiiVault } from '#libs/pii';
import type { IdempotencyKeyRef } from '../../edge/idempotency/idempotency-store.js';
import { ResponseSealer } from './response-sealer.js';

const CONTEXT = { table: 'gateway.idempotency_keys', column: 'response_body' };

@Injectable()
export class VaultResponseSealer extends ResponseSealer {
  constructor(private readonly vault: PiiVault) {
    super();
  }

  seal(body: unknown, _ref: IdempotencyKeyRef): Buffer {
    return this.vault.encryptString(JSON.stringify(body), CONTEXT);
  }

  open(sealed: Buffer, _ref: IdempotencyKeyRef): unknown {
    return JSON.parse(this.vault.decryptString(sealed, CONTEXT)) as unknown;
  }
}
