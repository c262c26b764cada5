import type { AwsJsonService } from '../../endpoint/aws-json-service';
import { EndpointServer } from '../../endpoint/endpoint-server';

/**
 * One local AWS JSON service behind the local cloud's own endpoint server, on a free port: tests talk
 * to it with the unchanged AWS SDK exactly as functions and people do through `npm start`.
 */
export async function serveAwsJson(
  service: AwsJsonService,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = new EndpointServer({ services: [service] });
  const url = await server.listen(0);
  return { url, close: () => server.close() };
}
