/**
 * The Order aggregate, event-sourced, as pure functions: `decide` turns a command and the current state
 * into new events; `evolve` folds one event into the state. No I/O, no clock, no AWS: time and ids come in
 * with the command, so the same inputs always give the same events.
 */
import { ConflictError, InvalidRequestError } from '../../shared/errors';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
export type SagaStyle = 'orchestration' | 'choreography';
export type RejectionReason =
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_UNAVAILABLE'
  | 'SHIPPING_UNAVAILABLE';

export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
}

export interface ShippingAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface OrderPlacedData {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly paymentToken: string;
  readonly shippingAddress: ShippingAddress;
  readonly sagaStyle: SagaStyle;
  readonly callbackUrl?: string;
}

/** Every event the aggregate knows, as a discriminated union on `type`. */
export type OrderEventData = { readonly type: 'OrderPlaced'; readonly data: OrderPlacedData };

/** An event as the aggregate sees it once stored: its position in the stream and when it happened. */
export type OrderEvent = OrderEventData & { readonly version: number; readonly occurredAt: string };

export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderItem[];
  readonly shippingAddress: ShippingAddress;
  readonly sagaStyle: SagaStyle;
  readonly callbackUrl?: string;
  /** Priced by the inventory reservation step of the saga; null until then. */
  readonly total: number | null;
  readonly rejectionReason?: RejectionReason;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PlaceOrder {
  readonly type: 'PlaceOrder';
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly paymentToken: string;
  readonly shippingAddress: ShippingAddress;
  readonly sagaStyle?: SagaStyle;
  readonly callbackUrl?: string;
}

export type OrderCommand = PlaceOrder;

export const DEFAULT_SAGA_STYLE: SagaStyle = 'orchestration';

export function decide(state: Order | undefined, command: OrderCommand): OrderEventData[] {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(state, command);
  }
}

function placeOrder(state: Order | undefined, command: PlaceOrder): OrderEventData[] {
  if (state !== undefined) throw new ConflictError(`Order ${command.orderId} already exists.`);
  assertValidItems(command.items);
  return [
    {
      type: 'OrderPlaced',
      data: {
        orderId: command.orderId,
        customerId: command.customerId,
        items: command.items.map(({ sku, quantity }) => ({ sku, quantity })),
        paymentToken: command.paymentToken,
        shippingAddress: command.shippingAddress,
        sagaStyle: command.sagaStyle ?? DEFAULT_SAGA_STYLE,
        ...(command.callbackUrl === undefined ? {} : { callbackUrl: command.callbackUrl }),
      },
    },
  ];
}

/** Invariants an order keeps whatever adapter fed it: some items, whole positive quantities, one line per SKU. */
function assertValidItems(items: readonly OrderItem[]): void {
  if (items.length === 0) throw new InvalidRequestError('An order needs at least one item.');
  const seen = new Set<string>();
  for (const [index, { sku, quantity }] of items.entries()) {
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new InvalidRequestError('Quantities must be positive whole numbers.', [
        { path: `items.${index}.quantity`, message: 'must be a positive integer' },
      ]);
    }
    if (seen.has(sku)) {
      throw new InvalidRequestError('Each SKU may appear only once in an order.', [
        { path: `items.${index}.sku`, message: `duplicate sku ${sku}` },
      ]);
    }
    seen.add(sku);
  }
}

export function evolve(state: Order | undefined, event: OrderEvent): Order {
  switch (event.type) {
    case 'OrderPlaced': {
      const { data } = event;
      return {
        orderId: data.orderId,
        customerId: data.customerId,
        status: 'PENDING',
        items: data.items,
        shippingAddress: data.shippingAddress,
        sagaStyle: data.sagaStyle,
        ...(data.callbackUrl === undefined ? {} : { callbackUrl: data.callbackUrl }),
        total: null,
        version: event.version,
        createdAt: state?.createdAt ?? event.occurredAt,
        updatedAt: event.occurredAt,
      };
    }
  }
}

/** Replays a stream, oldest first. An empty stream is an order that does not exist. */
export function rehydrate(events: readonly OrderEvent[]): Order | undefined {
  return events.reduce<Order | undefined>(evolve, undefined);
}
