import { Validations, type App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { InterchangeConfig } from '../config/schema';
import { MonitoringStack } from './monitoring-stack';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** The stacks of one stage. */
export interface InterchangeStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly monitoring: MonitoringStack;
}

/**
 * Builds one stage's stacks: stateful first, handing its tables and queues to the stateless and monitoring
 * stacks; cdk-nag's AwsSolutions pack checks them all, and a finding fails synth.
 */
export function buildInterchange(app: App, config: InterchangeConfig): InterchangeStacks {
  const env = { account: config.stage.account, region: config.stage.region };
  const prefix = `Interchange-${config.stage.name}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env, config });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    stateful,
    logRetention: retentionDays(config.stage.logRetentionDays),
  });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, { env, config, stateful, stateless });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless, monitoring };
}

/** CloudWatch accepts only certain retention periods; the configured days round up to the next one. */
export function retentionDays(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays)
    .filter((value): value is RetentionDays => typeof value === 'number' && value > 0)
    .sort((a, b) => a - b);
  return allowed.find((value) => value >= days) ?? RetentionDays.TEN_YEARS;
}
