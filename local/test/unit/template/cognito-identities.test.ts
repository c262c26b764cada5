import { resolveAssembly } from '../../../template/resolve-assembly';
import { USER_POOL_TEMPLATE } from '../../helpers/user-pool-fixtures';

/** Cognito's resources as CDK synthesizes them, resolved to the ids and attributes AWS would give them. */
const resolve = (stackName = 'Auth') => resolveAssembly([{ stackName, template: USER_POOL_TEMPLATE }]);
const find = (result: ReturnType<typeof resolve>, logicalId: string) => {
  const resource = result.resources.find((r) => r.logicalId === logicalId);
  if (!resource) throw new Error(`no ${logicalId}`);
  return resource;
};

describe('Cognito identities', () => {
  const result = resolve();
  const pool = find(result, 'Pool');
  const machine = find(result, 'Machine');

  it('gives a user pool an id shaped like AWS`s and the attributes CloudFormation has', () => {
    expect(pool.physicalId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(pool.attributes).toEqual({
      Arn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${pool.physicalId}`,
      ProviderName: `cognito-idp.us-east-1.amazonaws.com/${pool.physicalId}`,
      ProviderURL: `https://cognito-idp.us-east-1.amazonaws.com/${pool.physicalId}`,
      UserPoolId: pool.physicalId,
    });
  });

  it('gives an app client a 26-character id and a secret only when it generates one', () => {
    expect(machine.physicalId).toMatch(/^[a-z0-9]{26}$/);
    expect(machine.attributes.ClientId).toBe(machine.physicalId);
    expect(machine.attributes.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(find(result, 'Web').attributes).toEqual({ ClientId: find(result, 'Web').physicalId, Name: 'web' });
    expect(find(result, 'Backend').attributes.ClientSecret).not.toBe(machine.attributes.ClientSecret);
  });

  it('resolves scopes from the resource server identifier and the domain to its prefix', () => {
    expect(find(result, 'Shop').physicalId).toBe('shop');
    expect(machine.properties.AllowedOAuthScopes).toEqual(['shop/orders.read', 'shop/orders.write']);
    expect(find(result, 'Domain').physicalId).toBe('shop-auth');
    expect(result.outputs.Auth?.TokenUrl).toBe(
      'https://shop-auth.auth.us-east-1.amazoncognito.com/oauth2/token',
    );
  });

  it('answers CDK`s describeUserPoolClient custom resource with the client`s own secret', () => {
    expect(find(result, 'MachineSecret').physicalId).toBe(machine.physicalId);
    expect(result.outputs.Auth?.MachineSecret).toBe(machine.attributes.ClientSecret);
    expect(result.unresolved).toEqual([]);
  });

  it('keeps every id across restarts and tells stacks apart', () => {
    const again = resolve();
    for (const id of ['Pool', 'Machine', 'MachineSecret']) {
      expect(find(again, id).physicalId).toBe(find(result, id).physicalId);
      expect(find(again, id).attributes).toEqual(find(result, id).attributes);
    }
    const other = resolve('OtherStack');
    expect(find(other, 'Pool').physicalId).not.toBe(pool.physicalId);
    expect(find(other, 'Machine').attributes.ClientSecret).not.toBe(machine.attributes.ClientSecret);
  });
});
