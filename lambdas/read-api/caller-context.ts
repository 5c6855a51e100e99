/** Who the authorizer let in, and their rate, as it hands them over in the request's authorizer context. */
export interface ReadCaller {
  readonly caller: string;
  readonly requestsPerSecond: number;
}

/** The caller from the authorizer context; undefined when it is missing or malformed. */
export function callerOf(context: Partial<Record<keyof ReadCaller, unknown>> | undefined): ReadCaller | undefined {
  const caller = context?.caller;
  const rate = Number(context?.requestsPerSecond);
  if (typeof caller !== 'string' || caller.length === 0 || !Number.isFinite(rate) || rate <= 0) return undefined;
  return { caller, requestsPerSecond: rate };
}
