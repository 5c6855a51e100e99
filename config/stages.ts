import type { InterchangeConfigInput } from './schema';

/**
 * Each vendor API a source's functions call, once: completion (the transform) and reconciliation (the poller) read
 * the same API with the same credentials, and Business Central's subscriptions use its credentials too.
 */
const shopifyAdminApi = {
  baseUrl: 'https://shop.example.com/admin/api/2026-07',
  auth: { kind: 'api-key', header: 'x-shopify-access-token', secretName: 'interchange/sources/storefront-admin-api' },
} as const;
const businessCentralAuth = {
  kind: 'oauth2-client-credentials',
  tokenUrl: 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token',
  scope: 'https://api.businesscentral.dynamics.com/.default',
  secretName: 'interchange/sources/erp-api',
} as const;
const businessCentralCompanyApi = {
  baseUrl: 'https://api.businesscentral.dynamics.com/v2.0/tenant/production/api/v2.0/companies(company-id)',
  auth: businessCentralAuth,
} as const;
const hubspotApi = {
  baseUrl: 'https://api.hubapi.com',
  // A HubSpot private app token: the secret holds the whole header value, `Bearer pat-...`.
  auth: { kind: 'api-key', header: 'authorization', secretName: 'interchange/sources/crm-api' },
} as const;

/**
 * The deployment's topology, shared by every stage: which vendors post to it, which systems it delivers to
 * and which canonical events each system receives. Stages below change limits and stage settings only,
 * so what runs in dev is what runs in prod.
 */
const topology: Omit<InterchangeConfigInput, 'stage'> = {
  sources: [
    {
      name: 'storefront',
      scheme: { kind: 'shopify' },
      secretName: 'interchange/webhooks/storefront',
      eventTypeHeader: 'x-shopify-topic',
      deliveryIdHeader: 'x-shopify-webhook-id',
      eventIdHeader: 'x-shopify-event-id',
      eventTimeHeader: 'x-shopify-triggered-at',
      completion: {
        ...shopifyAdminApi,
        entities: {
          orders: { path: '/orders/{id}.json', unwrap: 'order' },
          inventory_items: { path: '/inventory_items/{id}.json', unwrap: 'inventory_item' },
        },
      },
      reconciliation: {
        api: 'shopify',
        ...shopifyAdminApi,
        streams: {
          orders: { path: '/orders.json', eventType: 'orders/updated', query: { status: 'any' } },
          'inventory-levels': {
            path: '/inventory_levels.json',
            eventType: 'inventory_levels/update',
            query: { location_ids: '655441491' },
          },
        },
      },
    },
    {
      name: 'payments',
      scheme: { kind: 'stripe', toleranceSeconds: 300 },
      secretName: 'interchange/webhooks/payments',
      eventTypeField: 'type',
      reconciliation: {
        api: 'stripe-events',
        baseUrl: 'https://api.stripe.com',
        streams: { events: { path: '/v1/events' } },
        // A restricted key with read access to events: the secret holds the whole header value, `Bearer rk_...`.
        auth: { kind: 'api-key', header: 'authorization', secretName: 'interchange/sources/payments-api' },
      },
    },
    {
      name: 'erp',
      // Business Central posts `{"value": [...]}` batches of change notifications whose clientState is the
      // secret; each names a record the transform reads from the API. A relay that pushes whole records posts
      // them as Standard Webhooks (type in the body), signed with the same secret.
      scheme: { kind: 'business-central' },
      additionalSchemes: [{ kind: 'standard-webhooks', toleranceSeconds: 300 }],
      secretName: 'interchange/webhooks/erp',
      eventTypeField: 'type',
      deliveryIdHeader: 'webhook-id',
      eventIdHeader: 'webhook-id',
      completion: {
        ...businessCentralCompanyApi,
        entities: { items: { path: '/items({id})' }, customers: { path: '/customers({id})' } },
      },
      reconciliation: {
        api: 'business-central',
        ...businessCentralCompanyApi,
        streams: {
          items: { path: '/items', eventType: 'item.updated' },
          customers: { path: '/customers', eventType: 'customer.updated' },
        },
      },
      subscriptions: {
        kind: 'business-central',
        baseUrl: 'https://api.businesscentral.dynamics.com/v2.0/tenant/production/api/v2.0',
        resources: ['/api/v2.0/companies(company-id)/items', '/api/v2.0/companies(company-id)/customers'],
        auth: businessCentralAuth,
      },
    },
    {
      name: 'logistics',
      // EasyPost trackers (type in the body's `description`) and ShipBob shipments (Standard Webhooks, topic in
      // `x-webhook-topic`) post to the same source, each verified by the scheme whose header it carries.
      scheme: { kind: 'easypost' },
      additionalSchemes: [{ kind: 'standard-webhooks', toleranceSeconds: 300 }],
      secretName: 'interchange/webhooks/logistics',
      eventTypeHeader: 'x-webhook-topic',
      eventTypeField: 'description',
      eventIdHeader: 'webhook-id',
    },
    {
      name: 'crm',
      scheme: { kind: 'hubspot-v3', toleranceSeconds: 300 },
      secretName: 'interchange/webhooks/crm',
      completion: { ...hubspotApi, entities: { contacts: { path: '/crm/v3/objects/contacts/{id}' } } },
      reconciliation: {
        api: 'hubspot-search',
        ...hubspotApi,
        streams: { contacts: { path: '/crm/v3/objects/contacts/search', eventType: 'contact' } },
        // HubSpot's search endpoints allow about five requests per second per account.
        requestsPerSecond: 4,
      },
    },
  ],
  destinations: [
    { name: 'erp', baseUrl: 'https://erp.example.com/api/v1', requestsPerSecond: 20, maxConcurrency: 5 },
    { name: 'crm', baseUrl: 'https://crm.example.com/api/v3', requestsPerSecond: 10, maxConcurrency: 3 },
    { name: 'analytics', baseUrl: 'https://analytics.example.com/v1', requestsPerSecond: 50, maxConcurrency: 5 },
    { name: 'fulfillment', baseUrl: 'https://3pl.example.com/api', requestsPerSecond: 5, maxConcurrency: 2 },
    { name: 'storefront', baseUrl: 'https://shop.example.com/admin/api', requestsPerSecond: 2, maxConcurrency: 2 },
  ],
  routes: {
    'interchange.order.v1': ['erp', 'crm', 'analytics', 'fulfillment'],
    'interchange.customer.v1': ['crm', 'erp', 'analytics'],
    'interchange.inventory-level.v1': ['storefront', 'analytics'],
    'interchange.payment.v1': ['erp', 'analytics'],
    'interchange.shipment.v1': ['crm', 'analytics'],
  },
};

/** Every stage the app can synthesize, by name (`cdk synth -c stage=prod`). */
export const STAGES: Readonly<Record<string, InterchangeConfigInput>> = {
  // dev traces only requests that arrive sampled: its X-Ray bill is then nil, and its logs carry every correlation id.
  dev: { ...topology, stage: { name: 'dev', logRetentionDays: 14, retainData: false, tracing: 'pass-through' } },
  prod: {
    ...topology,
    stage: {
      name: 'prod',
      logRetentionDays: 90,
      archiveDays: 90,
      retainData: true,
      apiThrottle: { rateLimit: 1000, burstLimit: 2000 },
      tracing: 'active',
    },
  },
};
