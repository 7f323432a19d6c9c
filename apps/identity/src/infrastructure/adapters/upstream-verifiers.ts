import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PiiVault } from '#libs/pii';
import type { AdapterDependencies } from '#libs/sharing';
import type { MatchedCard, MatchedIdentity } from '../../sessions/session.js';
import type { UpstreamAnswer } from '../../sessions/verdict.js';
import { CardVerifier, FaceVerifier, IdAuthority, type FaceSubmission, type RealNamePurpose } from '../../verification/verifiers.js';
import { CardNetworkAdapter } from './card-network.adapter.js';
import { FaceVendorAdapter } from './face-vendor.adapter.js';
import { IdAuthorityAdapter } from './id-authority.adapter.js';

/** What every adapter is built from (privacy client, registry, logger, transport), less the asking service. */
export class AdapterDependencyFactory {
  constructor(private readonly deps: Omit<AdapterDependencies, 'requestedBy'>) {}

  forService(requestedBy: string): AdapterDependencies {
    return { ...this.deps, requestedBy };
  }
}

type Referenced = 'id_number' | 'bank_card' | 'mobile';

/** Disclosure references: blind indexes, never the values. */
function references(vault: PiiVault, values: Partial<Record<Referenced, string>>): Record<string, string> {
  const names: Record<Referenced, string> = { id_number: 'id_number_bidx', bank_card: 'card_number_bidx', mobile: 'phone_bidx' };
  return Object.fromEntries(Object.entries(values).map(([kind, value]) => [names[kind as Referenced], vault.blindIndex(kind as Referenced, value!)]));
}

@Injectable()
export class IdAuthorityVerifier extends IdAuthority implements OnApplicationShutdown {
  // One adapter per purpose and asking service: each disclosure record names both.
  private readonly adapters = new Map<string, IdAuthorityAdapter>();

  constructor(
    private readonly factory: AdapterDependencyFactory,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  verify(subjectId: string, identity: MatchedIdentity, purpose: RealNamePurpose, requestedBy: string): Promise<UpstreamAnswer> {
    const key = `${purpose}/${requestedBy}`;
    let adapter = this.adapters.get(key);
    if (!adapter) this.adapters.set(key, (adapter = new IdAuthorityAdapter(this.factory.forService(requestedBy), purpose)));
    return adapter.send(
      subjectId,
      { name: identity.name, id_number: identity.idNumber },
      { references: references(this.vault, { id_number: identity.idNumber }) },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.adapters.values()].map((adapter) => adapter.close()));
  }
}

@Injectable()
export class FaceVendorVerifier extends FaceVerifier implements OnApplicationShutdown {
  private readonly adapter: FaceVendorAdapter;

  constructor(
    factory: AdapterDependencyFactory,
    private readonly vault: PiiVault,
  ) {
    super();
    this.adapter = new FaceVendorAdapter(factory.forService('identity'));
  }

  verify(subjectId: string, submission: FaceSubmission): Promise<UpstreamAnswer> {
    return this.adapter.send(
      subjectId,
      {
        name: submission.identity.name,
        id_number: submission.identity.idNumber,
        face_image: Buffer.from(submission.image.buffer, submission.image.byteOffset, submission.image.byteLength).toString('base64'),
        liveness_score: submission.livenessScore,
      },
      { references: { ...references(this.vault, { id_number: submission.identity.idNumber }), face_sha256: submission.sha256 } },
    );
  }

  onApplicationShutdown(): Promise<void> {
    return this.adapter.close();
  }
}

@Injectable()
export class CardNetworkVerifier extends CardVerifier implements OnApplicationShutdown {
  private readonly adapter: CardNetworkAdapter;

  constructor(
    factory: AdapterDependencyFactory,
    private readonly vault: PiiVault,
  ) {
    super();
    this.adapter = new CardNetworkAdapter(factory.forService('identity'));
  }

  verify(subjectId: string, identity: MatchedIdentity, card: MatchedCard): Promise<UpstreamAnswer> {
    return this.adapter.send(
      subjectId,
      { card_number: card.cardNumber, name: identity.name, id_number: identity.idNumber, phone: card.phone },
      { references: references(this.vault, { id_number: identity.idNumber, bank_card: card.cardNumber, mobile: card.phone }) },
    );
  }

  onApplicationShutdown(): Promise<void> {
    return this.adapter.close();
  }
}
