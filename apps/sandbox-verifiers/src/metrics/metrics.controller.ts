import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';
import { SandboxMetrics } from './sandbox-metrics.js';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: SandboxMetrics) {}

  @Get('metrics')
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
