import { isIPv4, isIPv6 } from 'node:net';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { GatewayError } from './gateway-error';
import type { IncomingApiRequest } from './incoming-request';
import type { MethodModel, ModelDefinition, RestApiModel } from './rest-api-model';
import { validationMessages } from './schema-error-messages';

/** Content type assumed for a request without one, as API Gateway does when choosing the model. */
const DEFAULT_CONTENT_TYPE = 'application/json';

/** The formats the Java validator API Gateway uses knows; other formats are not checked. */
const FORMATS = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  email: /^[^\s@]+@[^\s@]+$/,
  hostname: /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  ipv4: (value: string) => isIPv4(value),
  ipv6: (value: string) => isIPv6(value),
  // java.net.URI accepts relative references too; it rejects spaces and malformed escapes.
  uri: (value: string) => !/\s/.test(value) && URL.canParse(value, 'http://relative.invalid/'),
};

/**
 * API Gateway's request validation for one API: required parameters (`method.request.header.X`,
 * `.querystring.`, `.path.`: present and not blank) and the body against the JSON-schema (draft-04) model
 * of its content type. Schemas are compiled once, on first use.
 */
export class RequestValidation {
  private readonly ajv: Ajv;

  constructor(private readonly api: RestApiModel) {
    this.ajv = new Ajv({ allErrors: true, strict: false, formats: FORMATS });
    // Registered under their API Gateway URL, which is also how models `$ref` each other.
    for (const model of new Set(api.models.values())) {
      const { id: _ownId, ...schema } = model.schema;
      this.ajv.addSchema(schema, this.modelUrl(model));
    }
  }

  /** The gateway error the request fails with, or undefined when it passes (or the method has no validator). */
  check(method: MethodModel, request: IncomingApiRequest): GatewayError | undefined {
    const validator = method.requestValidatorId
      ? this.api.requestValidators.get(method.requestValidatorId)
      : undefined;
    if (!validator) return undefined;
    if (validator.validateRequestParameters) {
      const missing = missingParameters(method, request);
      if (missing.length > 0) {
        const text = `Missing required request parameters: [${missing.join(', ')}]`;
        return new GatewayError('BAD_REQUEST_PARAMETERS', text, { validationErrorString: `[${text}]` });
      }
    }
    if (validator.validateRequestBody) return this.checkBody(method, request);
    return undefined;
  }

  private checkBody(method: MethodModel, request: IncomingApiRequest): GatewayError | undefined {
    const contentType = request.mediaType ?? DEFAULT_CONTENT_TYPE;
    const modelName = method.requestModels[contentType] ?? method.requestModels.$default;
    const model = modelName ? this.api.models.get(modelName) : undefined;
    if (!model) return undefined; // no model for this content type: API Gateway does not validate the body
    const text = request.body.toString('utf8');
    let data: unknown;
    try {
      // An empty body is validated as an empty object.
      data = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return invalidBody([`Invalid JSON in request body: ${reason}`]);
    }
    const validate = this.validatorFor(model);
    if (validate(data)) return undefined;
    return invalidBody(validationMessages(validate.errors ?? [], data));
  }

  private modelUrl(model: ModelDefinition): string {
    return `https://apigateway.amazonaws.com/restapis/${this.api.id}/models/${encodeURIComponent(model.name)}`;
  }

  /** Compiled on first use (ajv caches it). */
  private validatorFor(model: ModelDefinition): ValidateFunction {
    const validate = this.ajv.getSchema(this.modelUrl(model));
    if (!validate) throw new Error(`model ${model.name} was not registered`);
    return validate;
  }
}

function invalidBody(messages: readonly string[]): GatewayError {
  return new GatewayError('BAD_REQUEST_BODY', 'Invalid request body', {
    validationErrorString: `[${messages.join(', ')}]`,
  });
}

/** Names of required parameters that are absent or blank, sorted by their full key as API Gateway lists them. */
function missingParameters(method: MethodModel, request: IncomingApiRequest): string[] {
  const missing: string[] = [];
  for (const [key, required] of Object.entries(method.requestParameters).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!required) continue;
    const [, kind, name] =
      /^method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.(.+)$/.exec(key) ??
      [];
    if (!kind || !name) continue;
    const value =
      kind === 'header' || kind === 'multivalueheader'
        ? request.header(name)
        : kind === 'path'
          ? request.pathParameter(name)
          : request.queryParameter(name);
    if (value === undefined || value.trim() === '') missing.push(name);
  }
  return missing;
}
