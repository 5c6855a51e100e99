/**
 * The failures a fake downstream can be told to inject. Every field is optional and they combine; one schema checks a
 * plan whether it comes from a test through setFaults() or from a person through the control API.
 */
import * as z from 'zod';

/** How a fake downstream should misbehave until the plan is cleared. */
export interface FaultPlan {
  /** Share of requests (0..1) answered with `errorStatus`, drawn from the seeded generator. */
  readonly errorRate?: number;
  /** Status for `errorRate` failures; 500 when absent. */
  readonly errorStatus?: number;
  /** Statuses to answer in order, one per request, before answering normally; a 2xx entry is a normal answer. */
  readonly statuses?: readonly number[];
  /** Retry-After sent with a scripted or permanent failing status; none when absent. */
  readonly statusRetryAfterSeconds?: number;
  /** A token bucket: requests beyond it get 429 with Retry-After. */
  readonly rateLimit?: {
    readonly requestsPerSecond: number;
    /** Burst allowance; the larger of 1 and `requestsPerSecond` when absent. */
    readonly burst?: number;
    /** Retry-After value to send; the time until the next token when absent. */
    readonly retryAfterSeconds?: number;
  };
  /** Delay before every answer. */
  readonly latencyMs?: number;
  /** Accept requests and never answer them until the server closes. */
  readonly timeout?: boolean;
  /** Epoch milliseconds until which every request gets 503 with Retry-After. */
  readonly outageUntil?: number;
  /** Status to answer every request with, e.g. 400 for a payload the system will never accept. */
  readonly permanentStatus?: number;
}

const httpStatus = z.number().int().min(100).max(599);

const faultPlanSchema = z.strictObject({
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: httpStatus.optional(),
  statuses: z.array(httpStatus).optional(),
  statusRetryAfterSeconds: z.number().int().nonnegative().optional(),
  rateLimit: z
    .strictObject({
      requestsPerSecond: z.number().positive(),
      burst: z.number().min(1).optional(),
      retryAfterSeconds: z.number().int().nonnegative().optional(),
    })
    .optional(),
  latencyMs: z.number().nonnegative().max(600_000).optional(),
  timeout: z.boolean().optional(),
  outageUntil: z.number().int().nonnegative().optional(),
  permanentStatus: httpStatus.optional(),
});

/** A plan that is not a valid FaultPlan, with every problem listed. */
export class InvalidFaultPlanError extends Error {
  override readonly name = 'InvalidFaultPlanError';
}

/** Checks an untrusted plan; the failure message names each offending field. */
export const parseFaultPlan = (input: unknown): { ok: true; plan: FaultPlan } | { ok: false; message: string } => {
  const result = faultPlanSchema.safeParse(input);
  if (result.success) return { ok: true, plan: result.data };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(plan)'}: ${issue.message}`);
  return { ok: false, message: `Invalid fault plan: ${problems.join('; ')}` };
};
