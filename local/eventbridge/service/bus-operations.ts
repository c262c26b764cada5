import type { Archives } from '../archives';
import { busNameOf } from '../model/properties';
import type { EventBridgeModel } from '../model/types';
import { notFound, optionalString, paginate } from './request';

/** ListEventBuses, DescribeEventBus and ListArchives. */

export function listEventBuses(model: EventBridgeModel, input: Record<string, unknown>): unknown {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const buses = [...model.buses.values()]
    .filter((bus) => bus.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(buses, input);
  return { EventBuses: page.map((bus) => ({ Name: bus.name, Arn: bus.arn })), NextToken: nextToken };
}

export function describeEventBus(model: EventBridgeModel, input: Record<string, unknown>): unknown {
  const name = busNameOf(optionalString(input, 'Name') ?? 'default');
  const bus = model.buses.get(name);
  if (!bus) throw notFound(`Event bus ${name} does not exist.`);
  return { Name: bus.name, Arn: bus.arn };
}

export function listArchives(
  model: EventBridgeModel,
  archives: Archives,
  input: Record<string, unknown>,
): unknown {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const matching = archives.models.filter((archive) => archive.name.startsWith(prefix));
  const { page, nextToken } = paginate(matching, input);
  return {
    Archives: page.map((archive) => ({
      ArchiveName: archive.name,
      EventSourceArn: model.buses.get(archive.eventBusName)?.arn ?? archive.eventBusName,
      State: 'ENABLED',
      RetentionDays: archive.retentionDays,
      EventCount: archives.eventsOf(archive.name)?.length ?? 0,
    })),
    NextToken: nextToken,
  };
}
