/** The business answers of inventory's operations, by the error name callers (the saga) catch. */
export const INVENTORY_ERRORS = {
  /** Not enough of some SKU: the order is rejected OUT_OF_STOCK. */
  OutOfStock: 'OutOfStock',
} as const;
