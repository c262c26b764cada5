import type { Customer } from '../domain/customer';

export interface CustomersStore {
  /** Stores a new customer; an id that exists already is never overwritten (false). */
  create(customer: Customer): Promise<boolean>;
  get(customerId: string): Promise<Customer | undefined>;
}
