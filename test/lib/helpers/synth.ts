import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadStageConfig } from '../../../config/load';
import type { InterchangeConfig } from '../../../config/schema';
import { buildInterchange, type InterchangeStacks } from '../../../lib/interchange-app';

/** Templates of one stage's stacks. Bundling is skipped: these tests check infrastructure, not bundles. */
export interface SynthesizedStage {
  readonly config: InterchangeConfig;
  readonly stacks: InterchangeStacks;
  readonly stateful: Template;
  readonly stateless: Template;
  readonly monitoring: Template;
}

export function synthesizeStage(stage = 'dev'): SynthesizedStage {
  const config = loadStageConfig(stage);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildInterchange(app, config);
  app.synth();
  return {
    config,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
    monitoring: Template.fromStack(stacks.monitoring),
  };
}
