import * as path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { shopTemplates } from '../helpers/shop-templates';

const ASSET_HASH = /[0-9a-f]{64}/g;
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The template with what changes without an infrastructure change masked: asset hashes (they follow the
 * Lambda code) and the checkout's absolute path (in asset metadata).
 */
function masked(template: Template): unknown {
  return JSON.parse(JSON.stringify(template.toJSON()), (_key, value: unknown) =>
    typeof value === 'string'
      ? value.replace(ASSET_HASH, '<asset-hash>').split(REPO_ROOT).join('<repo>')
      : value,
  );
}

describe('local stage templates (review every change to these snapshots)', () => {
  const { events, orders, inventory, customers, payments, shipping, saga, edge, apps, push, notifications } =
    shopTemplates('local');

  it('Events stack', () => {
    expect(masked(events)).toMatchSnapshot();
  });

  it('Orders stack', () => {
    expect(masked(orders)).toMatchSnapshot();
  });

  it('Inventory stack', () => {
    expect(masked(inventory)).toMatchSnapshot();
  });

  it('Customers stack', () => {
    expect(masked(customers)).toMatchSnapshot();
  });

  it('Payments stack', () => {
    expect(masked(payments)).toMatchSnapshot();
  });

  it('Shipping stack', () => {
    expect(masked(shipping)).toMatchSnapshot();
  });

  it('Saga stack', () => {
    expect(masked(saga)).toMatchSnapshot();
  });

  it('Edge stack', () => {
    expect(masked(edge)).toMatchSnapshot();
  });

  it('Apps stack', () => {
    expect(masked(apps)).toMatchSnapshot();
  });

  it('Push stack', () => {
    expect(masked(push)).toMatchSnapshot();
  });

  it('Notifications stack', () => {
    expect(masked(notifications)).toMatchSnapshot();
  });

  it('masks the asset hash of every function bundle, so code changes leave the snapshots alone', () => {
    const stacks = [
      events,
      orders,
      inventory,
      customers,
      payments,
      shipping,
      saga,
      edge,
      apps,
      push,
      notifications,
    ];
    const functions = stacks.flatMap((t) => Object.values(t.findResources('AWS::Lambda::Function')));
    expect(functions).toHaveLength(47);
    for (const fn of functions) expect(fn.Properties.Code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);

    const maskedText = JSON.stringify(stacks.map(masked));
    expect(maskedText).not.toMatch(ASSET_HASH);
    expect(maskedText).not.toContain(REPO_ROOT);
    expect(maskedText).toContain('"S3Key":"<asset-hash>.zip"');
  });
});
