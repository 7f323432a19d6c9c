import { AuditedAdapter, type AdapterDependencies, type Interpretation, type Recipient, type WireResponse } from '#libs/sharing';

/**
 * Hands an ACCESS or EXPORT answer to the data subject. It goes through the
 * audited adapter like any transfer (recipient `data-subject`, purpose
 * `data_subject_access`), and its "endpoint" is the subject's mailbox: the
 * encrypted result that only they can read with GetDataRequest.
 */
export class DataSubjectDeliveryAdapter extends AuditedAdapter<{ export_bundle: Record<string, unknown> }, void> {
  readonly recipientId = 'data-subject';
  readonly purpose = 'data_subject_access' as const;

  constructor(
    deps: AdapterDependencies,
    private readonly mailbox: (bundle: unknown) => Promise<void>,
  ) {
    super(deps);
  }

  protected override async deliver(_url: string, body: string, _headers: Record<string, string>, _recipient: Recipient): Promise<WireResponse> {
    await this.mailbox((JSON.parse(body) as { export_bundle: unknown }).export_bundle);
    return { status: 200, body: undefined };
  }

  protected interpret(): Interpretation<void> {
    return { result: undefined, outcome: 'DELIVERED', billed: false };
  }
}
