/**
 * What the orders service needs to know of customers: whether one exists. The customers service owns the
 * profiles; orders asks it, synchronously, rather than reading its table.
 */
export interface CustomerDirectory {
  /** True for a customer the customers service knows; false for one it does not. */
  exists(customerId: string, trace: { readonly correlationId: string }): Promise<boolean>;
}
