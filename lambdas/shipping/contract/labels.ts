/**
 * The names shipping's label functions and their infrastructure share: where a label request goes (the
 * carrier's queue), where its reply and its deadline come back, how long the carrier is given, and how
 * many requests a label gets (the first included) before it is recorded failed.
 */
export const LABEL_ENV = {
  carrierRequestQueueUrl: 'CARRIER_REQUEST_QUEUE_URL',
  replyQueueUrl: 'LABEL_REPLY_QUEUE_URL',
  deadlineQueueUrl: 'LABEL_DEADLINE_QUEUE_URL',
  deadlineSeconds: 'LABEL_DEADLINE_SECONDS',
  attempts: 'LABEL_ATTEMPTS',
} as const;

/**
 * The metric of label requests the carrier left unanswered past their deadline (namespace `Shop`, dimension
 * `service: shipping`), one per label recorded `CARRIER_TIMEOUT` (its last attempt's deadline passed): its alarm says the carrier is not
 * answering, which no queue shows (the requests left; nothing came back).
 */
export const LABELS_FAILED_METRIC = 'ShipmentLabelsFailed';
