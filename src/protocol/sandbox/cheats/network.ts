import { connect } from 'node:net';
import { cheat } from './cheat.js';

/** Connects to a port on this machine (the test listens there and counts connections), by TCP and by fetch. */
export default cheat('cheat_network', async (ctx, p) => {
  const port = Number(p.port);
  await new Promise<void>((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      ctx.log('GOT a TCP connection');
      s.end();
      resolve();
    });
    s.on('error', (e) => {
      ctx.log(`tcp: ${(e as NodeJS.ErrnoException).code}`);
      resolve();
    });
  });
  try {
    await fetch(`http://127.0.0.1:${port}/labels`);
    ctx.log('GOT an HTTP answer');
  } catch (e) {
    ctx.log(`fetch: ${String((e as { cause?: { code?: string } }).cause?.code ?? e)}`);
  }
  return null;
});
