/**
 * A server-sent events client on fetch, for the console's trace stream: its body read as it arrives,
 * split into events (`id`, `data`, or a `:` comment such as a heartbeat).
 */
export interface Sse {
  id?: string;
  data?: string;
  comment?: string;
}

/** Opens the stream and reads its events one at a time; `'ended'` once the server ends it. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const next = async (): Promise<Sse | 'ended'> => {
    for (;;) {
      const cut = buffered.indexOf('\n\n');
      if (cut >= 0) {
        const block = buffered.slice(0, cut);
        buffered = buffered.slice(cut + 2);
        const event: Sse = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) event.comment = line.slice(1).trim();
          else if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('data: ')) event.data = line.slice(6);
        }
        if (event.id !== undefined || event.data !== undefined || event.comment !== undefined) return event;
        continue;
      }
      const chunk = await reader.read();
      if (chunk.done) return 'ended';
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  };
  /** The next event that carries a record, its id and the record. */
  const nextRecord = async () => {
    for (;;) {
      const event = await next();
      if (event === 'ended') throw new Error('the stream ended');
      if (event.data) return { id: event.id, record: JSON.parse(event.data) as Record<string, unknown> };
    }
  };
  return { response, next, nextRecord, close: () => controller.abort() };
}
