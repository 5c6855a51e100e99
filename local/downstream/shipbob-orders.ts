/**
 * The orders a fake 3PL holds, answering as ShipBob's order API (1.0) does: `POST /1.0/order` creates one per
 * `reference_id` (409 for a reference it holds), `GET /1.0/order?ReferenceIds=a,b` lists them, and `POST
 * /1.0/order/{id}/cancel` cancels one and its shipments, refused with 422 once the order has shipped or is
 * cancelled already, and 404 for an id it does not hold.
 */

/** What a fake downstream asks of an API it serves beyond recording requests. */
export interface DownstreamApi {
  /** The answer to a request it serves, or undefined to leave it to the fake's default answer. */
  answer(method: string, url: string, json: unknown): { status: number; body: unknown } | undefined;
  /** What it holds, by subject, beside the fake's last accepted body per subject. */
  state(): ReadonlyMap<string, unknown>;
  reset(): void;
}

/** A ShipBob order as its API answers it: the recipient and products as created, a status, its shipments. */
export interface ShipBobOrder {
  readonly id: number;
  readonly reference_id: string;
  readonly order_number?: string;
  readonly created_date: string;
  status: 'Processing' | 'Fulfilled' | 'Cancelled';
  readonly recipient: unknown;
  readonly products: readonly { id: number; reference_id: string; sku: string; quantity: number }[];
  readonly shipments: { id: number; status: 'Processing' | 'Completed' | 'Cancelled' }[];
}

const ORDER_PATH = /^\/1\.0\/order\/?$/;
const CANCEL_PATH = /^\/1\.0\/order\/(\d+)\/cancel$/;

export class ShipBobOrders implements DownstreamApi {
  private readonly byReference = new Map<string, ShipBobOrder>();
  private nextId = 100_000;

  answer(method: string, url: string, json: unknown): { status: number; body: unknown } | undefined {
    const [path = '', query = ''] = url.split('?');
    if (ORDER_PATH.test(path) && method === 'GET') return { status: 200, body: this.list(new URLSearchParams(query)) };
    if (ORDER_PATH.test(path) && method === 'POST') return this.create(json);
    const cancel = CANCEL_PATH.exec(path);
    if (cancel && method === 'POST') return this.cancel(Number(cancel[1]));
    return undefined;
  }

  /** The warehouse ships an order: from now on it cannot be cancelled. */
  ship(referenceId: string): void {
    const order = this.byReference.get(referenceId);
    if (!order) throw new Error(`the 3PL holds no order ${referenceId}`);
    order.status = 'Fulfilled';
    for (const shipment of order.shipments) shipment.status = 'Completed';
  }

  orders(): readonly ShipBobOrder[] {
    return [...this.byReference.values()];
  }

  state(): ReadonlyMap<string, unknown> {
    return this.byReference;
  }

  reset(): void {
    this.byReference.clear();
  }

  private list(query: URLSearchParams): ShipBobOrder[] {
    const references = query.get('ReferenceIds')?.split(',');
    const ids = query.get('IDs')?.split(',').map(Number);
    return this.orders().filter(
      (order) => (!references || references.includes(order.reference_id)) && (!ids || ids.includes(order.id)),
    );
  }

  private create(json: unknown): { status: number; body: unknown } {
    const body = json as
      { reference_id?: unknown; order_number?: string; recipient?: unknown; products?: unknown } | undefined;
    const products = Array.isArray(body?.products)
      ? (body.products as { reference_id?: unknown; quantity?: unknown }[])
      : [];
    if (typeof body?.reference_id !== 'string' || body.recipient === undefined || products.length === 0) {
      return { status: 400, body: { message: 'reference_id, recipient and products are required' } };
    }
    if (this.byReference.has(body.reference_id)) {
      return { status: 409, body: { message: `an order with reference_id ${body.reference_id} already exists` } };
    }
    const id = (this.nextId += 1);
    const order: ShipBobOrder = {
      id,
      reference_id: body.reference_id,
      ...(body.order_number !== undefined ? { order_number: body.order_number } : {}),
      created_date: new Date().toISOString(),
      status: 'Processing',
      recipient: body.recipient,
      products: products.map((product, index) => ({
        id: id * 100 + index,
        reference_id: String(product.reference_id),
        sku: String(product.reference_id),
        quantity: Number(product.quantity),
      })),
      shipments: [{ id: id * 10, status: 'Processing' }],
    };
    this.byReference.set(order.reference_id, order);
    return { status: 201, body: order };
  }

  private cancel(id: number): { status: number; body: unknown } {
    const order = this.orders().find((candidate) => candidate.id === id);
    if (!order) return { status: 404, body: { message: `order ${id} not found` } };
    if (order.status !== 'Processing') {
      return { status: 422, body: { message: `order ${id} is ${order.status} and cannot be cancelled` } };
    }
    order.status = 'Cancelled';
    for (const shipment of order.shipments) shipment.status = 'Cancelled';
    return {
      status: 200,
      body: {
        order_id: id,
        status: 'Success',
        canceled_shipment_results: order.shipments.map((shipment) => ({
          action: 'Cancel',
          is_success: true,
          reason: null,
          shipment_id: shipment.id,
        })),
        order,
      },
    };
  }
}

/** The API a fake downstream serves, by destination name: the 3PL's orders; the others answer every request alike. */
export function downstreamApiFor(name: string): DownstreamApi | undefined {
  return name === 'fulfillment' ? new ShipBobOrders() : undefined;
}
