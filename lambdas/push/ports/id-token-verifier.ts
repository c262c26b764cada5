/** Verifies a user's ID token (signature, issuer, audience, expiry, use): its claims, or it throws. */
export interface IdTokenVerifier {
  verify(token: string): Promise<Readonly<Record<string, unknown>>>;
}
