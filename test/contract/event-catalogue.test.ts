import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { ORDERS_EVENTS } from '../../lambdas/orders/contract';
import type { ServiceEvents } from '../../lambdas/shared/events/event-versions';
import { CATALOGUE_DIR, catalogueFiles, PUBLISHERS, staleFiles } from '../../scripts/event-catalogue';
import { catalogueValidator, committedDocument } from './catalogue';

/**
 * The committed catalogue (docs/events) is the published contract. It must be what the contract modules
 * make now; a published version must never change (a removed field, a narrowed type: a new version);
 * every example must be valid against its own version.
 */
describe('the event catalogue', () => {
  const expected = catalogueFiles();

  it('is what the contract modules make now (run `npm run events:catalogue` after adding a version)', () => {
    expect(staleFiles(expected)).toEqual([]);
  });

  it('keeps every published version: none is removed from the code', () => {
    const committed = readdirSync(CATALOGUE_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.schema.json'))
      .map((file) => file.split(path.sep).join('/'));
    expect(committed.filter((file) => !expected.has(file))).toEqual([]);
  });

  it('fails when a field of a published version is removed or narrowed, not only when versions are added', () => {
    const placed = ORDERS_EVENTS.events.OrderPlaced;
    if (placed === undefined) throw new Error('no OrderPlaced');
    const current = placed.schemas[2] as z.ZodMiniObject;
    const { currency: _removed, ...withoutCurrency } = current.shape;
    const { sagaStyle: _narrowed, ...rest } = current.shape;
    for (const changed of [
      z.object(withoutCurrency),
      z.object({ ...rest, sagaStyle: z.literal('orchestration') }),
    ]) {
      const broken: ServiceEvents = {
        ...ORDERS_EVENTS,
        events: {
          ...ORDERS_EVENTS.events,
          OrderPlaced: { ...placed, schemas: { ...placed.schemas, 2: changed } },
        },
      };
      expect(staleFiles(catalogueFiles([broken]))).toContain('shop.orders/OrderPlaced.v2.schema.json');
    }
  });

  it("holds an example of every version that is valid against that version's schema", () => {
    const validate = catalogueValidator();
    let checked = 0;
    for (const { source, events } of PUBLISHERS) {
      for (const [detailType, versions] of Object.entries(events)) {
        for (const version of Object.keys(versions.schemas).map(Number)) {
          const document = committedDocument(source, detailType, version);
          expect(document.examples).toHaveLength(1);
          expect({ [`${detailType} v${version}`]: validate(document, document.examples[0]) }).toEqual({
            [`${detailType} v${version}`]: [],
          });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
