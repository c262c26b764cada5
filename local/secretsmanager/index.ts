/**
 * The local Secrets Manager: the templates' secrets with their values (given or generated), the dynamic
 * references to them resolved in every resource's properties, and the API on the local endpoint.
 */
export { LocalSecrets } from './local-secrets';
export { provisionSecrets } from './provision-secrets';
export { SecretsManagerService } from './secrets-manager-service';
