import * as z from 'zod';
import { CANONICAL_EVENT_TYPES, type CanonicalEventType } from '../schemas/envelope';

/**
 * The deployment's configuration: sources, destinations, routes, limits and stage settings.
 * bin/ parses it at synth and local/ at start, so a bad value fails before anything is built,
 * with a message naming the field.
 */

/** A name usable in URLs, CloudFormation ids and queue names. */
const slug = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,30}$/,
    'must be 2-31 characters: lower-case letters, digits and dashes, starting with a letter',
  );

/**
 * The largest body a source may accept. Lambda takes a request of at most 6 MB and API Gateway hands the body
 * over inside a JSON event (quotes escaped, headers beside it), so the cap stays well under that. Bodies that do
 * not fit a queue message travel through the payload bucket (claim check).
 */
export const MAX_WEBHOOK_BODY_BYTES = 5_242_880;
/** What a source accepts unless it says otherwise: vendors send orders of several megabytes. */
export const DEFAULT_WEBHOOK_BODY_BYTES = 5_000_000;

/** Canonical event types a route can name: the contracts' own list, without importing the contracts themselves. */
export const ROUTABLE_EVENT_TYPES = CANONICAL_EVENT_TYPES;
export type RoutableEventType = CanonicalEventType;

/** How a source signs its webhooks (DESIGN.md, "Sources and signature schemes"). */
export const signatureSchemeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shopify') }),
  z.object({ kind: z.literal('stripe'), toleranceSeconds: z.number().int().min(1).max(3600).default(300) }),
  z.object({ kind: z.literal('standard-webhooks'), toleranceSeconds: z.number().int().min(1).max(3600).default(300) }),
  z.object({
    kind: z.literal('hex-hmac'),
    header: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a lower-case HTTP header name')
      .default('x-signature-sha256'),
  }),
  z.object({ kind: z.literal('easypost') }),
  /** HubSpot asks receivers to refuse requests whose timestamp is older than five minutes. */
  z.object({ kind: z.literal('hubspot-v3'), toleranceSeconds: z.number().int().min(1).max(3600).default(300) }),
  z.object({ kind: z.literal('business-central') }),
]);
export type SignatureSchemeConfig = z.infer<typeof signatureSchemeSchema>;

/**
 * Further schemes of a source fed by senders with different schemes (ShipBob's shipments beside EasyPost's
 * trackers on logistics; a relay of full ERP records beside Business Central's own notifications): each request is
 * verified with the scheme whose signature header it carries, so every scheme of a source signs in its own header;
 * Business Central, whose secret is in the body, can only be the first scheme and takes requests with none.
 */
export const additionalSchemesSchema = z
  .array(signatureSchemeSchema)
  .min(1)
  .refine(
    (schemes) => schemes.every((scheme) => scheme.kind !== 'business-central'),
    "business-central has no signature header, so it can only be a source's first scheme",
  );

/**
 * How Interchange authenticates to an API it calls (a destination, or a source's read API): nothing, an API key
 * header read from a secret, or an OAuth2 client-credentials token whose client id and secret live in a secret.
 */
export const apiAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('api-key'), header: z.string().toLowerCase(), secretName: z.string().min(1) }),
  z.object({
    kind: z.literal('oauth2-client-credentials'),
    tokenUrl: z.url(),
    secretName: z.string().min(1),
    /** Some identity providers (Microsoft Entra for Business Central) require the API's scope. */
    scope: z.string().min(1).optional(),
  }),
]);
export type ApiAuthConfig = z.infer<typeof apiAuthSchema>;

/** Where a source's API returns the full record of an entity its webhooks may send half-filled. */
export const completionSchema = z.object({
  baseUrl: z.url(),
  /** Entity as the source's mappers name it (`inventory_items`, `contacts`) to the path of one record. */
  entities: z.record(
    z.string().min(1),
    z.object({
      path: z.string().regex(/^\/.*\{id\}/, 'must start with / and contain {id}'),
      /** Property the API wraps the record in (Shopify's `{"order": {...}}`); absent when it answers the record itself. */
      unwrap: z.string().min(1).optional(),
    }),
  ),
  requestTimeoutMs: z.number().int().min(100).max(10_000).default(3_000),
  auth: apiAuthSchema.default({ kind: 'none' }),
});
export type CompletionConfig = z.infer<typeof completionSchema>;

/**
 * The list APIs Interchange can read a source's changes from, each paged as its vendor pages it: Shopify REST
 * (`updated_at_min`, `Link` page_info), Stripe's `/v1/events` (`created[gte]`, `starting_after`), Business
 * Central OData (`$filter=lastModifiedDateTime`, `@odata.nextLink`) and HubSpot CRM search (`lastmodifieddate`,
 * `after`).
 */
export const LIST_APIS = ['shopify', 'stripe-events', 'business-central', 'hubspot-search'] as const;
export type ListApi = (typeof LIST_APIS)[number];

/** One list of a source's records to reconcile, such as Shopify's orders or Business Central's items. */
export const reconciliationStreamSchema = z.object({
  /** Path of the list endpoint under the base URL (`/orders.json`, `/v1/events`, `/items`). */
  path: z.string().regex(/^\/[^?#]*$/, 'must start with / and carry no query'),
  /**
   * The vendor event type a listed record is fed to the pipeline as (`orders/updated`, `item.updated`,
   * `contact`); absent where each record names its own (Stripe events).
   */
  eventType: z.string().min(1).optional(),
  /** Further query parameters the endpoint needs (Shopify's inventory levels need `location_ids`). */
  query: z.record(z.string().min(1), z.string()).default({}),
});
export type ReconciliationStreamConfig = z.infer<typeof reconciliationStreamSchema>;

/**
 * Where and how often a source's list API is read to find changes whose webhooks never came. Each stream keeps
 * its own cursor; only records missing from the canonical state, or newer than it, are fed to the pipeline.
 */
export const reconciliationSchema = z
  .object({
    api: z.enum(LIST_APIS),
    baseUrl: z.url(),
    auth: apiAuthSchema.default({ kind: 'none' }),
    streams: z.record(slug, reconciliationStreamSchema),
    /** Minutes between two polls. */
    everyMinutes: z.number().int().min(1).max(1440).default(15),
    /**
     * Changes younger than this are left to their webhooks, which may still be on their way: a poll reads up to
     * now minus this, so it does not re-send what a webhook in flight is about to deliver.
     */
    settleSeconds: z.number().int().min(0).max(3600).default(300),
    /** How far back the first poll of a stream reads, before it has a cursor. */
    firstLookbackHours: z.number().int().min(1).max(720).default(24),
    pageSize: z.number().int().min(1).max(250).default(100),
    /** Requests per second to the list API: vendors limit their APIs per app (Shopify REST: 2/s). */
    requestsPerSecond: z.number().positive().max(100).default(2),
    requestTimeoutMs: z.number().int().min(100).max(30_000).default(5_000),
  })
  .refine((reconciliation) => Object.keys(reconciliation.streams).length > 0, {
    path: ['streams'],
    message: 'must name at least one stream',
  })
  .refine(
    (reconciliation) =>
      reconciliation.api === 'stripe-events' ||
      Object.values(reconciliation.streams).every((stream) => stream.eventType !== undefined),
    { path: ['streams'], message: 'each stream needs an eventType; only Stripe events name their own' },
  );
export type ReconciliationConfig = z.infer<typeof reconciliationSchema>;

/**
 * The vendor API through which a source's webhook subscriptions are kept alive: Business Central's expire after
 * three days and are renewed (PATCH with If-Match, answered by a new handshake) or made again; Stripe disables an
 * endpoint after repeated failures, and it is enabled again.
 */
export const subscriptionsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('business-central'),
    /** The API root holding the `subscriptions` entity (`.../api/v2.0`). */
    baseUrl: z.url(),
    auth: apiAuthSchema.default({ kind: 'none' }),
    /** Resources to be notified about, relative to the API root (`companies(<id>)/items`). */
    resources: z.array(z.string().min(1)).min(1),
    /** A subscription expiring within this is renewed (Business Central's last three days). */
    renewWithinHours: z.number().int().min(1).max(71).default(24),
    everyMinutes: z.number().int().min(1).max(1440).default(60),
    requestTimeoutMs: z.number().int().min(100).max(30_000).default(10_000),
  }),
  z.object({
    kind: z.literal('stripe'),
    baseUrl: z.url(),
    auth: apiAuthSchema.default({ kind: 'none' }),
    everyMinutes: z.number().int().min(1).max(1440).default(60),
    requestTimeoutMs: z.number().int().min(100).max(30_000).default(10_000),
  }),
]);
export type SubscriptionsConfig = z.infer<typeof subscriptionsSchema>;

export const sourceSchema = z
  .object({
    name: slug,
    scheme: signatureSchemeSchema,
    additionalSchemes: additionalSchemesSchema.optional(),
    /** Secrets Manager name of a JSON secret `{"current": "...", "previous": "..."}`; both verify during rotation. */
    secretName: z.string().min(1),
    /**
     * Header carrying the vendor's topic (Shopify's `x-shopify-topic`). The topics accepted are the ones the
     * source's mappers handle; a signed webhook of any other topic is answered 200, counted and dropped.
     */
    eventTypeHeader: z.string().toLowerCase().optional(),
    /**
     * Top-level body field carrying the topic when the vendor puts it in the body (Stripe's `type`, EasyPost's
     * `description`); read when the header is absent, so one source can take vendors of both kinds.
     */
    eventTypeField: z.string().min(1).optional(),
    /** Header carrying the vendor's delivery id, so a replayed delivery is recognised downstream. */
    deliveryIdHeader: z.string().toLowerCase().optional(),
    /**
     * Header carrying the vendor's id of the change itself (Shopify's `x-shopify-event-id`, Standard Webhooks'
     * `webhook-id`): canonical event ids are built from it, so two changes never share one. Vendors that put it in
     * the body (Stripe, EasyPost) are read there by their mappers.
     */
    eventIdHeader: z.string().toLowerCase().optional(),
    /** Header carrying the vendor's precise time of the change (Shopify's `x-shopify-triggered-at`), to order changes within one second. */
    eventTimeHeader: z.string().toLowerCase().optional(),
    maxBodyBytes: z.number().int().min(1024).max(MAX_WEBHOOK_BODY_BYTES).default(DEFAULT_WEBHOOK_BODY_BYTES),
    /** The source's API for completing partial records; without it a partial record waits, then is quarantined. */
    completion: completionSchema.optional(),
    /** The source's list API, read on a schedule to feed the pipeline what webhooks missed. */
    reconciliation: reconciliationSchema.optional(),
    /** The source's webhook subscription API, checked on a schedule to keep subscriptions alive. */
    subscriptions: subscriptionsSchema.optional(),
  })
  .superRefine((source, ctx) => {
    const secrets = new Set(sourceApiAuths(source).map((auth) => auth.secretName));
    if (secrets.size > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['reconciliation', 'auth'],
        message: "a source's APIs (completion, reconciliation, subscriptions) share one credentials secret",
      });
    }
    const schemes = [source.scheme, ...(source.additionalSchemes ?? [])];
    const headers = schemes.map((scheme) => (scheme.kind === 'hex-hmac' ? scheme.header : scheme.kind));
    if (new Set(headers).size !== headers.length) {
      ctx.addIssue({ code: 'custom', path: ['additionalSchemes'], message: 'each scheme must sign in its own header' });
    }
  });
export type SourceConfig = z.infer<typeof sourceSchema>;

type SourceApis = Partial<Record<'completion' | 'reconciliation' | 'subscriptions', { auth: ApiAuthConfig }>>;

/** The credentials of a source's APIs that need a secret; they all name the same one (checked above). */
export function sourceApiAuths(source: SourceApis): Exclude<ApiAuthConfig, { kind: 'none' }>[] {
  return [source.completion?.auth, source.reconciliation?.auth, source.subscriptions?.auth].filter(
    (auth): auth is Exclude<ApiAuthConfig, { kind: 'none' }> => auth !== undefined && auth.kind !== 'none',
  );
}

/**
 * The highest send rate a destination may be given. The shared rate state grants it across many concurrent connector
 * instances by splitting it over bucket items (docs/PERFORMANCE.md, "A destination's ceiling").
 */
export const MAX_REQUESTS_PER_SECOND = 10_000;

/**
 * The internal destination every canonical event is routed to: the state writer, which keeps each entity's latest
 * version for the read API and the reconciliation pollers. No configured destination may take its name.
 */
export const CANONICAL_STATE_DESTINATION = 'canonical-state';

export const destinationSchema = z
  .object({
    name: slug.refine((name) => name !== CANONICAL_STATE_DESTINATION, {
      message: `"${CANONICAL_STATE_DESTINATION}" is the internal destination of every canonical event`,
    }),
    baseUrl: z.url(),
    auth: apiAuthSchema.default({ kind: 'none' }),
    /** Hard cap on concurrent connector invocations (event source mapping maximum concurrency, 2..1000). */
    maxConcurrency: z.number().int().min(2).max(1000).default(5),
    /** Ceiling of the shared send rate; a 429 lowers the live rate below it. */
    requestsPerSecond: z
      .number()
      .positive()
      .max(MAX_REQUESTS_PER_SECOND, {
        message: `must be at most ${MAX_REQUESTS_PER_SECOND}, the highest rate the shared rate state is proved to hold`,
      })
      .default(10),
    requestTimeoutMs: z.number().int().min(100).max(30_000).default(5_000),
    batchSize: z.number().int().min(1).max(100).default(10),
    /**
     * Attempts that reach the destination (or get no answer) before an event is dead-lettered with
     * `attempts-exhausted`. Waiting for a rate token, an open circuit or another delivery spends none.
     */
    maxAttempts: z.number().int().min(1).max(100).default(25),
    /**
     * How long an event is retried before it is dead-lettered with `horizon-exceeded` (default 24 hours; Svix retries
     * for about 27). The delivery queue keeps messages a day longer, so nothing expires unseen.
     */
    retryHorizonSeconds: z
      .number()
      .int()
      .min(10)
      .max(13 * 24 * 3600)
      .default(24 * 3600),
    /** First delay after a failed attempt; it doubles with each attempt (with jitter). */
    retryBaseSeconds: z.number().int().min(1).max(900).default(10),
    /**
     * How long a write whose answer never came (a timeout) may still land at the destination: no later change of the
     * same subject is sent before then, so a slow old write cannot overwrite a newer one.
     */
    writeFenceSeconds: z.number().int().min(1).max(3600).default(120),
    /** Consecutive failures that open the destination's circuit, and how long it stays open before a probe. */
    circuitBreaker: z
      .object({
        failureThreshold: z.number().int().min(1).max(100).default(5),
        cooldownSeconds: z.number().int().min(1).max(3600).default(30),
      })
      .default({ failureThreshold: 5, cooldownSeconds: 30 }),
  })
  .superRefine((destination, ctx) => {
    if (destination.writeFenceSeconds * 1000 <= destination.requestTimeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['writeFenceSeconds'],
        message: 'must be longer than requestTimeoutMs: a write that timed out may land after the connector gave up',
      });
    }
  });
export type DestinationConfig = z.infer<typeof destinationSchema>;

export const stageSchema = z.object({
  name: slug,
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1')
    .optional(),
  logRetentionDays: z.number().int().min(1).max(3653).default(30),
  /** Email subscribed to the on-call topic; alarms still publish to the topic without it. */
  alarmEmail: z.email().optional(),
  /**
   * Where every alarm's notification links to its runbook section: the absolute https URL of docs/RUNBOOK.md as
   * on-call reads it (the repository browser at the deployed branch, a wiki). A path would not open from a pager.
   */
  runbookUrl: z.url({ protocol: /^https$/, error: 'must be an absolute https URL' }).optional(),
  apiThrottle: z
    .object({ rateLimit: z.number().positive().default(500), burstLimit: z.number().int().positive().default(1000) })
    .default({ rateLimit: 500, burstLimit: 1000 }),
  /**
   * Days the archive of accepted webhooks (raw bodies and attributes, in the payload bucket) is kept, which is how
   * far back `interchange replay` reaches. Large bodies' claim checks are kept as long, so a replay finds them.
   */
  archiveDays: z.number().int().min(1).max(3650).default(30),
  /**
   * How the functions are traced with X-Ray. `active`: Lambda samples each function's invocations by its fixed rule
   * (the first each second, then 5 %; it cannot be changed for Lambda) and every trace is billed. `pass-through`:
   * only invocations whose trigger arrived sampled are traced, which for webhooks (HTTP API sends no trace header)
   * is none; logs and metrics still carry every correlation id.
   */
  tracing: z.enum(['active', 'pass-through']).default('active'),
  /** Whether tables and secrets survive `cdk destroy`; production keeps them. */
  retainData: z.boolean().default(true),
});
export type StageConfig = z.infer<typeof stageSchema>;

export const interchangeConfigSchema = z
  .object({
    stage: stageSchema,
    sources: z.array(sourceSchema).min(1),
    destinations: z.array(destinationSchema).min(1),
    /** Canonical event type to the destinations that receive it. */
    routes: z.partialRecord(z.enum(ROUTABLE_EVENT_TYPES), z.array(slug).min(1)),
  })
  .superRefine((config, ctx) => {
    const names = (items: { name: string }[], path: 'sources' | 'destinations') => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.name)) {
          ctx.addIssue({ code: 'custom', path: [path, index, 'name'], message: `duplicate name "${item.name}"` });
        }
        seen.add(item.name);
      });
      return seen;
    };
    names(config.sources, 'sources');
    const destinations = names(config.destinations, 'destinations');
    for (const [type, targets] of Object.entries(config.routes)) {
      targets?.forEach((target, index) => {
        if (!destinations.has(target)) {
          ctx.addIssue({ code: 'custom', path: ['routes', type, index], message: `unknown destination "${target}"` });
        }
      });
    }
  });

/** What a deployment writes; defaults are filled in by parsing. */
export type InterchangeConfigInput = z.input<typeof interchangeConfigSchema>;
/** The validated configuration every consumer reads. */
export type InterchangeConfig = z.output<typeof interchangeConfigSchema>;
