import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthesizeStage } from './helpers/synth';

describe('cdk-nag AwsSolutions', () => {
  test.each(['dev', 'prod'])('stage %s synthesizes with no unacknowledged finding', (stage) => {
    expect(() => synthesizeStage(stage)).not.toThrow();
  });

  test('a finding fails synth, so the check above can fail', () => {
    const app = new App();
    new Queue(new Stack(app, 'Unsafe'), 'PlainQueue');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3|AwsSolutions-SQS4/);
  });
});
