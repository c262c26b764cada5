/**
 * Stock and reservations, as pure values. The invariant the inventory keeps for every SKU, whatever runs
 * concurrently: `available >= 0`, `reserved >= 0`, and `available + reserved` changes only when stock is
 * set, never by reserving or releasing. The DynamoDB adapter enforces it with conditions inside one
 * transaction per reservation; this module checks what goes in.
 */
import { InvalidRequestError } from '../../shared/errors';
import { INVENTORY_ERRORS } from '../contract';

export interface Stock {
  readonly sku: string;
  readonly available: number;
  readonly reserved: number;
  /** Price per unit, in the shop's currency; what a reservation prices the order at. */
  readonly unitPrice: number;
  /** What the catalogue calls it; absent until someone names it. */
  readonly name?: string;
}

export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * One per order, ever: `RESERVED` holds stock; `RELEASED` gave it back (or, with no lines, was released
 * before anything was reserved, so nothing ever will be); `REFUSED` records that the stock was short, so a
 * repeat of the request answers OutOfStock again even once stock has come in meanwhile.
 */
export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'REFUSED';

export interface Reservation {
  readonly orderId: string;
  readonly lines: readonly ReservationLine[];
  readonly total: number;
  readonly status: ReservationStatus;
  /** The SKUs that were short, for a `REFUSED` one. */
  readonly short?: readonly string[];
}

/** The price of a unit for SKUs whose stock was set without one. */
export const DEFAULT_UNIT_PRICE = 10;

/** Not enough of some SKU: a business answer (the saga's `OUT_OF_STOCK`), not a failure of the service. */
export class OutOfStock extends Error {
  override readonly name: string = INVENTORY_ERRORS.OutOfStock;
  constructor(readonly skus: readonly string[]) {
    super(`Not enough stock for ${skus.join(', ')}.`);
  }
}

/** The record of a request refused for want of stock: it holds nothing. */
export function refusal(
  orderId: string,
  lines: readonly ReservationLine[],
  short: readonly string[],
): Reservation {
  return { orderId, lines, total: 0, status: 'REFUSED', short };
}

/** The record of a release that came before any reservation: nothing held, and nothing will be. */
export function releasedBeforeReserved(orderId: string): Reservation {
  return { orderId, lines: [], total: 0, status: 'RELEASED' };
}

/** The answer a repeated request gets from the order's reservation: itself, or OutOfStock again. */
export function answerOf(reservation: Reservation): Reservation {
  if (reservation.status === 'REFUSED') throw new OutOfStock(reservation.short ?? []);
  return reservation;
}

/** One line per SKU, quantities summed; refuses anything but positive whole quantities. */
export function normalizeLines(lines: readonly ReservationLine[]): ReservationLine[] {
  if (lines.length === 0) throw new InvalidRequestError('A reservation needs at least one line.');
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) {
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new InvalidRequestError(`Quantity of ${sku} must be a positive whole number.`);
    }
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

/** The order's total at these unit prices, rounded to cents. */
export function priceOf(lines: readonly ReservationLine[], unitPrices: ReadonlyMap<string, number>): number {
  const cents = lines.reduce(
    (sum, { sku, quantity }) =>
      sum + Math.round((unitPrices.get(sku) ?? DEFAULT_UNIT_PRICE) * 100) * quantity,
    0,
  );
  return cents / 100;
}
