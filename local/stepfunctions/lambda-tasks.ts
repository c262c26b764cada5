import { randomUUID } from 'node:crypto';
import type { InvokeOptions, LambdaService } from '../lambda/types';
import { functionFailure, invokeRejection } from './lambda-errors';
import { TaskFailure } from './types';
import { isObject } from './walk-states';

/** A function ARN as Resource: the function gets the state's effective input and its payload is the result. */
export async function invokeFunctionResource(
  lambda: LambdaService,
  functionArn: string,
  input: unknown,
  options: InvokeOptions = {},
) {
  const result = await lambda.invoke(functionArn, input, options).catch((error: unknown) => {
    throw invokeRejection(error);
  });
  if (!result.ok) throw functionFailure(result);
  return result.payload;
}

/**
 * `arn:aws:states:::lambda:invoke`: the parameters are Lambda's Invoke request (`FunctionName`, `Payload`,
 * `InvocationType`, `Qualifier`), the result is Invoke's response as Step Functions renders it:
 * `{ ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode }`.
 */
export async function invokeLambdaIntegration(
  lambda: LambdaService,
  parameters: unknown,
  options: InvokeOptions = {},
) {
  if (!isObject(parameters) || typeof parameters.FunctionName !== 'string') {
    throw new TaskFailure('States.Runtime', 'lambda:invoke needs Parameters.FunctionName (a string)');
  }
  const target =
    typeof parameters.Qualifier === 'string'
      ? `${parameters.FunctionName}:${parameters.Qualifier}`
      : parameters.FunctionName;
  // Without Payload Lambda receives an empty event; the Node.js runtime hands the handler `{}`.
  const event = 'Payload' in parameters ? parameters.Payload : {};
  const requestId = randomUUID();
  if (parameters.InvocationType === 'DryRun') return invokeOutput(requestId, 204, '');
  if (parameters.InvocationType === 'Event') {
    await lambda.invokeAsync(target, event, options).catch((error: unknown) => {
      throw invokeRejection(error);
    });
    return invokeOutput(requestId, 202, '');
  }
  const result = await lambda.invoke(target, event, options).catch((error: unknown) => {
    throw invokeRejection(error);
  });
  if (!result.ok) throw functionFailure(result);
  return invokeOutput(requestId, 200, result.payload);
}

function invokeOutput(requestId: string, statusCode: number, payload: unknown) {
  const headers = {
    Connection: 'keep-alive',
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: statusCode,
  };
}
