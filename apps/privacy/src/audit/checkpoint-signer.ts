import { checkpointText, type CheckpointBody } from '#libs/audit';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Checkpoint } from './audit-entry.js';

/**
 * Signs (size, root, time) with the configured Ed25519 key. The public key
 * is exported with the checkpoints so an auditor can verify them offline.
 */
export class CheckpointSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;

  constructor(
    privateKeyPem: string,
    readonly keyId: string,
  ) {
    this.privateKey = createPrivateKey(privateKeyPem);
    if (this.privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key');
    this.publicKey = createPublicKey(this.privateKey);
  }

  get publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  sign(treeSize: number, rootHash: Buffer, signedAt: Date): Checkpoint {
    const body: CheckpointBody = { treeSize, rootHash: rootHash.toString('hex'), signedAt: signedAt.toISOString(), keyId: this.keyId };
    const signedText = checkpointText(body);
    return { ...body, signedText, signature: sign(null, Buffer.from(signedText, 'utf8'), this.privateKey).toString('base64') };
  }

  /** True when the signature holds and the stored fields are the ones signed. */
  verify(checkpoint: Checkpoint): boolean {
    if (checkpoint.keyId !== this.keyId) return false;
    const expected = checkpointText({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId });
    if (expected !== checkpoint.signedText) return false;
    return verify(null, Buffer.from(checkpoint.signedText, 'utf8'), this.publicKey, Buffer.from(checkpoint.signature, 'base64'));
  }
}
