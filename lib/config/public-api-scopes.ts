/**
 * The OAuth 2.0 scopes of the public API: one resource server, `shop`, whose scopes the user pool defines
 * and each API method asks for (a token needs one of a method's scopes). Clients request them as
 * `shop/<scope>`.
 */
export const SHOP_RESOURCE_SERVER = 'shop';

export const PUBLIC_API_SCOPES = {
  'orders.read': 'Read orders and their history',
  'orders.write': 'Place orders',
  'customers.read': 'Read customer profiles',
  'customers.write': 'Create customers',
  'inventory.admin': 'Set and read stock (non-production test hooks)',
} as const;

export type PublicApiScope = keyof typeof PUBLIC_API_SCOPES;

/** The scope as it appears in a token's `scope` claim and in a method's authorization scopes. */
export function scopeName(scope: PublicApiScope): string {
  return `${SHOP_RESOURCE_SERVER}/${scope}`;
}
