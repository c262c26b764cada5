import type { ResolvedResource } from '../model/resolved-resource';
import type { IdentityInput, LocalIdentity } from './identity/types';

/** A resource with the identity the resolver computed for it, as the `overrides` hook sees it. */
export interface ResourceIdentity extends IdentityInput, LocalIdentity {}

/** Replaces the physical id and/or replaces or adds attributes; anything not given keeps its computed value. */
export interface IdentityOverride {
  readonly physicalId?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Values only known at run time. Called once per resource, right after its local identity is computed and
 * before any other resource's properties can see it, so an override flows into every Ref and Fn::GetAtt.
 * Resolution is pure and fast, so the orchestrator resolves twice: once to learn what to create (tables,
 * queues, listeners), and again with overrides carrying what the emulators reported (the real StreamArn
 * of a DynamoDB Local table, a queue URL on the port actually bound). Return undefined to keep the default.
 */
export type IdentityOverrides = (resource: ResourceIdentity) => IdentityOverride | undefined;

export interface ResolveOptions {
  /** Parameter values by stack name, then parameter name. Parameters without one take their Default. */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The resource types the local cloud emulates. When given, every resource of a type neither here nor in
   * `ignoredTypes` is reported in `unsupported`.
   */
  readonly supportedTypes?: Iterable<string>;
  /** Types knowingly not emulated (alarms, IAM, CDK metadata): never reported. */
  readonly ignoredTypes?: Iterable<string>;
  readonly overrides?: IdentityOverrides;
  /** Base URL of the local AWS endpoint (queue URLs are built on it); default `http://localhost:4566`. */
  readonly serviceEndpoint?: string;
}

/** A resource of a type the local cloud does not emulate, to be printed once at start. */
export interface UnsupportedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

/**
 * A stack output whose value is the address (a URL, a hostname) of a resource of a type the local cloud
 * does not run (address-origins.ts): nothing local answers there.
 */
export interface NotEmulatedOutput {
  readonly stackName: string;
  readonly outputName: string;
  /** The resource it is the address of. */
  readonly type: string;
  readonly logicalId: string;
}

/** A value the resolver could not compute; `placeholder` stands in for it in the resolved properties. */
export interface UnresolvedValue {
  readonly stackName: string;
  /** Where in the template, e.g. `Stack/Resources/Fn/Properties/Environment/Variables/X`. */
  readonly location: string;
  /** The intrinsic function (or template feature) involved, e.g. `Fn::Cidr`, `Fn::GetAtt Db.Endpoint`. */
  readonly intrinsic: string;
  readonly reason: string;
  readonly placeholder: string;
}

export interface ResolvedAssembly {
  /** Every resource whose condition holds, stack by stack, each after the resources it refers to. */
  readonly resources: readonly ResolvedResource[];
  /** Outputs by stack name, then output name: the shape of the file `cdk deploy --outputs-file` writes. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Export name to value (the `Export.Name` of stack outputs). */
  readonly exports: Readonly<Record<string, string>>;
  readonly unsupported: readonly UnsupportedResource[];
  readonly unresolved: readonly UnresolvedValue[];
  /**
   * Outputs that are addresses of resources of types not in `supportedTypes` (none without it). Their
   * values in `outputs` are still AWS's; the local cloud writes them as not emulated.
   */
  readonly notEmulatedOutputs: readonly NotEmulatedOutput[];
}
