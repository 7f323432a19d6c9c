import { Injectable } from '@nestjs/common';
import type { Application as ApplicationMessage } from '#contracts/merchant';
import type { Application } from './application.js';
import { toApplicationMessage, type Audience } from './application.mapper.js';
import { ApplicationRepository } from './application.repository.js';

/** An application as its audience sees it, with its history and the approvals of the current round. */
@Injectable()
export class ApplicationViews {
  constructor(private readonly applications: ApplicationRepository) {}

  async render(application: Application, audience: Audience): Promise<ApplicationMessage> {
    const [history, decisions] = await Promise.all([this.applications.history(application.id), this.applications.decisions(application.id)]);
    return toApplicationMessage(application, audience, history, decisions);
  }

  /** List items: the review state without the history (read one application for that). */
  async renderMany(applications: Application[], audience: Audience): Promise<ApplicationMessage[]> {
    const decisions = await this.applications.decisionsOf(applications.map((application) => application.id));
    return applications.map((application) =>
      toApplicationMessage(
        application,
        audience,
        [],
        decisions.filter((decision) => decision.applicationId === application.id),
      ),
    );
  }
}
