import { AwsServiceError } from '../endpoint/aws-json-service';

/** SNS's errors by their query-protocol code (`NotFound`, `InvalidParameter`, ...), which the SDK maps. */
export class SnsError extends AwsServiceError {
  constructor(
    code: 'NotFound' | 'InvalidParameter' | 'InvalidParameterValue' | 'InvalidAction' | string,
    message: string,
  ) {
    super(code, message, code === 'NotFound' ? 404 : 400);
  }
}

export const invalidParameter = (message: string) =>
  new SnsError('InvalidParameter', `Invalid parameter: ${message}`);
