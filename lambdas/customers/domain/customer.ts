/** A customer profile: what composition and the orders service read about a customer. */
export interface Customer {
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
  readonly createdAt: string;
}
