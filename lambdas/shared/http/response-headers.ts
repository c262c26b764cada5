/**
 * Headers every response of the shop carries, from the functions (`httpHandler`) and from the gateway's
 * own responses (`lib/services/edge/problem-responses.ts`) alike. `nosniff`: a browser must take a body
 * for the content type we state (JSON, problem+json), never sniff it into HTML or script, so that text a
 * caller put into a body can never run as a page of ours.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
};
