/** Runs the functions' real bundles in worker threads, each with its own environment, for local mode and tests. */
export { bundleFunctions, FUNCTION_KINDS, type FunctionKind } from './bundle-functions';
export {
  FunctionInvocationError,
  LocalFunction,
  type FunctionUsage,
  type LocalFunctionOptions,
} from './local-function';
