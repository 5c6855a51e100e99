import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import * as path from 'node:path';
import { FUNCTION_BUNDLE } from '../bundling';
import { functionLogGroupName } from '../naming';

/** What a caller decides about a function; everything else is fixed for every Interchange function. */
export interface InterchangeFunctionProps {
  /** Folder under lambdas/ holding the function's handler.ts. */
  readonly functionDir:
    'ingest' | 'transform' | 'connector' | 'state-writer' | 'read-api' | 'read-authorizer' | 'reconcile';
  /** The function's slice of the configuration, handed over as INTERCHANGE_SETTINGS. */
  readonly settings: object;
  /** Variables beside the settings that several functions read by one name (CANONICAL_STATE_TABLE_NAME). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Service name on every log line, metric and trace. */
  readonly serviceName: string;
  /** Stage the function belongs to; its log group is named after it and the service. */
  readonly stage: string;
  readonly timeout: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** X-Ray tracing of the stage (config `stage.tracing`). */
  readonly tracing: 'active' | 'pass-through';
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.DESTROY for logs, which hold no state */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/** Repository root, so entries resolve the same from bin/, tests and benchmarks. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A Node.js function with the settings production needs fixed: arm64 (cheaper per ms), the current Node.js
 * runtime, X-Ray tracing as the stage sets it, an explicit log group with retention, and local esbuild bundling (no Docker).
 */
export class InterchangeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: InterchangeFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      logGroupName: functionLogGroupName(props.stage, props.serviceName),
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.serviceName}; grants are added per resource it uses`,
    });
    super(scope, id, {
      role,
      entry: path.join(PROJECT_ROOT, 'lambdas', props.functionDir, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      tracing: props.tracing === 'active' ? Tracing.ACTIVE : Tracing.PASS_THROUGH,
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        INTERCHANGE_SETTINGS: Stack.of(scope).toJsonString(props.settings),
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: FUNCTION_BUNDLE.target,
        minify: FUNCTION_BUNDLE.minify,
        sourceMap: FUNCTION_BUNDLE.sourcemap,
        sourceMapMode: SourceMapMode.EXTERNAL,
        sourcesContent: FUNCTION_BUNDLE.sourcesContent,
        mainFields: [...FUNCTION_BUNDLE.mainFields],
        banner: FUNCTION_BUNDLE.banner,
        bundleAwsSDK: true,
        forceDockerBundling: false,
      },
    });
    logGroup.grantWrite(this);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; the statement allows only those actions.',
    });
  }
}
