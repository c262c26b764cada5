/**
 * The context object the Node.js runtime passes to a handler. Static fields come from the variables Lambda
 * sets in the environment; the rest belongs to one invocation. The legacy `succeed` / `fail` / `done`
 * methods end the invocation like the callback does.
 */
export function lambdaContext({ requestId, deadlineMs, invokedFunctionArn }, { succeed, fail, callback }) {
  const env = process.env;
  return {
    // Accepted for compatibility; the response is sent as soon as the handler answers (see ../README.md).
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    succeed,
    fail,
    done: callback,
  };
}
