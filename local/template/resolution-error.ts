/**
 * A template the local cloud cannot run at all (CloudFormation itself would reject it: a cycle, a missing
 * parameter value, a reference to nothing). `location` says where, e.g. `Stack/Resources/Fn/Properties/Role`.
 */
export class TemplateResolutionError extends Error {
  constructor(
    readonly location: string,
    message: string,
  ) {
    super(`${location}: ${message}`);
    this.name = 'TemplateResolutionError';
  }
}
