import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { W2sClient } from './client.js';

/** A raw TCP server that drops the first `drops` connections without answering, then answers every request with `{"ok":true}`. */
function flaky(drops: number): Promise<{ server: Server; url: string; connections: () => number }> {
  let seen = 0;
  const server = createServer((socket) => {
    seen++;
    if (seen <= drops) {
      socket.resetAndDestroy();
      return;
    }
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{"ok":true}'));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, connections: () => seen })));
}

let open: Server | undefined;
afterEach(() => void open?.close());

describe('the client over a connection that fails', () => {
  it('retries a GET whose connection was reset before any answer', async () => {
    const f = await flaky(2);
    open = f.server;
    expect(await new W2sClient(f.url, 't').health()).toEqual({ ok: true });
    expect(f.connections()).toBe(3);
  });

  it('does not send a POST twice when its connection was reset, and says what failed', async () => {
    const f = await flaky(1);
    open = f.server;
    await expect(new W2sClient(f.url, 't').vote(1, 1)).rejects.toThrow(/POST \/api\/v1\/findings\/1\/votes on http:\/\/127\.0\.0\.1:\d+: fetch failed \(ECONNRESET/);
    expect(f.connections()).toBe(1);
  });

  it('gives up after its retries with the cause and the number of attempts', async () => {
    const f = await flaky(100);
    open = f.server;
    await expect(new W2sClient(f.url, 't', 2).health()).rejects.toThrow(/fetch failed \(ECONNRESET.*; 3 attempts\)/);
    expect(f.connections()).toBe(3);
  });
});
