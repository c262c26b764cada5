import { TemplateResolutionError } from '../resolution-error';

/** Argument checks shared by the intrinsic functions; each failure names the function and the location. */

export function argumentList(fn: string, args: unknown, at: string, min: number, max = min): unknown[] {
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    const count = min === max ? `${min}` : `${min} to ${max}`;
    throw new TemplateResolutionError(
      at,
      `${fn} takes a list of ${count} arguments, got ${JSON.stringify(args)}`,
    );
  }
  return args;
}

export function stringValue(fn: string, value: unknown, at: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateResolutionError(at, `${fn} expects a string, got ${JSON.stringify(value)}`);
}

export function listValue(fn: string, value: unknown, at: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new TemplateResolutionError(at, `${fn} expects a list, got ${JSON.stringify(value)}`);
}
