/**
 * The Order aggregate, event-sourced, as pure functions: `decide` turns a command and the current state
 * into new events; `evolve` folds one event into the state. No I/O, no clock, no AWS: time and ids come in
 * with the command, so the same inputs always give the same events.
 */
import {
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  RetryLaterConflictError,
} from '../../shared/errors';
import {
  type Currency,
  DEFAULT_CURRENCY,
  DEFAULT_SAGA_STYLE,
  type OrderEventData,
  type OrderItem,
  type OrderPlacedData,
  type OrderStatus,
  type RejectionReason,
  type SagaStyle,
  type ShippingAddress,
} from '../contract';

/** An event as the aggregate sees it once stored: its position in the stream and when it happened. */
export type OrderEvent = OrderEventData & { readonly version: number; readonly occurredAt: string };

/** The order as placed (its OrderPlaced data), and what happened to it since. */
export interface Order extends OrderPlacedData {
  readonly status: OrderStatus;
  /** Priced when the saga confirms the order; null until then. */
  readonly total: number | null;
  readonly rejectionReason?: RejectionReason;
  readonly cancellationReason?: string;
  /** Why cancellation was asked for, once it was: the services are undoing their parts. */
  readonly cancellationRequested?: string;
  readonly noteCount: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PlaceOrder {
  readonly type: 'PlaceOrder';
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly currency?: Currency;
  readonly paymentToken: string;
  readonly shippingAddress: ShippingAddress;
  readonly sagaStyle?: SagaStyle;
  readonly callbackUrl?: string;
}

export interface ConfirmOrder {
  readonly type: 'ConfirmOrder';
  readonly total: number;
}

export interface RejectOrder {
  readonly type: 'RejectOrder';
  readonly reason: RejectionReason;
}

/** Asks for a confirmed order to be cancelled: the services undo their parts, then CancelOrder ends it. */
export interface RequestCancellation {
  readonly type: 'RequestCancellation';
  readonly reason: string;
}

export interface CancelOrder {
  readonly type: 'CancelOrder';
  /** By default the reason cancellation was requested with. */
  readonly reason?: string;
}

export interface AddNote {
  readonly type: 'AddNote';
  readonly author: string;
  readonly note: string;
}

export type OrderCommand =
  | PlaceOrder
  | ConfirmOrder
  | RejectOrder
  | RequestCancellation
  | CancelOrder
  | AddNote;

export const MAX_NOTE_LENGTH = 1000;

/**
 * The events a command produces against the current state. Repeating a command that already took effect
 * produces no events (saga steps are retried; a retry must have no second effect); a command the state
 * forbids is a conflict.
 */
export function decide(state: Order | undefined, command: OrderCommand): OrderEventData[] {
  if (command.type === 'PlaceOrder') return placeOrder(state, command);
  if (state === undefined) throw new NotFoundError('The order does not exist.');
  switch (command.type) {
    case 'ConfirmOrder':
      return confirmOrder(state, command);
    case 'RejectOrder':
      return rejectOrder(state, command);
    case 'RequestCancellation':
      return requestCancellation(state, command);
    case 'CancelOrder':
      return cancelOrder(state, command);
    case 'AddNote':
      return addNote(command);
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
        currency: command.currency ?? DEFAULT_CURRENCY,
        paymentToken: command.paymentToken,
        shippingAddress: command.shippingAddress,
        sagaStyle: command.sagaStyle ?? DEFAULT_SAGA_STYLE,
        ...(command.callbackUrl === undefined ? {} : { callbackUrl: command.callbackUrl }),
      },
    },
  ];
}

function confirmOrder(state: Order, { total }: ConfirmOrder): OrderEventData[] {
  if (!Number.isFinite(total) || total < 0) {
    throw new InvalidRequestError('An order total must be a finite, non-negative amount.');
  }
  if (state.status === 'CONFIRMED' && state.total === total) return [];
  if (state.status !== 'PENDING') throw conflict(state, 'confirmed');
  return [{ type: 'OrderConfirmed', data: { total, orderId: state.orderId } }];
}

function rejectOrder(state: Order, { reason }: RejectOrder): OrderEventData[] {
  if (state.status === 'REJECTED' && state.rejectionReason === reason) return [];
  if (state.status !== 'PENDING') throw conflict(state, 'rejected');
  return [{ type: 'OrderRejected', data: { reason } }];
}

/**
 * Only a confirmed order can be cancelled by request: a rejected one is over (a conflict), and a pending
 * one is still being decided (ask again shortly). Asking again, or after it was cancelled, changes nothing.
 */
function requestCancellation(state: Order, { reason }: RequestCancellation): OrderEventData[] {
  if (state.status === 'CANCELLED' || state.cancellationRequested !== undefined) return [];
  if (state.status === 'PENDING') {
    throw new RetryLaterConflictError(
      `Order ${state.orderId} is still PENDING: ask again once it is decided.`,
    );
  }
  if (state.status !== 'CONFIRMED') throw conflict(state, 'cancelled');
  return [{ type: 'OrderCancellationRequested', data: { orderId: state.orderId, reason } }];
}

function cancelOrder(state: Order, { reason }: CancelOrder): OrderEventData[] {
  if (state.status === 'CANCELLED') return [];
  if (state.status === 'REJECTED') throw conflict(state, 'cancelled');
  return [{ type: 'OrderCancelled', data: { reason: reason ?? state.cancellationRequested ?? 'cancelled' } }];
}

function addNote({ author, note }: AddNote): OrderEventData[] {
  if (note.trim().length === 0 || note.length > MAX_NOTE_LENGTH || author.trim().length === 0) {
    throw new InvalidRequestError(`A note needs an author and 1-${MAX_NOTE_LENGTH} characters of text.`);
  }
  return [{ type: 'OrderNoteAdded', data: { author, note } }];
}

function conflict(state: Order, wanted: string): ConflictError {
  return new ConflictError(`Order ${state.orderId} is ${state.status} and cannot be ${wanted}.`);
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

/**
 * Folds one event into the state. Events are facts already decided, so nothing is re-validated here; an
 * event for a stream that has no OrderPlaced yet is a corrupt stream and stops the fold.
 */
export function evolve(state: Order | undefined, event: OrderEvent): Order {
  if (event.type === 'OrderPlaced') {
    const { data } = event;
    return {
      orderId: data.orderId,
      customerId: data.customerId,
      status: 'PENDING',
      items: data.items,
      currency: data.currency,
      paymentToken: data.paymentToken,
      shippingAddress: data.shippingAddress,
      sagaStyle: data.sagaStyle,
      ...(data.callbackUrl === undefined ? {} : { callbackUrl: data.callbackUrl }),
      total: null,
      noteCount: 0,
      version: event.version,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (state === undefined) throw new CorruptStreamError(`${event.type}@${event.version} before OrderPlaced.`);
  const moved = { ...state, version: event.version, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'OrderConfirmed':
      return { ...moved, status: 'CONFIRMED', total: event.data.total };
    case 'OrderRejected':
      return { ...moved, status: 'REJECTED', rejectionReason: event.data.reason };
    case 'OrderCancellationRequested':
      return { ...moved, cancellationRequested: event.data.reason };
    case 'OrderCancelled':
      return { ...moved, status: 'CANCELLED', cancellationReason: event.data.reason };
    case 'OrderNoteAdded':
      return { ...moved, noteCount: state.noteCount + 1 };
  }
}

export class CorruptStreamError extends Error {
  override readonly name: string = 'CorruptStreamError';
}

/** Replays a stream, oldest first, from an optional starting state (a snapshot). */
export function rehydrate(events: readonly OrderEvent[], from?: Order): Order | undefined {
  return events.reduce<Order | undefined>(evolve, from);
}
