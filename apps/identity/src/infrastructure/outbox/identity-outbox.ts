import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { OutboxRelay } from '#libs/outbox';
import { DataSource } from 'typeorm';
import { RISK_CLIENT, type RiskClient } from '../adapters/grpc-risk-assessor.js';
import { RISK_OUTCOME_TOPIC, riskOutcomeDelivery } from '../adapters/risk-outcome-delivery.js';

/** Delivers what identity wrote to its outbox (factor outcomes for risk) while the service runs. */
@Injectable()
export class IdentityOutbox implements OnModuleInit, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(dataSource: DataSource, @Inject(RISK_CLIENT) risk: RiskClient, @Inject(LOGGER) logger: Logger) {
    this.relay = new OutboxRelay({ schema: 'identity', dataSource, logger, topics: { [RISK_OUTCOME_TOPIC]: riskOutcomeDelivery(risk) } });
  }

  onModuleInit(): void {
    this.relay.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}
