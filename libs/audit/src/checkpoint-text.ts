/** A signed statement of the log's size and root at a moment. */
export interface CheckpointBody {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  keyId: string;
}

const HEADER = 'kyc-gateway audit log checkpoint v1';

/** The exact text that is signed; line-based so an auditor can read and re-create it. */
export function checkpointText(body: CheckpointBody): string {
  return `${HEADER}\ntree_size ${body.treeSize}\nroot_hash ${body.rootHash}\nsigned_at ${body.signedAt}\nkey_id ${body.keyId}\n`;
}

export function parseCheckpointText(text: string): CheckpointBody | undefined {
  const match = /^kyc-gateway audit log checkpoint v1\ntree_size (\d+)\nroot_hash ([0-9a-f]{64})\nsigned_at (\S+)\nkey_id (\S+)\n$/.exec(text);
  if (!match) return undefined;
  return { treeSize: Number(match[1]), rootHash: match[2]!, signedAt: match[3]!, keyId: match[4]! };
}
