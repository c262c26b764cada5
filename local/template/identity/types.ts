import type { LocalEnvironment } from '../local-environment';

/** A resource after its properties were resolved, before it has an identity. */
export interface IdentityInput {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** What `Ref` (physicalId) and `Fn::GetAtt` (attributes) give for a resource in the local cloud. */
export interface LocalIdentity {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export type IdentityRule = (resource: IdentityInput, env: LocalEnvironment) => LocalIdentity;
