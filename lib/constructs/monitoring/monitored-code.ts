import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { FunctionRole } from './interchange-metrics';

/** The code the monitoring watches: the webhook API and every function by source or destination name. */
export interface MonitoredCode {
  readonly api: IHttpApi;
  readonly ingestFunctions: ReadonlyMap<string, LambdaFunction>;
  readonly transformFunctions: ReadonlyMap<string, LambdaFunction>;
  readonly connectorFunctions: ReadonlyMap<string, LambdaFunction>;
  /** The canonical state's functions (`writer`, ...), each serving every source and destination. */
  readonly canonicalStateFunctions: ReadonlyMap<string, LambdaFunction>;
  /** Per source with a list API or webhook subscriptions, the function its schedules run. */
  readonly reconcileFunctions: ReadonlyMap<string, LambdaFunction>;
}

/** One function with what it does and for which source or destination. */
export interface MonitoredFunction {
  readonly role: FunctionRole;
  /** The source or destination the function serves. */
  readonly name: string;
  readonly fn: LambdaFunction;
}

/**
 * Every function in pipeline order: ingest and transform per source, a connector per destination, the canonical
 * state's, then reconcile per polled source.
 */
export function monitoredFunctions(code: MonitoredCode): MonitoredFunction[] {
  const listed = (role: FunctionRole, functions: ReadonlyMap<string, LambdaFunction>) =>
    [...functions].map(([name, fn]) => ({ role, name, fn }));
  return [
    ...listed('ingest', code.ingestFunctions),
    ...listed('transform', code.transformFunctions),
    ...listed('connector', code.connectorFunctions),
    ...listed('canonical-state', code.canonicalStateFunctions),
    ...listed('reconcile', code.reconcileFunctions),
  ];
}
