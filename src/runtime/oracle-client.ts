import type { Oracle } from '../contract/types.js';
import type { HostChannel } from './host-channel.js';

/** The method's view of the oracle: every query goes to the host, which holds the labels and the count. */
export class OracleClient implements Oracle {
  private count = 0;
  private readonly asked: string[] = [];
  private readonly seen = new Set<number>();
  constructor(
    readonly budget: number,
    private readonly ids: readonly string[],
    private readonly host: HostChannel,
  ) {}
  get used(): number {
    return this.count;
  }
  get queried(): readonly string[] {
    return this.asked;
  }
  async query(rows: Int32Array): Promise<Int32Array> {
    if (!(rows instanceof Int32Array)) throw new Error('oracle.query: rows must be an Int32Array of transfer row indices');
    for (const r of rows) if (r < 0 || r >= this.ids.length) throw new Error(`oracle.query: row ${r} is outside the transfer pool (0..${this.ids.length - 1})`);
    const { labels, used } = await this.host.oracle(rows);
    for (const r of rows) {
      if (this.seen.has(r)) continue;
      this.seen.add(r);
      this.asked.push(this.ids[r]);
    }
    this.count = used;
    return labels;
  }
}
