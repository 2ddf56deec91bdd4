/** Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), black dropped for series. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

/** Fixed colours for the three protocol roles, used by every chart. */
export const ROLE_COLOR = { weak: '#D55E00', ceiling: '#009E73', transfer: '#0072B2' } as const;
export type Role = keyof typeof ROLE_COLOR;
export const ROLES: Role[] = ['weak', 'ceiling', 'transfer'];

export function seriesColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** Dash patterns so series stay apart in greyscale print too. */
export const ROLE_DASH: Record<Role, string | undefined> = { weak: '5 3', ceiling: '2 2', transfer: undefined };
