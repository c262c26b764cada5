import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One Powertools logger per function: JSON lines, service name from POWERTOOLS_SERVICE_NAME, level from
 * POWERTOOLS_LOG_LEVEL. The HTTP wrapper appends the correlation id per invocation, so it is on every line.
 */
export const logger = new Logger();
