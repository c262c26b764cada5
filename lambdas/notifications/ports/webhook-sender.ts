/** One signed POST of a webhook, and what came of it. */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface DeliveryOutcome {
  /** The receiver's status, when it answered within the timeout. */
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

export interface WebhookSender {
  send(request: WebhookRequest): Promise<DeliveryOutcome>;
}
