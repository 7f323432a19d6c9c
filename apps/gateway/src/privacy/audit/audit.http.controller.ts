import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Checkpoint } from '#contracts/privacy';
import { PRIVACY_CLIENT, type PrivacyClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import { AuditPageView, AuditQueryDto, CheckpointExportView, VerificationView, type CheckpointView } from './audit.dto.js';

const toCheckpointView = (checkpoint: Checkpoint): CheckpointView => ({
  tree_size: Number(checkpoint.treeSize),
  root_hash: checkpoint.rootHash,
  signed_at: checkpoint.signedAt,
  key_id: checkpoint.keyId,
  signature: checkpoint.signature,
  signed_text: checkpoint.signedText,
});

@ApiTags('audit')
@ApiBearerAuth()
@Roles('privacy_officer', 'admin')
@Controller('v1/analyst/audit')
export class AuditHttpController {
  constructor(@Inject(PRIVACY_CLIENT) private readonly privacy: PrivacyClient) {}

  @Get()
  @ApiOkResponse({ type: AuditPageView })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageView> {
    const page = await this.privacy.listAuditEntries({
      subjectId: query.subject_id,
      type: query.type,
      from: query.from,
      to: query.to,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    return {
      items: page.items.map((entry) => ({
        seq: entry.seq,
        type: entry.type,
        source: entry.source,
        source_id: entry.sourceId,
        actor: entry.actor!,
        ...(entry.subjectRef ? { subject_ref: entry.subjectRef } : {}),
        payload: JSON.parse(entry.payloadJson) as Record<string, unknown>,
        occurred_at: entry.occurredAt,
        leaf_hash: entry.leafHash,
      })),
      next_cursor: page.nextCursor ?? null,
    };
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationView, description: 'Recomputes the log against the signed checkpoints.' })
  async verify(): Promise<VerificationView> {
    const report = await this.privacy.verifyAuditLog({}, { timeoutMs: 120_000 });
    return {
      ok: report.ok,
      checked: Number(report.checked),
      first_bad_seq: report.firstBadSeq === undefined ? null : Number(report.firstBadSeq),
      ...(report.problem ? { problem: report.problem } : {}),
      checkpoints_checked: report.checkpointsChecked,
    };
  }

  @Get('checkpoints')
  @ApiOkResponse({ type: CheckpointExportView, description: 'Every signed checkpoint and the public key, for offline verification.' })
  async checkpoints(): Promise<CheckpointExportView> {
    const { checkpoints, publicKeyPem } = await this.privacy.listCheckpoints({});
    return { checkpoints: checkpoints.map(toCheckpointView), public_key_pem: publicKeyPem };
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOkResponse({ type: CheckpointExportView, description: 'Signs a checkpoint of the log as it is now.' })
  async createCheckpoint(): Promise<CheckpointView> {
    const { checkpoint } = await this.privacy.createCheckpoint({});
    return toCheckpointView(checkpoint!);
  }
}
