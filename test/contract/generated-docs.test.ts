import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { validate } from '@readme/openapi-parser';
import { localStageTemplates } from '../../scripts/docs/cloud-assembly';
import type { StackTemplate } from '../../scripts/docs/stack-exports';
import { PUBLISHERS } from '../../scripts/event-catalogue';
import { docsFiles, generatedReadme, README_PATH, staleDocs, strayDocs } from '../../scripts/generate-docs';

/**
 * docs/ holds pictures and references generated from the synthesized app and the contracts' schemas
 * (`npm run docs`). They must be what the generator makes now, so they never drift from the system.
 * The app is synthesized once for the whole file.
 */
describe('the generated docs', () => {
  let stacks: StackTemplate[];
  let expected: Map<string, string>;

  beforeAll(() => {
    stacks = localStageTemplates();
    expected = docsFiles(stacks);
  }, 180_000);

  it('are what `npm run docs` makes from the app now (run `npm run docs` after changing lib/ or a contract)', () => {
    expect(staleDocs(expected)).toEqual([]);
    expect(strayDocs(expected)).toEqual([]);
  });

  it('lead the README with the services overview drawn from the app now (run `npm run docs`)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(generatedReadme(stacks, readme)).toBe(readme);
    for (const { stackName } of stacks) expect(readme).toContain(`${stackName.replace(/-/g, '_')}[`);
  });

  it('draw every stack the assembly holds, and every state machine', () => {
    const architecture = expected.get('architecture.md') ?? '';
    for (const { stackName } of stacks) expect(architecture).toContain(`\`${stackName}\``);
    // The saga's grant names no source: its definition's putEvents task does.
    expect(architecture).toContain('PutEvents shop.place-order-saga');
    const machines = stacks.flatMap(({ template }) =>
      Object.values(template.Resources ?? {}).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine'),
    );
    expect(machines.length).toBeGreaterThan(0);
    expect((expected.get('state-machines.md') ?? '').match(/```mermaid/g)).toHaveLength(machines.length);
  });

  it('follow every event type of the contracts from its publisher to its consumers', () => {
    const flow = expected.get('event-flow.md') ?? '';
    for (const { events } of PUBLISHERS)
      for (const type of Object.keys(events)) expect(flow).toContain(`## ${type}\n`);
    const placed = flow.slice(
      flow.indexOf('## OrderPlaced\n'),
      flow.indexOf('## ', flow.indexOf('## OrderPlaced\n') + 3),
    );
    expect(placed).toMatch(/PublishOrderEvents.*-->\|"PutEvents"\|/);
    expect(placed).toMatch(/StartSaga\w* -->\|"starts"\| \w*PlaceOrderSagaStateMachine/);
  });

  describe('OpenAPI 3.1 of the public APIs', () => {
    const openApi = () => [...expected].filter(([file]) => file.endsWith('.openapi.json'));

    it('documents the public API and both BFFs, each a valid OpenAPI 3.1 document', async () => {
      expect(openApi().map(([file]) => file)).toEqual(
        expect.arrayContaining([
          'api/public-api.openapi.json',
          'api/web-bff.openapi.json',
          'api/mobile-bff.openapi.json',
        ]),
      );
      for (const [file, content] of openApi()) {
        const result = await validate(JSON.parse(content));
        // A valid document's result has no errors at all; warnings are listed either way.
        expect({ file, ...result }).toMatchObject({ file, valid: true, warnings: [] });
      }
    });

    it('says what the gateway enforces: scopes, API keys, the body of the contract, problem+json', () => {
      const publicApi = JSON.parse(expected.get('api/public-api.openapi.json') ?? '{}');
      const placeOrder = publicApi.paths['/orders'].post;
      expect(placeOrder.security).toEqual([{ oauth2: ['shop/orders.write'] }]);
      expect(placeOrder.parameters).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
      );
      expect(placeOrder.requestBody.content['application/json'].schema.required).toEqual(
        expect.arrayContaining(['customerId', 'items', 'paymentToken', 'shippingAddress']),
      );
      expect(Object.keys(placeOrder.responses)).toEqual(
        expect.arrayContaining(['202', '400', '401', '403', '422']),
      );
      expect(publicApi.paths['/products/{sku}'].get.security).toEqual([]);
      const web = JSON.parse(expected.get('api/web-bff.openapi.json') ?? '{}');
      expect(web.paths['/me/orders'].get.security).toEqual([{ userPool: [], apiKey: [] }]);
    });

    it('would be refused by the validator if it were broken', async () => {
      const broken = JSON.parse(expected.get('api/public-api.openapi.json') ?? '{}');
      delete broken.paths['/orders'].post.responses['202'].description;
      await expect(validate(broken)).resolves.toMatchObject({ valid: false });
    });
  });

  describe('AsyncAPI 3.0 of the domain events', () => {
    const document = () => JSON.parse(expected.get('api/events.asyncapi.json') ?? '{}');
    const errorsOf = async (doc: unknown) => {
      const { diagnostics } = await new Parser().parse(doc as never);
      // Severity 0 is an error; warnings and hints are advice.
      return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    };

    it('parses with no error', async () => {
      expect(await errorsOf(document())).toEqual([]);
    });

    it('has a message per event type and version of every publisher, payloads as in docs/events', () => {
      const doc = document();
      const expectedIds = PUBLISHERS.flatMap(({ source, events }) =>
        Object.entries(events).flatMap(([type, versions]) =>
          Object.keys(versions.schemas).map((v) => `${source}.${type}.v${v}`),
        ),
      );
      expect(Object.keys(doc.components.messages).sort()).toEqual(expectedIds.sort());
      const placed = doc.components.messages['shop.orders.OrderPlaced.v2'].payload.schema;
      expect(placed.properties.data.required).toEqual(expect.arrayContaining(['orderId', 'items']));
    });

    it('names the producers and the consumers from the grants and the rules', () => {
      const operations = Object.values(document().operations) as Array<{
        action: string;
        title: string;
        description: string;
      }>;
      expect(operations).toContainEqual(
        expect.objectContaining({ action: 'send', title: 'PublishOrderEvents publishes shop.orders' }),
      );
      expect(operations.filter((op) => op.action === 'receive').map((op) => op.description)).toContainEqual(
        expect.stringMatching(
          /^Rule Choreography OnOrderPlaced matches OrderPlaced and delivers to Choreography -> Choreography Consumer/,
        ),
      );
    });

    it('would be refused by the parser if it were broken', async () => {
      const broken = document();
      broken.operations.broken = { action: 'send', channel: { $ref: '#/channels/nowhere' } };
      expect(await errorsOf(broken)).not.toEqual([]);
    });
  });
});
