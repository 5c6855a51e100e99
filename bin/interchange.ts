import { App } from 'aws-cdk-lib';
import { loadStageConfig } from '../config/load';
import { buildInterchange } from '../lib/interchange-app';

/** `cdk synth -c stage=prod`; dev when no stage is given. */
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
buildInterchange(app, loadStageConfig(stage));
