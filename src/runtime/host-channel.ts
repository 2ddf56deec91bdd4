/**
 * What a method's side can ask of the host that holds ground truth: oracle
 * labels (the host keeps the budget and the count) and log lines. In a
 * method process these are messages; in the unsafe in-process mode, calls.
 */
export interface HostChannel {
  /** Declares the method's ground-truth budget, once, before it runs. */
  declareBudget(budget: number): Promise<void>;
  /** Labels of transfer rows; the host refuses what would exceed the declared budget. */
  oracle(rows: Int32Array): Promise<{ labels: Int32Array; used: number }>;
  log(message: string): void;
}
