import * as z from 'zod';
import type { CanonicalEvent, Order, OrderLine, PostalAddress } from '../../../schemas';
import type { DirectRequest, LookupRequest, LookupResolution } from './destination-request';

/**
 * Shapes an order for the 3PL, modelled on ShipBob's API (1.0): `POST /1.0/order` creates an order, `GET
 * /1.0/order?ReferenceIds=` finds the one held for a reference, `POST /1.0/order/{id}/cancel` cancels it (refused
 * once it has shipped). ShipBob has no endpoint that changes an order's address or lines after it is created (its
 * shipment update only sets `is_tracking_uploaded`), and cancelling to create it again would put a second order on
 * the warehouse floor, so a change to an order the 3PL holds is refused with `fulfillment-update-unsupported` and
 * dead-lettered for a person to act on in ShipBob, never sent in another form.
 *
 * Every request starts with the lookup, since ShipBob's own order id is needed to cancel and only the answer tells
 * a first version (create) from a later one. The order's versions reach the 3PL in order through the version guard,
 * so a late older version after a cancel is dropped as stale rather than creating the order again. The create stays
 * idempotent by itself as well: it carries the order id as Idempotency-Key and as `reference_id`, which ShipBob keeps
 * unique (409 for one it holds), so a create whose answer was lost is not a second order.
 */
export function fulfillmentRequest(event: CanonicalEvent): LookupRequest | undefined {
  if (event.type !== 'interchange.order.v1') return undefined;
  const order = event.data;
  const lookupPath = `/1.0/order?ReferenceIds=${encodeURIComponent(order.id)}`;
  if (order.status === 'cancelled') return { lookupPath, resolve: (found) => cancelResolution(order, found) };
  const create = createRequest(order);
  if (!create) return undefined;
  return { lookupPath, resolve: (found) => createResolution(order, create, found) };
}

/** What ShipBob's order list answers that the decisions rely on; unknown fields are ignored. */
const heldOrdersSchema = z.array(
  z.object({
    id: z.number().int(),
    reference_id: z.string(),
    status: z.string().nullish(),
    recipient: z.object({ name: z.string().nullish(), address: z.record(z.string(), z.unknown()).nullish() }).nullish(),
    products: z.array(z.object({ reference_id: z.string().nullish(), quantity: z.number() })).nullish(),
  }),
);
type HeldOrder = z.infer<typeof heldOrdersSchema>[number];

/** ShipBob's status of an order it will not fulfil. */
const CANCELLED = 'Cancelled';

/** The one order held for this reference, or why the answer cannot be used. */
function heldOrder(order: Order, found: unknown): { held?: HeldOrder } | LookupResolution {
  const parsed = heldOrdersSchema.safeParse(found);
  if (!parsed.success) {
    return {
      kind: 'refused',
      reason: 'fulfillment-lookup-unreadable',
      detail: `the 3PL's order list for ${order.id} does not have the expected shape: ${z.prettifyError(parsed.error)}`,
    };
  }
  // The filter is by reference, but a list answer is checked rather than trusted to be filtered.
  const held = parsed.data.filter((candidate) => candidate.reference_id === order.id);
  if (held.length > 1) {
    return {
      kind: 'refused',
      reason: 'fulfillment-reference-ambiguous',
      detail: `the 3PL holds ${held.length} orders for reference ${order.id}`,
    };
  }
  return held[0] ? { held: held[0] } : {};
}

/** Cancelling: nothing to do for an order the 3PL never got or already cancelled; otherwise cancel its own id. */
export function cancelResolution(order: Order, found: unknown): LookupResolution {
  const lookup = heldOrder(order, found);
  if ('kind' in lookup) return lookup;
  const { held } = lookup;
  if (!held) return { kind: 'already-applied', detail: `the 3PL holds no order for ${order.id}: nothing to cancel` };
  if (held.status === CANCELLED) {
    return { kind: 'already-applied', detail: `the 3PL's order ${held.id} is already cancelled` };
  }
  return {
    kind: 'send',
    request: {
      method: 'POST',
      path: `/1.0/order/${held.id}/cancel`,
      body: undefined,
      idempotencyKey: `fulfillment-cancel:${order.id}`,
    },
  };
}

/**
 * An open order: created when the 3PL has none for it; nothing to send when it holds it as it is; refused when the
 * address or the lines changed (no update API) or the 3PL cancelled it (reopening is not something ShipBob does).
 */
export function createResolution(order: Order, create: DirectRequest, found: unknown): LookupResolution {
  const lookup = heldOrder(order, found);
  if ('kind' in lookup) return lookup;
  const { held } = lookup;
  if (!held) return { kind: 'send', request: create };
  if (held.status === CANCELLED) {
    return {
      kind: 'refused',
      reason: 'fulfillment-order-cancelled',
      detail: `the 3PL's order ${held.id} for ${order.id} is cancelled while the order is open at its source`,
    };
  }
  const wanted = create.body as CreateBody;
  const changed = [
    sameAddress(wanted.recipient.address, held.recipient?.address) ? undefined : 'shipping address',
    sameProducts(wanted.products, held.products) ? undefined : 'lines',
  ].filter((part) => part !== undefined);
  if (changed.length === 0) {
    return { kind: 'already-applied', detail: `the 3PL's order ${held.id} already holds this version` };
  }
  return {
    kind: 'refused',
    reason: 'fulfillment-update-unsupported',
    detail: `the ${changed.join(' and ')} of ${order.id} changed, and the 3PL has no API to change its order ${held.id}`,
  };
}

type CreateBody = ReturnType<typeof createBody>;

/**
 * Only an order that is open and not yet fulfilled is work for the warehouse, and only its lines with a SKU can be
 * picked; an order with nothing to pick or nowhere to ship it to (a pickup or a digital order) is of no use to it.
 */
function createRequest(order: Order): DirectRequest | undefined {
  if (order.status !== 'open' || order.fulfillmentStatus !== 'unfulfilled') return undefined;
  if (order.shippingAddress === undefined || !order.lines.some((line) => line.sku !== null)) return undefined;
  return {
    method: 'POST',
    path: '/1.0/order',
    idempotencyKey: `fulfillment-order:${order.id}`,
    alreadyAppliedStatuses: [409],
    body: createBody(order, order.shippingAddress),
  };
}

function createBody(order: Order, address: PostalAddress) {
  return {
    reference_id: order.id,
    order_number: order.orderNumber,
    type: 'DTC',
    shipping_method: 'Standard',
    purchase_date: order.placedAt,
    recipient: recipient(order, address),
    products: productsBySku(order.lines),
  };
}

/** The 3PL picks by SKU, so lines of the same SKU become one product with their quantities added. */
function productsBySku(lines: readonly OrderLine[]): { reference_id: string; name: string; quantity: number }[] {
  const products = new Map<string, { reference_id: string; name: string; quantity: number }>();
  for (const line of lines) {
    if (line.sku === null) continue;
    const product = products.get(line.sku);
    if (product) product.quantity += line.quantity;
    else products.set(line.sku, { reference_id: line.sku, name: line.title, quantity: line.quantity });
  }
  return [...products.values()];
}

/** Absent parts are left out rather than sent as null: JSON.stringify drops undefined fields. */
function recipient(order: Order, address: PostalAddress) {
  return {
    name: address.name ?? order.customer?.name ?? address.company,
    email: order.email ?? order.customer?.email,
    phone_number: address.phone,
    address: {
      address1: address.line1,
      address2: address.line2,
      company_name: address.company,
      city: address.city,
      state: address.region,
      zip_code: address.postalCode,
      country: address.countryCode,
    },
  };
}

/** The address fields the connector sends, compared as the 3PL answers them (absent and null alike). */
function sameAddress(wanted: Record<string, string | undefined>, held: Record<string, unknown> | null | undefined) {
  return Object.entries(wanted).every(([field, value]) => (value ?? null) === (held?.[field] ?? null));
}

function sameProducts(
  wanted: readonly { reference_id: string; quantity: number }[],
  held: readonly { reference_id?: string | null | undefined; quantity: number }[] | null | undefined,
) {
  const quantities = new Map((held ?? []).map((product) => [product.reference_id ?? '', product.quantity]));
  return (
    quantities.size === wanted.length &&
    wanted.every((product) => quantities.get(product.reference_id) === product.quantity)
  );
}
